#!/usr/bin/env python3
"""Send NDJSON events to a running Tenet stack over ZeroMQ, with ingest's `lines` method.

    /usr/bin/python3 produce.py --data tenet-data events.ndjson
    some-producer | /usr/bin/python3 produce.py --data tenet-data -

It does what `tenet send` does, in plain pyzmq: the file's lines go to the ingest plugin in
batches of up to 1,000, each numbered with its line in the file. A batch is acknowledged only
after the store has committed it; a batch that is not acknowledged is sent again, unchanged,
until it is. Each rejected or conflicting line is printed, then the summary:

    line 2: `at`: 2026-13-01 is not an RFC 3339 time
    accepted 1, duplicates 0, conflicts 0, rejected 1

Retrying is safe: the events keep their ids (what was stored comes back as a duplicate), and
the batch keeps its source and line numbers (its dead letters are recorded once).

Exit status: 0 when every line was stored or already stored; 1 when some were rejected or
conflict with a stored event; 2 when a batch could not be delivered. See docs/INGEST.md.
Needs only pyzmq (Debian: python3-zmq) and the standard library.
"""

import json
import os
import secrets
import sys
import time

import zmq

BATCH = 1000                 # lines per request
WAIT_MS = 35_000             # ingest answers within 30 s (its wait for the store), so this is enough
GIVE_UP_AFTER = 600          # seconds of retrying one batch before giving up
RETRY = {"store_unavailable", "storage_full", "storage_error"}   # the codes worth sending again


def ingest_endpoint(data):
    """Ingest's request endpoint: TENET_ENDPOINT_INGEST inside a plugin, else DATA/endpoints.json."""
    if os.environ.get("TENET_ENDPOINT_INGEST"):
        return os.environ["TENET_ENDPOINT_INGEST"]
    with open(os.path.join(data, "endpoints.json"), encoding="utf-8") as file:
        return json.load(file)["plugins"]["ingest"]


class Requester:
    """A DEALER socket that sends one request at a time and waits for its reply."""

    def __init__(self, context, endpoint, sender):
        self.socket = context.socket(zmq.DEALER)
        self.socket.setsockopt(zmq.LINGER, 0)
        self.socket.connect(endpoint)
        self.sender = sender
        self.instance = secrets.token_hex(6)
        self.count = 0        # every request sent: the n of the header's id
        self.sequences = {}   # method -> the last seq sent on it

    def request(self, method, body, wait_ms):
        """Returns ("reply" or "error", body) or None when no reply came within wait_ms."""
        self.count += 1
        seq = self.sequences.get(method, 0) + 1
        self.sequences[method] = seq
        header = {"version": 1, "id": f"{self.instance}-{self.count}", "sender": self.sender,
                  "instance": self.instance, "seq": seq, "type": "request",
                  "time": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())}
        self.socket.send_multipart([method.encode(), json.dumps(header).encode(), body])
        deadline = time.monotonic() + wait_ms / 1000
        while (left := deadline - time.monotonic()) > 0 and self.socket.poll(int(left * 1000) + 1):
            _topic, reply_header, reply_body = self.socket.recv_multipart()
            reply_header = json.loads(reply_header)
            if reply_header.get("correlation") == header["id"]:   # else: a reply to a request given up on
                return reply_header["type"], json.loads(reply_body)
        return None


def deliver(requester, body, first_line):
    """Sends one `lines` body until it is acknowledged; returns the report."""
    started = time.monotonic()
    pause = 0.5
    while True:
        answer = requester.request("lines", body, WAIT_MS)
        if answer is not None and answer[0] == "reply":
            return answer[1]
        if answer is not None and answer[1]["code"] not in RETRY:
            sys.exit(f"produce: ingest refused lines from {first_line}: {answer[1]['code']}: {answer[1]['message']}")
        reason = "no answer" if answer is None else f"{answer[1]['code']}: {answer[1]['message']}"
        if time.monotonic() - started > GIVE_UP_AFTER:
            print(f"produce: gave up on the lines from {first_line}: {reason}", file=sys.stderr)
            sys.exit(2)
        print(f"produce: lines from {first_line} not acknowledged ({reason}); sending them again", file=sys.stderr)
        time.sleep(pause)
        pause = min(5.0, pause * 2)


def main():
    arguments = sys.argv[1:]
    data = os.environ.get("TENET_DATA_DIR", "tenet-data")
    if len(arguments) >= 2 and arguments[0] == "--data":
        data, arguments = arguments[1], arguments[2:]
    if len(arguments) != 1:
        sys.exit("usage: produce.py [--data DIR] FILE|-")
    path = arguments[0]
    raw = (sys.stdin.buffer if path == "-" else open(path, "rb")).read()
    lines = raw.split(b"\n")                   # line numbers are the file's own, blank lines included
    if lines[-1] == b"":
        lines.pop()                              # a final line end adds no line
    lines = [line.rstrip(b"\r").decode("utf-8") for line in lines]
    # One source per run, kept across the retries of its batches: dead letters land once.
    source = f"produce:{os.path.basename(path) if path != '-' else 'stdin'}:{secrets.token_hex(6)}"

    context = zmq.Context()
    requester = Requester(context, ingest_endpoint(data), sender="produce.py")
    totals = {"accepted": 0, "duplicates": 0, "conflicts": 0, "rejected": 0}
    for start in range(0, len(lines), BATCH):
        body = json.dumps({"source": source, "first_line": start + 1,
                           "lines": lines[start:start + BATCH]}).encode()
        report = deliver(requester, body, start + 1)
        for error in report["errors"]:          # {"line", "status", "field"?, "reason"}
            prefix = "conflict: " if error["status"] == "conflict" else ""
            print(f"line {error['line']}: {prefix}{error['reason']}")
        for key in totals:
            totals[key] += report[key]
    requester.socket.close()
    context.term()
    print(", ".join(f"{key} {value}" for key, value in totals.items()))
    return 1 if totals["conflicts"] or totals["rejected"] else 0


if __name__ == "__main__":
    sys.exit(main())
