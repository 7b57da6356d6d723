#!/usr/bin/env python3
"""Subscribe to a running Tenet stack's event bus and print every message as one JSON line.

    /usr/bin/python3 subscribe.py --data tenet-data                      # all of sys.*
    /usr/bin/python3 subscribe.py --endpoint tcp://127.0.0.1:5560 --topic metric. --topic alert.
    /usr/bin/python3 subscribe.py --data tenet-data --topic sys.heartbeat. --count 3 --timeout 5
    /usr/bin/python3 subscribe.py --endpoint 'tcp://[::1]:5560'          # IPv6 loopback

Each message is three frames [topic, header, body]; each output line is

    {"topic": "sys.heartbeat.echo", "header": {...}, "body": {...}}

A sender's `seq` counts its messages per topic, so sequence numbers are followed per
(sender, topic): when one jumps, a line such as
`gap: sender echo lost seq 12..14 on sys.heartbeat.echo` goes to standard error. A sender's
new `instance` means it restarted and counts from 1 again on every topic; that is not a gap.
Topics you did not subscribe to have counters of their own, so a narrow subscription (say
`--topic sys.plugin.`) sees no false gaps. A message lost last on its topic shows only when
the next message on that topic arrives.

To follow exactly one plugin's heartbeats, use `--exact-topic sys.heartbeat.NAME`: a prefix
`sys.heartbeat.NAME` would also match `sys.heartbeat.NAME2`.

Exit status: 0 after --count messages or on SIGINT/SIGTERM; 1 if --timeout passes without a
message, or if the endpoint cannot be found; 2 for wrong arguments.

Needs only pyzmq (Debian: python3-zmq) and the standard library. See docs/PROTOCOL.md.
"""

import argparse
import json
import os
import signal
import sys
import time

import zmq

PROTOCOL_VERSION = 1


def fail(message, status=1):
    print(f"subscribe: {message}", file=sys.stderr, flush=True)
    sys.exit(status)


def endpoint_from_data(directory):
    """The `subscribe` endpoint (and the CURVE key, if any) from DIR/endpoints.json."""
    path = os.path.join(directory, "endpoints.json")
    try:
        with open(path, encoding="utf-8") as file:
            endpoints = json.load(file)
    except FileNotFoundError:
        fail(f"{path} does not exist: is `tenet up --data {directory}` running?")
    except (OSError, ValueError) as error:
        fail(f"cannot read {path}: {error}")
    endpoint = endpoints.get("subscribe")
    if not isinstance(endpoint, str) or not endpoint:
        fail(f"{path} has no \"subscribe\" endpoint")
    return endpoint


class GapTracker:
    """Follows `seq` per (sender, topic); the same rules as the Swift SequenceTracker.

    A sender numbers its messages separately on each topic (the whole topic string), so each
    (sender, topic) pair is a stream of its own. A different `instance` on a stream means the
    sender restarted: the stream starts over, and that is not a gap.
    """

    def __init__(self):
        self.streams = {}  # (sender, topic) -> (instance, last seq)
        self.lost = 0

    def observe(self, topic, header):
        """Returns (first, last) of the missing range on a gap, else None."""
        sender, instance, seq = header.get("sender"), header.get("instance"), header.get("seq")
        if not isinstance(sender, str) or not isinstance(instance, str) or not isinstance(seq, int):
            return None
        key = (sender, topic)
        stream = self.streams.get(key)
        if stream is None or stream[0] != instance:
            self.streams[key] = (instance, seq)  # first message on this stream, or the sender restarted
            return None
        last = stream[1]
        if seq <= last:
            return None  # a repeat: nothing learned
        self.streams[key] = (instance, seq)
        if seq == last + 1:
            return None
        self.lost += seq - last - 1
        return (last + 1, seq - 1)


def decode(frames):
    """Returns the output object for a message, or raises ValueError with the reason."""
    if len(frames) != 3:
        raise ValueError(f"expected 3 frames [topic, header, body], got {len(frames)}")
    try:
        topic = frames[0].decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("the topic frame is not UTF-8") from None
    try:
        header = json.loads(frames[1])
    except (ValueError, UnicodeDecodeError) as error:
        raise ValueError(f"header of '{topic}' is not JSON: {error}") from None
    if not isinstance(header, dict):
        raise ValueError(f"header of '{topic}' is not a JSON object")
    version = header.get("version")
    if isinstance(version, int) and version > PROTOCOL_VERSION:
        raise ValueError(f"header of '{topic}': version {version} is newer than {PROTOCOL_VERSION}")
    try:
        body = json.loads(frames[2]) if frames[2] else None
    except (ValueError, UnicodeDecodeError):
        print(f"subscribe: body of '{topic}' is not JSON; printed as text", file=sys.stderr, flush=True)
        body = frames[2].decode("utf-8", errors="replace")
    # Unknown header fields and message types are passed through untouched.
    return {"topic": topic, "header": header, "body": body}


def main():
    parser = argparse.ArgumentParser(description="Print a Tenet stack's bus messages as JSON lines.")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--data", metavar="DIR", help="the stack's data directory (reads DIR/endpoints.json)")
    where.add_argument("--endpoint", metavar="E", help="an explicit endpoint, e.g. tcp://127.0.0.1:5560")
    parser.add_argument("--topic", metavar="PREFIX", action="append",
                        help="a topic prefix to subscribe to; repeatable (default: sys.)")
    parser.add_argument("--exact-topic", metavar="TOPIC", action="append",
                        help="subscribe to TOPIC and print only messages whose topic is exactly TOPIC "
                             "(for one plugin's heartbeats: sys.heartbeat.NAME); repeatable")
    parser.add_argument("--count", metavar="N", type=int, help="exit 0 after N messages")
    parser.add_argument("--timeout", metavar="SECONDS", type=float,
                        help="exit 1 if no message arrives for this many seconds")
    parser.add_argument("--server-key", metavar="KEY",
                        help="the stack's CURVE public key (endpoints.json: curve_server_key), "
                             "for a TCP endpoint with `bus.curve: true`")
    args = parser.parse_args()
    if args.count is not None and args.count < 1:
        parser.error("--count must be at least 1")
    if args.timeout is not None and args.timeout <= 0:
        parser.error("--timeout must be more than 0")

    endpoint = args.endpoint or endpoint_from_data(args.data)
    exact = set(args.exact_topic or [])
    prefixes = args.topic or ([] if exact else ["sys."])
    topics = prefixes + sorted(exact)

    stop = []
    signal.signal(signal.SIGINT, lambda *_: stop.append(True))
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))

    context = zmq.Context()
    socket = context.socket(zmq.SUB)
    socket.setsockopt(zmq.LINGER, 0)
    if endpoint.startswith("tcp://["):
        # A bracketed IPv6 address (tcp://[::1]:5560): ZeroMQ connects to it only with IPv6
        # enabled on this socket, and otherwise silently never connects.
        socket.setsockopt(zmq.IPV6, 1)
    if args.server_key:
        # The server accepts any client that knows its public key (no client allow-list), so
        # a throwaway client key pair is enough.
        public, secret = zmq.curve_keypair()
        socket.curve_serverkey = args.server_key.encode("ascii")
        socket.curve_publickey = public
        socket.curve_secretkey = secret
    for topic in topics:
        socket.setsockopt(zmq.SUBSCRIBE, topic.encode("utf-8"))
    status = 0
    try:
        socket.connect(endpoint)
        tracker = GapTracker()
        received = 0
        deadline = time.monotonic() + args.timeout if args.timeout else None
        while not stop:
            wait = 200
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    print(f"subscribe: no message within {args.timeout:g}s on {endpoint}", file=sys.stderr, flush=True)
                    status = 1
                    break
                wait = min(wait, max(1, int(left * 1000)))
            if not socket.poll(wait, zmq.POLLIN):
                continue
            frames = socket.recv_multipart()
            try:
                message = decode(frames)
            except ValueError as error:
                print(f"subscribe: skipped a message: {error}", file=sys.stderr, flush=True)
                continue
            topic = message["topic"]
            if topic not in exact and not any(topic.startswith(prefix) for prefix in prefixes):
                continue  # let through by an --exact-topic prefix only: sys.heartbeat.echo2 for sys.heartbeat.echo
            gap = tracker.observe(topic, message["header"])
            if gap is not None:
                sender = message["header"]["sender"]
                print(f"gap: sender {sender} lost seq {gap[0]}..{gap[1]} on {topic}", file=sys.stderr, flush=True)
            print(json.dumps(message, ensure_ascii=False), flush=True)
            received += 1
            if deadline is not None:
                deadline = time.monotonic() + args.timeout
            if args.count is not None and received >= args.count:
                break
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly.
        sys.stdout = open(os.devnull, "w")
    except zmq.ZMQError as error:
        print(f"subscribe: {endpoint}: {error}", file=sys.stderr, flush=True)
        status = 1
    finally:
        socket.close(linger=0)
        context.term()
    return status


if __name__ == "__main__":
    sys.exit(main())
