#!/usr/bin/env python3
"""A receiver for Tenet's signed webhooks (docs/ALERTS.md, "Webhook notifier").

It checks every request before it trusts it:

  1. `Tenet-Timestamp` is present and within --tolerance seconds of this machine's clock
     (an old request replayed by someone who captured it is refused);
  2. `Tenet-Signature` holds `v1=<hex>`, the HMAC-SHA256 of "<timestamp>.<body>" under the
     shared secret, compared in constant time (hmac.compare_digest);
  3. `Idempotency-Key` has not been handled already (Tenet retries; a retry of a notification
     that was handled gets 200 again and is not handled twice).

Then it handles the notification (here: prints it) and answers 200.

    TENET_WEBHOOK_SECRET=... python3 webhook_receiver.py --port 8787

Standard library only. For trying Tenet's retries, --respond 500,500 answers those statuses to
the first verified requests (`429:2` adds `Retry-After: 2`) before accepting; --record FILE
appends one JSON line per request (what was checked and answered); --port 0 picks a free port
and --port-file writes it.
"""

import argparse
import hashlib
import hmac
import http.server
import json
import os
import sys
import threading
import time


def verify(secret: bytes, headers, body: bytes, now: float, tolerance: float):
    """Returns None when the request is authentic and fresh, else the reason it is not."""
    timestamp = headers.get("Tenet-Timestamp")
    signature = headers.get("Tenet-Signature")
    if not timestamp or not signature:
        return "missing Tenet-Timestamp or Tenet-Signature"
    try:
        sent = int(timestamp)
    except ValueError:
        return "Tenet-Timestamp is not a whole number of seconds"
    if abs(now - sent) > tolerance:
        return f"stale timestamp: {int(now - sent)} s away from this clock (tolerance {int(tolerance)} s)"
    expected = hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    # Several signatures may be sent while a secret is rotated: any one that matches is enough.
    for entry in signature.split(","):
        scheme, _, value = entry.strip().partition("=")
        if scheme == "v1" and hmac.compare_digest(value.encode(), expected.encode()):
            return None
    return "signature does not match"


class Receiver(http.server.BaseHTTPRequestHandler):
    secret = b""
    tolerance = 300.0
    respond = []  # scripted statuses for the first verified requests: (status, retry_after)
    record_path = None
    handled = set()  # idempotency keys already handled
    lock = threading.Lock()

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        key = self.headers.get("Idempotency-Key", "")
        reason = verify(self.secret, self.headers, body, time.time(), self.tolerance)
        retry_after = None
        with self.lock:
            if reason is not None:
                status, answer = 401, reason
            elif self.respond:
                status, retry_after = self.respond.pop(0)
                answer = f"scripted {status}"
            elif key in self.handled:
                status, answer = 200, "duplicate: already handled"
            else:
                self.handled.add(key)
                status, answer = 200, "handled"
                notification = json.loads(body)
                print(f"{notification['kind']} {notification['rule']} ({notification['severity']}) id={key}", flush=True)
            if self.record_path:
                with open(self.record_path, "a") as record:
                    record.write(json.dumps({
                        "idempotency_key": key,
                        "attempt": self.headers.get("Tenet-Attempt"),
                        "verified": reason is None,
                        "reason": reason,
                        "status": status,
                    }) + "\n")
        payload = answer.encode()
        self.send_response(status)
        if retry_after is not None:
            self.send_header("Retry-After", str(retry_after))
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format, *args):
        pass


def main():
    parser = argparse.ArgumentParser(description="Receive and verify Tenet's signed webhooks.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8787)
    parser.add_argument("--port-file", help="write the port listened on to this file")
    parser.add_argument("--secret-env", default="TENET_WEBHOOK_SECRET", help="the variable holding the shared secret")
    parser.add_argument("--tolerance", type=float, default=300, help="accepted clock difference, seconds")
    parser.add_argument("--respond", default="", help="statuses for the first verified requests, e.g. 500,500 or 429:2")
    parser.add_argument("--record", help="append one JSON line per request to this file")
    options = parser.parse_args()

    secret = os.environ.get(options.secret_env, "")
    if not secret:
        sys.exit(f"{options.secret_env} is not set: the shared secret is needed to verify requests")
    Receiver.secret = secret.encode()
    Receiver.tolerance = options.tolerance
    Receiver.record_path = options.record
    for item in filter(None, options.respond.split(",")):
        status, _, retry_after = item.partition(":")
        Receiver.respond.append((int(status), int(retry_after) if retry_after else None))

    server = http.server.ThreadingHTTPServer((options.host, options.port), Receiver)
    port = server.server_address[1]
    if options.port_file:
        with open(options.port_file + ".tmp", "w") as file:
            file.write(str(port))
        os.replace(options.port_file + ".tmp", options.port_file)
    print(f"listening on http://{options.host}:{port}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
