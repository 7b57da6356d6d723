#!/usr/bin/env python3
"""A Tenet plugin in Python that follows every stored event and counts them by type.

It shows what a plugin that consumes events needs, with pyzmq and the standard library only:

* the plugin contract (heartbeat, lifecycle, SIGTERM), as in echo_plugin.py;
* the store's endpoint from TENET_ENDPOINT_STORE (else from the supervisor's `status`);
* following the store's `event.` stream exactly once and in order: replay from the store at
  start, after a gap and when `sys.store.head` is ahead, in pages, without ever blocking the
  loop that sends the heartbeats (docs/STORE.md, "Catching up");
* its own state (the last sequence number handled and the counts) saved together in
  DATA/<name>.state.json, so that after a restart or a kill -9 it resumes where it was;
* a request method, `counts`, and a topic of its own, `tally.counts`.

Run it from a stack file (see docs/PLUGINS.md):

    plugins:
      - name: tally
        command: /usr/bin/python3
        args: [docs/examples/python/follower_plugin.py]
        order: 30            # after the store

Ask it for its counts with any client (method `counts`, body {}): the reply is
{"last_seq": N, "counts": {"conversation.opened": 2, ...}, "catching_up": false}.
"""

import json
import os
import secrets
import signal
import sys
import time

import zmq

PROTOCOL_VERSION = 1


def log(message):
    """One line on standard error (the supervisor keeps it in DATA/logs/NAME.log)."""
    print(f"{time.strftime('%Y-%m-%dT%H:%M:%S%z')} {message}", file=sys.stderr, flush=True)


def rfc3339_now():
    """The current UTC time as RFC 3339 with milliseconds: 2026-11-22T08:20:16.123Z."""
    seconds, rest = divmod(time.time_ns(), 1_000_000_000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + ".%03dZ" % (rest // 1_000_000)


def encode_json(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


class Stamper:
    """Stamps outgoing messages: one per socket, `seq` per topic, `id` = instance-total."""

    def __init__(self, sender):
        self.sender = sender
        self.instance = secrets.token_hex(6)
        self.count = 0
        self.sequences = {}

    def frames(self, topic, message_type, body, correlation=None):
        self.count += 1
        seq = self.sequences.get(topic, 0) + 1
        self.sequences[topic] = seq
        header = {"version": PROTOCOL_VERSION, "id": f"{self.instance}-{self.count}", "sender": self.sender,
                  "instance": self.instance, "seq": seq, "time": rfc3339_now(), "type": message_type}
        if correlation is not None:
            header["correlation"] = correlation
        return [topic.encode("utf-8"), encode_json(header), body]


class ConfigurationError(Exception):
    """Something the operator must fix: the plugin exits with code 78."""


def endpoint_of(plugin, sender):
    """The request endpoint of another plugin of the stack.

    The supervisor passes every plugin's endpoint as TENET_ENDPOINT_<NAME> (the name in
    capitals, other characters as `_`). A plugin started by hand may lack it: then ask the
    supervisor's `status` method, whose reply lists every endpoint.
    """
    variable = "TENET_ENDPOINT_" + "".join(c if c.isascii() and c.isalnum() else "_" for c in plugin.upper())
    if os.environ.get(variable):
        return os.environ[variable]
    control = os.environ.get("TENET_CONTROL")
    if not control:
        raise ConfigurationError(f"{variable} is not set and there is no supervisor to ask (TENET_CONTROL)")
    context = zmq.Context.instance()
    socket = context.socket(zmq.DEALER)
    socket.setsockopt(zmq.LINGER, 0)
    socket.connect(control)
    stamper = Stamper(sender)
    frames = stamper.frames("status", "request", b"{}")
    socket.send_multipart(frames)
    request_id = json.loads(frames[1])["id"]
    try:
        while socket.poll(5000):
            _topic, header, body = socket.recv_multipart()
            if json.loads(header).get("correlation") == request_id:
                endpoint = json.loads(body)["endpoints"]["plugins"].get(plugin)
                if endpoint:
                    return endpoint
                raise ConfigurationError(f"the stack has no plugin named '{plugin}'; set {variable}")
        raise ConfigurationError(f"{variable} is not set and the supervisor did not answer `status`")
    finally:
        socket.close()


class Follower:
    """Follows the store's events exactly once and in order, without ever blocking.

    Register `follower.live` and `follower.store` in your poller, and call
    `follower.work(readable)` after every poll with the sockets found readable (an empty
    set when the poll timed out). Each call reads what is waiting, hands the events that
    are next in order to `handle(entry)`, and asks the store for what is missing. It never
    waits: a replay is a request whose reply arrives in a later call, so the loop that
    calls it goes on sending heartbeats. `entry` is {"seq", "id", "type", "event"}.
    """

    PAGE = 1000             # events per replay request: a page is handled in milliseconds
    REPLY_WAIT = 30.0       # seconds to wait for a replay's reply before asking again
    LIVE_PER_CALL = 1000    # live messages read per call, so that one call stays short

    def __init__(self, context, subscribe_endpoint, store_endpoint, sender, last, handle):
        # Subscribe first, then replay: what is published meanwhile waits in this socket.
        self.live = context.socket(zmq.SUB)
        self.live.setsockopt(zmq.RCVHWM, 100_000)
        self.live.setsockopt(zmq.SUBSCRIBE, b"event.")
        self.live.setsockopt(zmq.SUBSCRIBE, b"sys.store.head")
        self.live.connect(subscribe_endpoint)
        self.store = context.socket(zmq.DEALER)
        self.store.setsockopt(zmq.LINGER, 0)
        self.store.connect(store_endpoint)
        self.stamper = Stamper(sender)
        self.handle = handle
        self.last = last            # the store seq of the last event handled
        self.known = last           # the highest store seq known to exist
        self.started = False        # replayed once: at start the store may hold events we lack
        self.pending = None         # the id of the replay request in flight
        self.next_ask = 0.0         # when to ask the store (again)
        self.replayed = 0           # events that came from replays, for the log

    @property
    def behind(self):
        return not self.started or self.last < self.known

    def work(self, readable):
        if self.store in readable:
            self._read_replies()
        if self.live in readable:
            self._read_live()
        now = time.monotonic()
        if self.behind and now >= self.next_ask:     # no replay in flight, or it took too long
            frames = self.stamper.frames("replay", "request", encode_json({"after": self.last, "limit": self.PAGE}))
            try:
                self.store.send_multipart(frames, zmq.NOBLOCK)
            except zmq.Again:                          # the store's queue is full: try again in a second
                self.next_ask = now + 1.0
                return
            self.pending = json.loads(frames[1])["id"]
            self.next_ask = now + self.REPLY_WAIT

    def _offer(self, entry):
        """Every entry, live or replayed, goes through here: its seq decides."""
        self.known = max(self.known, entry["seq"])
        if entry["seq"] == self.last + 1:
            self.handle(entry)
            self.last = entry["seq"]
        # seq <= last: already handled (a replay and the stream overlap): drop it.
        # seq > last + 1: a gap; `known` is now ahead, so a replay brings it and those before it.

    def _read_live(self):
        for _ in range(self.LIVE_PER_CALL):
            try:
                frames = self.live.recv_multipart(zmq.NOBLOCK)
            except zmq.Again:
                return
            try:                                           # anyone may publish on the bus: a message
                topic, _header, body = frames              # that is not what the protocol says is
                message = json.loads(body)                 # skipped, never fatal
                if topic == b"sys.store.head":             # {"last_seq": N}, every second:
                    self.known = max(self.known, int(message["last_seq"]))   # finds a lost end of a burst
                else:
                    self._offer({**message, "seq": int(message["seq"])})
            except (ValueError, TypeError, KeyError) as error:
                log(f"skipped a malformed message on the bus: {error!r}")

    def _read_replies(self):
        while True:
            try:
                _topic, header, body = self.store.recv_multipart(zmq.NOBLOCK)
            except zmq.Again:
                return
            header = json.loads(header)
            if header.get("correlation") != self.pending:
                continue                                   # the reply to a request given up on
            self.pending = None
            reply = json.loads(body)
            if header["type"] == "error":                  # {"code", "message"}: ask again in a second
                log(f"replay failed: {reply['code']}: {reply['message']}")
                self.next_ask = time.monotonic() + 1.0
                continue
            self.started = True
            for entry in reply["events"]:
                before = self.last
                self._offer(entry)
                self.replayed += self.last - before
            self.known = max(self.known, reply["last_seq"])
            # The next page at once; after an empty page, not before a second (never spin).
            self.next_ask = 0.0 if reply["events"] else time.monotonic() + 1.0

    def close(self):
        self.live.close()
        self.store.close()


class TallyPlugin:
    def __init__(self):
        try:
            self.name = os.environ["TENET_PLUGIN_NAME"]
            publish = os.environ["TENET_BUS_PUBLISH"]
            subscribe = os.environ["TENET_BUS_SUBSCRIBE"]
            data = os.environ["TENET_DATA_DIR"]
        except KeyError as missing:
            raise ConfigurationError(f"{missing.args[0]} is not set: start this plugin from `tenet up`") from None
        self.interval = int(os.environ.get("TENET_HEARTBEAT_INTERVAL_MS", "1000")) / 1000
        self.state_path = os.path.join(data, f"{self.name}.state.json")
        self.last, self.counts = 0, {}
        if os.path.exists(self.state_path):
            with open(self.state_path, encoding="utf-8") as file:
                state = json.load(file)
            self.last, self.counts = state["last_seq"], state["counts"]
        self.saved = self.last
        self.stopping = False
        self.started = time.monotonic()
        self.heartbeats = 0
        self.context = zmq.Context.instance()
        self.pub = self.context.socket(zmq.PUB)
        self.pub.setsockopt(zmq.SNDHWM, 100_000)
        self.pub.connect(publish)
        self.bus = Stamper(self.name)
        self.router = None
        if os.environ.get("TENET_PLUGIN_ENDPOINT"):
            self.router = self.context.socket(zmq.ROUTER)
            self.router.setsockopt(zmq.LINGER, 500)
            self.router.bind(os.environ["TENET_PLUGIN_ENDPOINT"])
            self.replies = Stamper(self.name)
        store = endpoint_of("store", self.name)
        self.follower = Follower(self.context, subscribe, store, self.name, self.last, self.count)
        time.sleep(0.1)   # the slow joiner: let the bus's subscriptions reach the PUB socket
        log(f"following the store at {store} from seq {self.last}")

    def count(self, entry):
        """The follower's handler: called once per stored event, in seq order."""
        self.counts[entry["type"]] = self.counts.get(entry["type"], 0) + 1

    def save(self):
        """Writes the last seq and the counts together, atomically: they always agree."""
        last = self.follower.last
        if last == self.saved:
            return
        temporary = self.state_path + ".tmp"
        with open(temporary, "w", encoding="utf-8") as file:
            json.dump({"last_seq": last, "counts": self.counts}, file, sort_keys=True)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, self.state_path)
        self.saved = last
        # A topic of this plugin's own: tally.<what>, never event. or sys.
        self.publish("tally.counts", "tally.counts", {"last_seq": last, "counts": self.counts})

    def publish(self, topic, message_type, body):
        try:
            self.pub.send_multipart(self.bus.frames(topic, message_type, encode_json(body)), zmq.NOBLOCK)
        except zmq.Again:
            pass

    def heartbeat(self):
        self.heartbeats += 1
        self.publish(f"sys.heartbeat.{self.name}", "heartbeat", {
            "pid": os.getpid(), "uptime_seconds": time.monotonic() - self.started, "count": self.heartbeats})

    def lifecycle(self, phase):
        self.publish(f"sys.lifecycle.{self.name}.{phase}", "lifecycle", {"phase": phase, "pid": os.getpid()})

    def serve_requests(self):
        while True:
            try:
                frames = self.router.recv_multipart(zmq.NOBLOCK)
            except zmq.Again:
                return
            delimiter = len(frames) >= 5 and frames[1] == b""
            envelope, rest = frames[:2 if delimiter else 1], frames[2 if delimiter else 1:]
            try:
                if len(rest) != 3:
                    raise ValueError(f"expected 3 frames [topic, header, body], got {len(rest)}")
                method = rest[0].decode("utf-8")
                header = json.loads(rest[1])
                if not isinstance(header, dict) or not isinstance(header.get("id"), str):
                    raise ValueError("the header is not a JSON object with an `id`")
                request_id = header["id"]
            except ValueError as error:                   # JSON and UTF-8 errors are ValueErrors
                try:
                    topic = rest[0].decode("utf-8") if rest else ""   # the request's topic, if readable
                except UnicodeDecodeError:
                    topic = ""
                reply = self.replies.frames(topic, "error", encode_json({"code": "bad_message", "message": str(error)}))
            else:
                if method == "counts":
                    reply = self.replies.frames(method, "reply", encode_json({
                        "last_seq": self.follower.last, "counts": self.counts,
                        "catching_up": self.follower.behind}), correlation=request_id)
                else:
                    reply = self.replies.frames(method, "error", encode_json({
                        "code": "unknown_method", "message": f"no method named '{method}' (this plugin answers counts)"}),
                        correlation=request_id)
            self.router.send_multipart(envelope + reply, zmq.NOBLOCK)

    def request_stop(self, _signum, _frame):
        self.stopping = True

    def run(self):
        poller = zmq.Poller()
        for socket in (self.follower.live, self.follower.store, self.router):
            if socket is not None:
                poller.register(socket, zmq.POLLIN)
        self.lifecycle("ready")
        next_beat = next_save = time.monotonic()
        caught_up = False
        while not self.stopping:
            now = time.monotonic()
            if now >= next_beat:
                self.heartbeat()
                next_beat = max(next_beat + self.interval, now)
            if now >= next_save:
                self.save()                               # at most once a second
                next_save = now + 1.0
            timeout_ms = max(0, min(100, int((next_beat - time.monotonic()) * 1000)))
            try:
                readable = dict(poller.poll(timeout_ms))
            except zmq.ZMQError as error:
                if error.errno == zmq.EINTR:
                    continue
                raise
            if self.router is not None and self.router in readable:
                self.serve_requests()
            self.follower.work(readable)
            if not self.follower.behind and not caught_up:
                log(f"caught up at seq {self.follower.last} ({self.follower.replayed} events replayed so far)")
            caught_up = not self.follower.behind
        self.lifecycle("stopping")
        self.save()
        self.follower.close()
        if self.router is not None:
            self.router.close()
        self.lifecycle("stopped")
        self.pub.close(linger=500)
        self.context.term()
        log(f"stopped at seq {self.follower.last}: {json.dumps(self.counts, sort_keys=True)}")


def main():
    program = os.path.basename(sys.argv[0]).removesuffix(".py")
    try:
        plugin = TallyPlugin()
    except ConfigurationError as error:
        print(f"{program}: {error}", file=sys.stderr, flush=True)
        return 78                                         # EX_CONFIG, as Swift's PluginMain
    signal.signal(signal.SIGTERM, plugin.request_stop)
    signal.signal(signal.SIGINT, plugin.request_stop)
    plugin.run()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as error:                            # anything else: one line, exit code 1
        print(f"{os.path.basename(sys.argv[0]).removesuffix('.py')}: {error}", file=sys.stderr, flush=True)
        sys.exit(1)
