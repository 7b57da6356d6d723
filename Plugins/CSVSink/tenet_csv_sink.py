#!/usr/bin/env python3
"""tenet-csv-sink: a Tenet plugin in Python that appends every metric figure to a CSV file.

It subscribes to the metrics plugin's `metric.` events (docs/METRICS.md, "Published metric
events") and writes one row per figure to a CSV file that a spreadsheet opens as it is:

    time, source, series, value_name, team, metric, stat, hours, period, period_from,
    period_to, filter, dimensions, value, unit, sample_size, numerator, denominator,
    currency, target, status, last_seq

It meets the plugin contract of docs/PLUGINS.md with pyzmq and the standard library only:

* reads its environment (TENET_PLUGIN_NAME, TENET_BUS_PUBLISH, TENET_BUS_SUBSCRIBE,
  TENET_DATA_DIR, TENET_PLUGIN_ENDPOINT, TENET_HEARTBEAT_INTERVAL_MS, TENET_ENDPOINT_<NAME>);
* heartbeats on `sys.heartbeat.<name>` from a loop that never waits more than 100 ms;
* publishes `sys.lifecycle.<name>.ready|stopping|stopped`;
* answers `stats` on its own endpoint (any other method: `unknown_method`; an unreadable
  request: `bad_message`);
* stops on SIGTERM or SIGINT: writes what it holds, closes the file and its sockets, exits 0;
* on a configuration error writes one line `tenet_csv_sink: MESSAGE` and exits 78; any other
  failure exits 1.

What it adds:

* **A snapshot at start and after a loss.** The metrics plugin publishes a figure only when it
  changes, so a sink that starts late would see nothing until the next change. At start, and
  whenever the `seq` of a `metric.` topic shows lost messages, the sink asks the metrics plugin
  for its `scorecard` and writes the figures it has not written yet (`source` = `scorecard`).
* **One row per change.** A figure identical to the last one written for the same series and
  group (apart from `last_seq`, and for a rolling window apart from its moving bounds) is not
  written again; nor is one older (a lower `last_seq`) than the last written.
* **Survives restarts.** The file is opened for appending; the header is written only into an
  empty file, and a file with another header is refused (exit 78) rather than mixed. A row
  torn by a crash mid-write (the file does not end with a line break) is cut off at start and
  after a failed write, so every line of the file is a whole row.
* **Robust.** A message that cannot be read (wrong frames, a header or body that is not what
  the protocol says) is counted and logged, never fatal. Memory is bounded: at most
  MAX_TRACKED figures are remembered (least recently changed forgotten first), at most
  MAX_PENDING_ROWS rows wait when the disk refuses a write (the oldest are dropped, and
  counted), and each turn reads at most READ_PER_TURN messages.
* Rows are written and flushed once per turn of the loop (at most every 100 ms), as a batch.
  Flushed means handed to the operating system: a crash of the plugin loses nothing written,
  a crash of the machine may lose the last second.

Settings (environment; put them in the stack file's `env`):

    TENET_CSV_PATH            the CSV file (default: $TENET_DATA_DIR/<name>/metrics.csv)
    TENET_CSV_METRICS_PLUGIN  the metrics plugin to ask for snapshots (default: metrics;
                              empty: never ask, write live events only)

Run it from a stack file (docs/examples/stack.csv-sink.yaml):

    - name: csv-sink
      command: /usr/bin/python3
      args: [Plugins/CSVSink/tenet_csv_sink.py]
      order: 40
"""

import collections
import csv
import io
import json
import math
import os
import secrets
import signal
import sys
import time

PROGRAM = "tenet_csv_sink"

try:
    import zmq
except ImportError:
    # A configuration error: this Python has no pyzmq (a pyenv or venv `python3` on PATH, for
    # instance). One line for `tenet status`, and exit 78 as the contract asks.
    print(f"{PROGRAM}: {sys.executable} has no pyzmq (`import zmq` failed): use /usr/bin/python3 "
          "with Debian's python3-zmq, or `pip install pyzmq` for this interpreter", file=sys.stderr, flush=True)
    sys.exit(78)

PROTOCOL_VERSION = 1
COLUMNS = [
    "time", "source", "series", "value_name", "team", "metric", "stat", "hours", "period",
    "period_from", "period_to", "filter", "dimensions", "value", "unit", "sample_size",
    "numerator", "denominator", "currency", "target", "status", "last_seq",
]
ALWAYS_IGNORED = {"time", "source", "last_seq"}              # not compared to tell a repeat
ROLLING_IGNORED = ALWAYS_IGNORED | {"period_from", "period_to"}
NUMERIC_COLUMNS = {"value", "sample_size", "numerator", "denominator", "last_seq"}
READ_PER_TURN = 1000          # bus messages read per turn of the loop
MAX_TRACKED = 100_000         # figures remembered to skip repeats
MAX_PENDING_ROWS = 100_000    # rows held while the file cannot be written
SNAPSHOT_WAIT = 30.0          # seconds to wait for the metrics plugin's `scorecard` reply
LOGGED_MALFORMED = 20         # malformed messages logged one by one; then every 1000th
REQUIRED_HEADER_FIELDS = {
    "version": int, "id": str, "sender": str, "instance": str, "seq": int, "time": str, "type": str,
}


class ConfigurationError(Exception):
    """Something the operator must fix: the plugin exits with code 78 (EX_CONFIG)."""


class Malformed(ValueError):
    """A message or figure that cannot be read; the text says what is wrong."""


def log(message):
    """One line on standard error (the supervisor appends it to DATA/logs/NAME.log)."""
    print(f"{time.strftime('%Y-%m-%dT%H:%M:%S%z')} {message}", file=sys.stderr, flush=True)


def rfc3339_now():
    """The current UTC time as RFC 3339 with milliseconds: 2026-11-22T08:20:16.123Z."""
    seconds, rest = divmod(time.time_ns(), 1_000_000_000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + ".%03dZ" % (rest // 1_000_000)


def encode_json(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


# The wire protocol (docs/PROTOCOL.md)

class Stamper:
    """Stamps what one socket sends: its own `instance`, `id` = instance-total, `seq` per topic."""

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


def read_message(frames):
    """Reads [topic, header, body] into (topic, header dict, body bytes); raises Malformed."""
    if len(frames) != 3:
        raise Malformed(f"expected 3 frames [topic, header, body], got {len(frames)}")
    try:
        topic = frames[0].decode("utf-8")
    except UnicodeDecodeError:
        raise Malformed("the topic frame is not UTF-8") from None
    try:
        header = json.loads(frames[1])
    except (ValueError, UnicodeDecodeError) as error:
        raise Malformed(f"header of '{topic}' is not JSON ({error})") from None
    if not isinstance(header, dict):
        raise Malformed(f"header of '{topic}' is not a JSON object")
    for field, kind in REQUIRED_HEADER_FIELDS.items():
        value = header.get(field)
        if value is None:
            raise Malformed(f"header of '{topic}': `{field}` is missing")
        if not isinstance(value, kind) or isinstance(value, bool) or (field == "seq" and value < 1):
            raise Malformed(f"header of '{topic}': `{field}` has the wrong type or value: {value!r}")
    if header["version"] > PROTOCOL_VERSION:
        raise Malformed(f"header of '{topic}': version {header['version']} is newer than {PROTOCOL_VERSION}")
    return topic, header, frames[2]


class GapTracker:
    """Follows `seq` per (sender, topic) (docs/PROTOCOL.md §5): tells when messages were lost."""

    def __init__(self, limit):
        self.streams = collections.OrderedDict()   # (sender, topic) -> (instance, last seq)
        self.limit = limit

    def observe(self, topic, header):
        """How many messages were lost on this stream just before this one (0: none)."""
        key = (header["sender"], topic)
        known = self.streams.get(key)
        self.streams[key] = (header["instance"], header["seq"]) if known is None or known[0] != header["instance"] \
            else (known[0], max(known[1], header["seq"]))
        self.streams.move_to_end(key)
        if len(self.streams) > self.limit:
            self.streams.popitem(last=False)
        if known is None or known[0] != header["instance"]:
            return 0        # first message seen, or the sender restarted and counts from 1 again
        return max(0, header["seq"] - known[1] - 1)


def endpoint_variable(plugin):
    """TENET_ENDPOINT_<NAME>: the name in capitals, every other character `_` (docs/PLUGINS.md §1)."""
    return "TENET_ENDPOINT_" + "".join(c if c.isascii() and c.isalnum() else "_" for c in plugin.upper())


# Figures to rows

def text(value, field):
    """An optional text field: '' when absent or null; Malformed when it is not a string."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Malformed(f"`{field}` is not a string: {value!r}")
    return value


def number(value, field, integral=False):
    """An optional number: '' when absent or null, the shortest exact text otherwise."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Malformed(f"`{field}` is not a number: {value!r}")
    if integral and not isinstance(value, int):
        raise Malformed(f"`{field}` is not a whole number: {value!r}")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise Malformed(f"`{field}` is not finite: {value!r}")
        if value.is_integer() and abs(value) < 2 ** 53:
            return str(int(value))  # 240.0 -> "240": same number, easier to read
        return repr(value)          # the shortest text that reads back as the same double
    return str(value)


def spreadsheet_safe(cell):
    """Text a spreadsheet shows as text: a cell starting with = + - @ (a formula to Excel and
    LibreOffice) or a control character gets a leading apostrophe. Numbers never go through here."""
    return "'" + cell if cell and cell[0] in "=+-@\t\r" else cell


def dimensions_text(dimensions, field):
    """{"team": "support", "channel": null} -> "channel=; team=support" (sorted by name)."""
    if dimensions is None:
        return ""
    if not isinstance(dimensions, dict):
        raise Malformed(f"`{field}` is not an object: {dimensions!r}")
    parts = []
    for name in sorted(dimensions):
        value = dimensions[name]
        if isinstance(value, list):   # a filter: several values, any of which matches
            if not all(isinstance(item, str) for item in value):
                raise Malformed(f"`{field}.{name}` is not a list of strings")
            value = ",".join(value)
        parts.append(f"{name}={text(value, f'{field}.{name}')}")
    return "; ".join(parts)


def figure_row(body, at, source):
    """A series figure (the body of a `metric.<name>` event, or an entry of `scorecard`'s
    `series`) as (key, comparable, last_seq, row). Raises Malformed when it is not one."""
    if not isinstance(body, dict):
        raise Malformed("the body is not a JSON object")
    figure = body.get("figure")
    if not isinstance(figure, dict):
        raise Malformed("`figure` is missing or not an object")
    series = text(body.get("series"), "series")
    metric = text(body.get("metric"), "metric")
    if not series or not metric:
        raise Malformed("`series` and `metric` are required")
    last_seq = body.get("last_seq")
    if last_seq is not None and (isinstance(last_seq, bool) or not isinstance(last_seq, int)):
        raise Malformed(f"`last_seq` is not a whole number: {last_seq!r}")
    dimensions = dimensions_text(figure.get("dimensions"), "figure.dimensions")
    row = {
        "time": at,
        "source": source,
        "series": series,
        "value_name": text(body.get("value_name"), "value_name"),
        "team": text(body.get("team"), "team"),
        "metric": metric,
        "stat": text(body.get("stat"), "stat"),
        "hours": text(body.get("hours"), "hours"),
        "period": text(body.get("period"), "period"),
        "period_from": text(body.get("from"), "from"),
        "period_to": text(body.get("to"), "to"),
        "filter": dimensions_text(body.get("filter"), "filter"),
        "dimensions": dimensions,
        "value": number(figure.get("value"), "figure.value"),
        "unit": text(body.get("unit"), "unit"),
        "sample_size": number(figure.get("sample_size"), "figure.sample_size", integral=True),
        "numerator": number(figure.get("numerator"), "figure.numerator", integral=True),
        "denominator": number(figure.get("denominator"), "figure.denominator", integral=True),
        "currency": text(figure.get("currency"), "figure.currency"),
        "target": text(body.get("target"), "target"),
        "status": text(body.get("status"), "status"),
        "last_seq": number(last_seq, "last_seq", integral=True),
    }
    for column in COLUMNS:
        if column not in NUMERIC_COLUMNS:
            row[column] = spreadsheet_safe(row[column])
    key = (series, dimensions)
    # What makes a figure new. A rolling window's bounds move with every instant, and the metrics
    # plugin republishes such a figure every 10 seconds with them moved: a new row only when
    # something else changed.
    ignored = ROLLING_IGNORED if row["period"].startswith("rolling") else ALWAYS_IGNORED
    comparable = tuple(row[column] for column in COLUMNS if column not in ignored)
    return key, comparable, (last_seq or 0), row


class Deduplicator:
    """Remembers the last figure written per (series, group), at most `limit` of them."""

    def __init__(self, limit):
        self.last = collections.OrderedDict()   # key -> (last_seq, comparable)
        self.limit = limit

    def is_new(self, key, comparable, last_seq):
        """Whether the figure is worth a row; if so it becomes the last one for its key."""
        known = self.last.get(key)
        if known is not None and (last_seq < known[0] or comparable == known[1]):
            return False
        self.last[key] = (last_seq, comparable)
        self.last.move_to_end(key)
        if len(self.last) > self.limit:
            self.last.popitem(last=False)
        return True


# The file

class CSVFile:
    """The CSV file, appended to in whole rows."""

    def __init__(self, path):
        self.path = path
        directory = os.path.dirname(path) or "."
        try:
            os.makedirs(directory, mode=0o700, exist_ok=True)
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        except OSError as error:
            raise ConfigurationError(f"cannot open {path}: {error.strerror}") from None
        self.file = os.fdopen(descriptor, "r+b", buffering=0)
        self.repair()
        self.header = self.encode([COLUMNS])
        first = self.first_line()
        if first is None:
            self.file.write(self.header)
        elif first != self.header:
            self.file.close()
            raise ConfigurationError(
                f"{path} has other columns than this plugin writes (its first line is "
                f"{first.decode('utf-8', 'replace').strip()!r}); move it away or set TENET_CSV_PATH")

    @staticmethod
    def encode(rows):
        """Rows (lists of cells) as CSV bytes, RFC 4180 (quoted when needed, CRLF line ends)."""
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerows(rows)
        return buffer.getvalue().encode("utf-8")

    def first_line(self):
        """The file's first line with its line break, or None when the file is empty."""
        self.file.seek(0)
        line = self.file.readline(64 * 1024)
        return line or None

    def repair(self):
        """Cuts a torn last row (bytes after the last line break), left by a crash or a failed write."""
        size = os.fstat(self.file.fileno()).st_size
        end = size
        while end > 0:
            start = max(0, end - 64 * 1024)
            self.file.seek(start)
            chunk = self.file.read(end - start)
            newline = chunk.rfind(b"\n")
            if newline >= 0:
                end = start + newline + 1
                break
            end = start
        if end < size:
            os.ftruncate(self.file.fileno(), end)
            log(f"{self.path}: cut {size - end} bytes of a row left unfinished by an earlier run")

    def append(self, rows):
        """Writes rows (dicts) in one write and hands them to the OS; raises OSError on failure."""
        data = self.encode([[row[column] for column in COLUMNS] for row in rows])
        written = 0
        while written < len(data):
            written += self.file.write(data[written:])

    def close(self):
        self.file.close()


# The plugin

class CSVSinkPlugin:
    def __init__(self, environ):
        def required(key):
            value = environ.get(key, "")
            if not value:
                raise ConfigurationError(f"{key} is not set: start this plugin from `tenet up` or set it by hand")
            return value

        self.name = required("TENET_PLUGIN_NAME")
        publish = required("TENET_BUS_PUBLISH")
        subscribe = required("TENET_BUS_SUBSCRIBE")
        interval = environ.get("TENET_HEARTBEAT_INTERVAL_MS", "1000")
        if not interval.isdigit() or int(interval) <= 0:
            raise ConfigurationError(f"TENET_HEARTBEAT_INTERVAL_MS: '{interval}' is not a positive whole number of milliseconds")
        self.interval = int(interval) / 1000
        path = environ.get("TENET_CSV_PATH", "")
        if not path:
            path = os.path.join(required("TENET_DATA_DIR"), self.name, "metrics.csv")
        self.csv = CSVFile(os.path.abspath(path))
        metrics = environ.get("TENET_CSV_METRICS_PLUGIN", "metrics")
        self.metrics_endpoint = environ.get(endpoint_variable(metrics), "") if metrics else ""
        if metrics and not self.metrics_endpoint:
            log(f"{endpoint_variable(metrics)} is not set: no snapshots, live metric events only")

        self.counters = {"messages": 0, "rows_written": 0, "repeats_skipped": 0, "malformed": 0, "lost": 0,
                         "snapshots": 0, "snapshot_failures": 0, "write_errors": 0, "rows_dropped": 0}
        self.pending = collections.deque()     # rows not yet written
        self.deduplicator = Deduplicator(MAX_TRACKED)
        self.gaps = GapTracker(MAX_TRACKED)
        self.needs_repair = False
        self.started = time.monotonic()
        self.heartbeats = 0

        self.context = zmq.Context()
        self.pub = self.context.socket(zmq.PUB)
        self.pub.setsockopt(zmq.SNDHWM, 100_000)
        self.pub.connect(publish)
        self.bus = Stamper(self.name)
        # Subscribe before asking for the snapshot: what is published meanwhile waits here.
        self.sub = self.context.socket(zmq.SUB)
        self.sub.setsockopt(zmq.RCVHWM, 10_000)
        self.sub.setsockopt(zmq.SUBSCRIBE, b"metric.")
        self.sub.connect(subscribe)
        self.router = None
        endpoint = environ.get("TENET_PLUGIN_ENDPOINT", "")
        if endpoint:
            self.router = self.context.socket(zmq.ROUTER)
            self.router.setsockopt(zmq.LINGER, 500)
            try:
                self.router.bind(endpoint)
            except zmq.ZMQError as error:
                raise ConfigurationError(f"TENET_PLUGIN_ENDPOINT: cannot bind {endpoint}: {error}") from None
            self.replies = Stamper(self.name)
        self.metrics = None
        if self.metrics_endpoint:
            self.metrics = self.context.socket(zmq.DEALER)
            self.metrics.setsockopt(zmq.LINGER, 0)
            self.metrics.connect(self.metrics_endpoint)
            self.asker = Stamper(self.name)
        self.snapshot_pending = None     # id of the `scorecard` request in flight
        self.snapshot_due = 0.0 if self.metrics else None   # when to ask (None: not needed)
        self.snapshot_deadline = 0.0
        self.snapshot_failures_in_row = 0
        time.sleep(0.1)   # the slow joiner (docs/PROTOCOL.md §5): let the bus's subscriptions reach us
        log(f"writing metric figures to {self.csv.path}")

    # Publishing on the bus

    def publish(self, topic, message_type, body):
        try:
            self.pub.send_multipart(self.bus.frames(topic, message_type, encode_json(body)), zmq.NOBLOCK)
        except zmq.Again:
            pass   # a full queue drops: subscribers see the gap in this topic's seq

    def heartbeat(self):
        self.heartbeats += 1
        self.publish(f"sys.heartbeat.{self.name}", "heartbeat", {
            "pid": os.getpid(), "uptime_seconds": time.monotonic() - self.started, "count": self.heartbeats})

    def lifecycle(self, phase):
        self.publish(f"sys.lifecycle.{self.name}.{phase}", "lifecycle", {"phase": phase, "pid": os.getpid()})

    # Metric events and snapshots

    def malformed(self, what, error):
        self.counters["malformed"] += 1
        count = self.counters["malformed"]
        if count <= LOGGED_MALFORMED or count % 1000 == 0:
            log(f"skipped a malformed {what} ({count} so far): {error}")

    def offer(self, body, at, source):
        """Queues a row for a figure unless it repeats the last one written."""
        key, comparable, last_seq, row = figure_row(body, at, source)
        if not self.deduplicator.is_new(key, comparable, last_seq):
            self.counters["repeats_skipped"] += 1
            return
        self.pending.append(row)
        if len(self.pending) > MAX_PENDING_ROWS:
            self.pending.popleft()
            self.counters["rows_dropped"] += 1

    def read_metric_events(self):
        for _ in range(READ_PER_TURN):
            try:
                frames = self.sub.recv_multipart(zmq.NOBLOCK)
            except zmq.Again:
                return
            self.counters["messages"] += 1
            try:
                topic, header, body = read_message(frames)
                lost = self.gaps.observe(topic, header)
                if lost:
                    self.counters["lost"] += lost
                    log(f"lost {lost} message(s) on {topic}: asking for a snapshot")
                    self.ask_snapshot_soon()
                if header["type"] != "metric":
                    continue   # a type this plugin does not know: ignored, as the protocol says
                try:
                    figure = json.loads(body)
                except (ValueError, UnicodeDecodeError) as error:
                    raise Malformed(f"body of '{topic}' is not JSON ({error})") from None
                self.offer(figure, header["time"], "live")
            except Malformed as error:
                self.malformed("metric event", error)

    def ask_snapshot_soon(self):
        if self.metrics is not None and self.snapshot_due is None:
            self.snapshot_due = time.monotonic()

    def work_snapshot(self, readable):
        """Asks the metrics plugin for its scorecard when one is due, and reads its reply."""
        if self.metrics is None:
            return
        now = time.monotonic()
        if self.metrics in readable:
            while True:
                try:
                    frames = self.metrics.recv_multipart(zmq.NOBLOCK)
                except zmq.Again:
                    break
                try:
                    _topic, header, body = read_message(frames)
                except Malformed as error:
                    self.malformed("reply from the metrics plugin", error)
                    continue
                if header.get("correlation") != self.snapshot_pending:
                    continue   # the reply to a request given up on
                self.snapshot_pending = None
                self.read_snapshot(header, body)
        if self.snapshot_pending is not None and now >= self.snapshot_deadline:
            self.snapshot_pending = None
            self.snapshot_failed(f"no reply to `scorecard` from {self.metrics_endpoint} within {SNAPSHOT_WAIT:g}s")
        if self.snapshot_pending is None and self.snapshot_due is not None and now >= self.snapshot_due:
            frames = self.asker.frames("scorecard", "request", b"{}")
            try:
                self.metrics.send_multipart(frames, zmq.NOBLOCK)
            except zmq.Again:
                self.snapshot_due = now + 1.0
                return
            self.snapshot_pending = json.loads(frames[1])["id"]
            self.snapshot_deadline = now + SNAPSHOT_WAIT
            self.snapshot_due = None

    def read_snapshot(self, header, body):
        try:
            reply = json.loads(body)
        except (ValueError, UnicodeDecodeError) as error:
            self.snapshot_failed(f"the `scorecard` reply is not JSON ({error})")
            return
        if header["type"] == "error":
            detail = reply if isinstance(reply, dict) else {}
            self.snapshot_failed(f"`scorecard` failed: {detail.get('code')}: {detail.get('message')}")
            return
        if not isinstance(reply, dict) or not isinstance(reply.get("series"), list):
            self.snapshot_failed("the `scorecard` reply has no `series` list")
            return
        at = reply.get("at") if isinstance(reply.get("at"), str) else header["time"]
        before = len(self.pending)
        for figure in reply["series"]:
            try:
                self.offer(figure, at, "scorecard")
            except Malformed as error:
                self.malformed("scorecard figure", error)
        self.counters["snapshots"] += 1
        self.snapshot_failures_in_row = 0
        log(f"snapshot: {len(reply['series'])} figures, {len(self.pending) - before} new")

    def snapshot_failed(self, reason):
        self.counters["snapshot_failures"] += 1
        self.snapshot_failures_in_row += 1
        delay = min(30.0, 0.5 * 2 ** min(self.snapshot_failures_in_row, 6))
        log(f"{reason}; asking again in {delay:g}s")
        self.snapshot_due = time.monotonic() + delay

    # The file

    def write_pending(self):
        """Writes the rows waiting, as one batch; keeps them for the next turn if the write fails."""
        if not self.pending:
            return
        try:
            if self.needs_repair:
                self.csv.repair()
                self.needs_repair = False
            rows = list(self.pending)
            self.csv.append(rows)
        except OSError as error:
            self.counters["write_errors"] += 1
            self.needs_repair = True   # a part of the batch may have landed: cut it before the next write
            if self.counters["write_errors"] <= LOGGED_MALFORMED or self.counters["write_errors"] % 100 == 0:
                log(f"cannot write {self.csv.path}: {error.strerror or error}; {len(self.pending)} rows wait")
            return
        self.pending.clear()
        self.counters["rows_written"] += len(rows)

    # Requests

    def serve_requests(self):
        for _ in range(READ_PER_TURN):
            try:
                frames = self.router.recv_multipart(zmq.NOBLOCK)
            except zmq.Again:
                return
            delimiter = len(frames) >= 5 and frames[1] == b""
            envelope, rest = frames[:2 if delimiter else 1], frames[2 if delimiter else 1:]
            try:
                method, header, _body = read_message(rest)
            except Malformed as error:
                try:
                    topic = rest[0].decode("utf-8") if rest else ""
                except UnicodeDecodeError:
                    topic = ""
                reply = self.replies.frames(topic, "error", encode_json({"code": "bad_message", "message": str(error)}))
            else:
                if method == "stats":
                    body = dict(self.counters, path=self.csv.path, pending_rows=len(self.pending),
                                snapshot_in_flight=self.snapshot_pending is not None)
                    reply = self.replies.frames(method, "reply", encode_json(body), correlation=header["id"])
                else:
                    reply = self.replies.frames(method, "error", encode_json({
                        "code": "unknown_method",
                        "message": f"no method named '{method}' on this endpoint (it answers stats)"}),
                        correlation=header["id"])
            try:
                self.router.send_multipart(envelope + reply, zmq.NOBLOCK)
            except zmq.ZMQError as error:
                log(f"could not reply: {error}")

    # The loop

    def run(self):
        poller = zmq.Poller()
        for socket in (self.sub, self.router, self.metrics):
            if socket is not None:
                poller.register(socket, zmq.POLLIN)
        self.lifecycle("ready")
        next_beat = time.monotonic()
        while not STOP.requested:
            now = time.monotonic()
            if now >= next_beat:
                self.heartbeat()
                next_beat = max(next_beat + self.interval, now)
            timeout_ms = max(0, min(100, int((next_beat - time.monotonic()) * 1000)))
            try:
                readable = dict(poller.poll(timeout_ms))
            except zmq.ZMQError as error:
                if error.errno == zmq.EINTR:
                    continue   # a signal: the loop condition sees it
                raise
            if self.sub in readable:
                self.read_metric_events()
            self.work_snapshot(readable)
            if self.router is not None and self.router in readable:
                self.serve_requests()
            self.write_pending()
        self.lifecycle("stopping")
        self.write_pending()
        self.csv.close()
        for socket in (self.sub, self.metrics, self.router):
            if socket is not None:
                socket.close()
        self.lifecycle("stopped")
        self.pub.close(linger=500)
        self.context.term()
        log(f"stopped: {json.dumps(self.counters, sort_keys=True)}")


class StopRequest:
    """Set by SIGTERM or SIGINT; the loop ends its turn and stops gracefully."""

    def __init__(self):
        self.requested = False

    def __call__(self, signum, _frame):
        if not self.requested:
            log(f"{signal.Signals(signum).name} received: stopping")
        self.requested = True


STOP = StopRequest()


def main():
    # Before anything else, so that a SIGTERM during start-up is a graceful stop, not a death by signal.
    signal.signal(signal.SIGTERM, STOP)
    signal.signal(signal.SIGINT, STOP)
    try:
        plugin = CSVSinkPlugin(os.environ)
    except ConfigurationError as error:
        print(f"{PROGRAM}: {error}", file=sys.stderr, flush=True)
        return 78   # EX_CONFIG: restarting will not help; the operator must fix it
    plugin.run()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as error:   # anything else: one line naming the cause, exit code 1
        print(f"{PROGRAM}: {type(error).__name__}: {error}", file=sys.stderr, flush=True)
        sys.exit(1)
