#!/usr/bin/env python3
"""A complete Tenet plugin in Python: the `tenet-echo` plugin, rewritten with pyzmq.

It meets the plugin contract exactly as the Swift runtime (TenetPlugin) does:

* reads the contract from its environment (TENET_PLUGIN_NAME, TENET_BUS_PUBLISH,
  TENET_BUS_SUBSCRIBE, TENET_PLUGIN_ENDPOINT, TENET_HEARTBEAT_INTERVAL_MS);
* connects a PUB socket to the event bus and publishes `sys.heartbeat.<name>` every
  interval, and `sys.lifecycle.<name>.ready|stopping|stopped`;
* binds a ROUTER socket on its own endpoint and answers `ping` and `echo`; any other
  method gets an `unknown_method` error reply; DEALER and REQ clients both work;
* stops gracefully on SIGTERM or SIGINT and exits 0;
* on a wrong environment, writes one line `echo_plugin: MESSAGE` on standard error and exits
  with code 78 (a configuration error), as Swift plugins do; any other failure exits 1.

Run it from a stack file (see docs/PLUGINS.md):

    plugins:
      - name: pyecho
        command: /usr/bin/python3
        args: [docs/examples/python/echo_plugin.py]

Needs only pyzmq and the standard library. Logs go to standard error, which the supervisor
appends to DATA/logs/<name>.log.
"""

import json
import os
import secrets
import signal
import sys
import time

import zmq

PROTOCOL_VERSION = 1
REQUIRED_HEADER_FIELDS = {
    "version": int,
    "id": str,
    "sender": str,
    "instance": str,
    "seq": int,
    "time": str,
    "type": str,
}


def log(message):
    """One line on standard error (the supervisor keeps it in DATA/logs/NAME.log)."""
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    print(f"{stamp} {message}", file=sys.stderr, flush=True)


def rfc3339_now():
    """The current UTC time as RFC 3339 with milliseconds: 2026-11-22T08:20:16.123Z."""
    nanoseconds = time.time_ns()
    seconds, rest = divmod(nanoseconds, 1_000_000_000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + ".%03dZ" % (rest // 1_000_000)


def encode_json(value):
    """Compact JSON. Sorted keys are a habit taken from the Swift side: readers must not
    depend on the order of keys."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


class Stamper:
    """Stamps outgoing messages with this process's identity and their sequence numbers.

    `seq` counts per topic: 1, 2, 3… on `sys.heartbeat.<name>`, and separately on every other
    topic (for replies the topic is the method, so per method). Subscribers receive only the
    topics they subscribed to and track each (sender, topic) on its own, so they see no false
    gaps. The `id` is `<instance>-<n>`, where n counts every message this stamper has sent, on
    all topics, which keeps ids unique.

    One stamper per socket, as in the Swift runtime: the bus publisher has its own and the
    request endpoint has its own (with a different `instance`).
    """

    def __init__(self, sender):
        self.sender = sender
        self.instance = secrets.token_hex(6)  # 12 random hex digits
        self.count = 0        # every message stamped, on all topics: the n of `id`
        self.sequences = {}   # topic -> the last `seq` stamped on it

    def frames(self, topic, message_type, body, correlation=None):
        """The three frames [topic, header, body]; `body` is already encoded JSON (bytes)."""
        self.count += 1
        seq = self.sequences.get(topic, 0) + 1
        self.sequences[topic] = seq
        header = {
            "version": PROTOCOL_VERSION,
            "id": f"{self.instance}-{self.count}",
            "sender": self.sender,
            "instance": self.instance,
            "seq": seq,
            "time": rfc3339_now(),
            "type": message_type,
        }
        if correlation is not None:
            header["correlation"] = correlation
        return [topic.encode("utf-8"), encode_json(header), body]


class Contract:
    """The plugin contract, read from the environment."""

    def __init__(self, environ):
        def required(key):
            value = environ.get(key, "")
            if not value:
                raise ValueError(f"{key} is not set: start this plugin from `tenet up` or set it by hand")
            return value

        self.name = required("TENET_PLUGIN_NAME")
        self.publish = required("TENET_BUS_PUBLISH")
        self.subscribe = required("TENET_BUS_SUBSCRIBE")  # unused here: a subscriber would connect a SUB
        self.endpoint = environ.get("TENET_PLUGIN_ENDPOINT", "")
        if not self.endpoint:
            raise ValueError("TENET_PLUGIN_ENDPOINT is not set, so this plugin has nowhere to serve requests")
        text = environ.get("TENET_HEARTBEAT_INTERVAL_MS", "1000")
        try:
            milliseconds = int(text)
        except ValueError:
            milliseconds = 0
        if milliseconds <= 0:
            raise ValueError(
                f"TENET_HEARTBEAT_INTERVAL_MS: '{text}' is not a positive whole number of milliseconds")
        self.heartbeat_interval = milliseconds / 1000.0


def read_request(frames):
    """Splits a ROUTER message into (envelope, rest).

    A DEALER peer sends [topic, header, body], which the ROUTER receives as
    [routing id, topic, header, body]. A REQ peer adds an empty delimiter frame:
    [routing id, "", topic, header, body]. The envelope is sent back in front of the reply.
    """
    has_delimiter = len(frames) >= 5 and frames[1] == b""
    envelope = frames[:2] if has_delimiter else frames[:1]
    return envelope, frames[len(envelope):]


def parse_message(frames):
    """Reads [topic, header, body]; returns (topic, header, body) or raises ValueError."""
    if len(frames) != 3:
        raise ValueError(f"expected 3 frames [topic, header, body], got {len(frames)}")
    try:
        topic = frames[0].decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("the topic frame is not UTF-8") from None
    try:
        header = json.loads(frames[1])
    except (ValueError, UnicodeDecodeError) as error:
        raise ValueError(f"header of '{topic}': not JSON ({error})") from None
    if not isinstance(header, dict):
        raise ValueError(f"header of '{topic}': expected a JSON object")
    for field, kind in REQUIRED_HEADER_FIELDS.items():
        if field not in header:
            raise ValueError(f"header of '{topic}': `{field}` is missing")
        value = header[field]
        if not isinstance(value, kind) or isinstance(value, bool) or (field == "seq" and value < 0):
            raise ValueError(f"header of '{topic}': `{field}` has the wrong type")
    if header["version"] > PROTOCOL_VERSION:
        raise ValueError(f"header of '{topic}': version {header['version']} is newer than {PROTOCOL_VERSION}")
    # Unknown header fields are ignored, as the protocol asks.
    return topic, header, frames[2]


class EchoPlugin:
    def __init__(self, contract):
        self.contract = contract
        self.name = contract.name
        self.stopping = False
        self.started = time.monotonic()
        self.heartbeats = 0
        self.context = zmq.Context()
        # Publisher: a PUB connected to the bus's XSUB side. Sends never block.
        self.pub = self.context.socket(zmq.PUB)
        self.pub.setsockopt(zmq.SNDHWM, 100_000)
        self.pub.connect(contract.publish)
        self.bus = Stamper(self.name)
        # Request endpoint: a ROUTER bound on the plugin's own address.
        self.router = self.context.socket(zmq.ROUTER)
        self.router.setsockopt(zmq.LINGER, 500)
        self.router.bind(contract.endpoint)
        self.replies = Stamper(self.name)
        # A PUB socket drops what it publishes until the bus's subscriptions have reached it
        # (ZeroMQ's "slow joiner"). A moment's wait usually lets `ready` and the first heartbeat
        # through, but `ready` stays best effort: the supervisor's sys.plugin.<name>.running is
        # the authoritative sign that this plugin is up.
        time.sleep(0.1)

    # Publishing

    def publish(self, topic, message_type, body):
        try:
            self.pub.send_multipart(self.bus.frames(topic, message_type, encode_json(body)), flags=zmq.NOBLOCK)
        except zmq.Again:
            pass  # a full queue drops the message; subscribers see the gap in this topic's `seq`

    def heartbeat(self):
        self.heartbeats += 1
        self.publish(f"sys.heartbeat.{self.name}", "heartbeat", {
            "pid": os.getpid(),
            "uptime_seconds": time.monotonic() - self.started,
            "count": self.heartbeats,
        })

    def lifecycle(self, phase):
        self.publish(f"sys.lifecycle.{self.name}.{phase}", "lifecycle", {"phase": phase, "pid": os.getpid()})

    # Requests

    def answer(self, method, header, body):
        """Returns (type, body bytes) for a readable request."""
        if method == "ping":
            return "reply", encode_json({"pong": True, "plugin": self.name})
        if method == "echo":
            return "reply", body  # the request body, unchanged
        return "error", encode_json({
            "code": "unknown_method",
            "message": f"no method named '{method}' on this endpoint",
        })

    def serve_requests(self):
        while True:
            try:
                frames = self.router.recv_multipart(flags=zmq.NOBLOCK)
            except zmq.Again:
                return
            if len(frames) < 2:
                continue
            envelope, rest = read_request(frames)
            try:
                method, header, body = parse_message(rest)
            except ValueError as error:
                # Unreadable: answer without a correlation (there may be no id to name).
                try:
                    method = rest[0].decode("utf-8") if rest else ""
                except UnicodeDecodeError:
                    method = ""
                reply = self.replies.frames(method, "error", encode_json({"code": "bad_message", "message": str(error)}))
            else:
                reply_type, reply_body = self.answer(method, header, body)
                reply = self.replies.frames(method, reply_type, reply_body, correlation=header["id"])
            try:
                # A ROUTER drops replies to peers that went away; it never blocks.
                self.router.send_multipart(envelope + reply, flags=zmq.NOBLOCK)
            except zmq.ZMQError as error:
                log(f"could not reply to '{method}': {error}")

    # The loop

    def request_stop(self, signum, _frame):
        if not self.stopping:
            log(f"{signal.Signals(signum).name} received: stopping")
        self.stopping = True

    def run(self):
        interval = self.contract.heartbeat_interval
        poller = zmq.Poller()
        poller.register(self.router, zmq.POLLIN)
        self.lifecycle("ready")
        log(f"ready: serving {self.contract.endpoint}, heartbeat every {interval:g}s")
        next_beat = time.monotonic()
        while not self.stopping:
            now = time.monotonic()
            if now >= next_beat:
                self.heartbeat()
                next_beat += interval
                if next_beat <= now:  # fell behind (suspended?): keep the pace from now on
                    next_beat = now + interval
            timeout_ms = max(0, min(100, int((next_beat - time.monotonic()) * 1000)))
            try:
                events = dict(poller.poll(timeout_ms))
            except zmq.ZMQError as error:
                if error.errno == zmq.EINTR:
                    continue  # a signal arrived; the loop condition sees it
                raise
            if self.router in events:
                self.serve_requests()
        self.shutdown()

    def shutdown(self):
        self.lifecycle("stopping")
        self.router.close()  # linger 500 ms: replies already queued still go out
        self.lifecycle("stopped")
        self.pub.close(linger=500)
        self.context.term()
        log("stopped")


def main():
    try:
        contract = Contract(os.environ)
    except ValueError as error:
        print(f"echo_plugin: {error}", file=sys.stderr, flush=True)
        return 78  # EX_CONFIG: the operator must fix the environment; restarting will not help
    plugin = EchoPlugin(contract)
    signal.signal(signal.SIGTERM, plugin.request_stop)
    signal.signal(signal.SIGINT, plugin.request_stop)
    log(f"echo plugin '{contract.name}' starting (pid {os.getpid()})")
    plugin.run()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as error:  # anything else: one line naming the cause, exit code 1
        print(f"echo_plugin: {error}", file=sys.stderr, flush=True)
        sys.exit(1)
