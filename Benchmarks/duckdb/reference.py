#!/usr/bin/env python3
"""Tenet's figures recomputed by DuckDB with SQL (reference.sql) over the same events.

    reference.py EVENTS.ndjson --now RFC3339 [--days 28] [--runs 5] [--threads N]

Loads the events into an in-memory DuckDB table (timed), then runs each named query of
reference.sql over the window [now − days·24h, now): once to warm up, then `--runs` times, and
prints JSON: for each figure its groups (dimensions, value, sample size, numerator and
denominator for rates) and the median time of the timed runs, plus the load time. Durations are
in seconds; rates in percent.
"""
import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time

import duckdb

HERE = os.path.dirname(os.path.abspath(__file__))

# For each query of reference.sql: the figure's metric, statistic, clock and dimensions.
FIGURES = {
    "first_response_time_business_p90": {"metric": "first_response_time", "stat": "p90", "hours": "business",
                                         "by": ["team", "channel"]},
    "first_response_time_calendar_p90": {"metric": "first_response_time", "stat": "p90", "hours": "calendar",
                                         "by": ["team", "channel"]},
    "csat_by_team": {"metric": "csat", "stat": "rate", "by": ["team"]},
    "first_contact_resolution": {"metric": "first_contact_resolution", "stat": "rate", "by": []},
    "volume_opened_by_channel": {"metric": "volume_opened", "stat": "sum", "by": ["channel"]},
}


def parse_rfc3339(text):
    value = dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    if value.tzinfo is None:
        raise SystemExit(f"reference.py: --now {text} has no time zone")
    delta = value - dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


def format_us(us):
    seconds, micros = divmod(us, 1_000_000)
    moment = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(seconds=seconds)
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + (f".{micros:06d}Z" if micros else "Z")


def read_blocks(path):
    """The statements of reference.sql as (name, sql) in file order."""
    blocks, name, lines = [], None, []
    with open(path, encoding="utf-8") as sql:
        for line in sql:
            if line.startswith(("-- name:", "-- rows:", "-- cases:")):
                if name is not None:
                    blocks.append((name, "".join(lines)))
                kind, rest = line[3:].split(":", 1)
                name, lines = (rest.strip() if kind == "name" else f"{kind}:{rest.strip()}"), []
            elif name is not None:
                lines.append(line)
    if name is not None:
        blocks.append((name, "".join(lines)))
    return blocks


def used_parameters(sql, parameters):
    return {key: value for key, value in parameters.items() if f"${key}" in sql}


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("events", help="NDJSON events (docs/EVENTS.md)")
    parser.add_argument("--now", required=True, help="the end of the rolling window (RFC 3339)")
    parser.add_argument("--days", type=int, default=28, help="the rolling window's length in days of 24 h")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each query (after one warm-up)")
    parser.add_argument("--threads", type=int, default=None, help="DuckDB threads (default: DuckDB's)")
    parser.add_argument("--sql", default=os.path.join(HERE, "reference.sql"))
    parser.add_argument("--rows", metavar="DIR", help="also write each `-- rows:` query's rows to DIR/duckdb-rows-NAME.json")
    args = parser.parse_args(argv)

    to_us = parse_rfc3339(args.now)
    from_us = to_us - args.days * 86400 * 1_000_000
    con = duckdb.connect(":memory:")
    if args.threads:
        con.execute(f"SET threads = {int(args.threads)}")
    parameters = {"path": args.events, "from_us": from_us, "to_us": to_us}
    blocks = read_blocks(args.sql)

    started = time.perf_counter()
    for name, sql in blocks:
        if name == "load":
            con.execute(sql, used_parameters(sql, parameters))
    load_seconds = time.perf_counter() - started
    event_count = con.execute("SELECT count(*) FROM events").fetchone()[0]

    figures, cases = {}, {}
    for name, sql in blocks:
        if name == "load":
            continue
        if name.startswith("rows:"):
            if args.rows:
                cursor = con.execute(sql, used_parameters(sql, parameters))
                columns = [d[0] for d in cursor.description]
                with open(os.path.join(args.rows, f"duckdb-rows-{name[5:]}.json"), "w", encoding="utf-8") as out:
                    json.dump([dict(zip(columns, row)) for row in cursor.fetchall()], out, indent=1)
            continue
        if name.startswith("cases:"):
            cursor = con.execute(sql, used_parameters(sql, parameters))
            cases = dict(zip([d[0] for d in cursor.description], cursor.fetchone()))
            continue
        bound = used_parameters(sql, parameters)
        cursor = con.execute(sql, bound)
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()  # the warm-up run gives the figures
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            con.execute(sql, bound).fetchall()
            times.append(time.perf_counter() - t0)
        spec = FIGURES.get(name, {"metric": name, "stat": None, "by": []})
        groups = []
        for row in rows:
            record = dict(zip(columns, row))
            group = {"dimensions": {d: record[d] for d in spec["by"]},
                     "value": record["value"], "sample_size": record["sample_size"]}
            if "numerator" in record:
                group["numerator"] = record["numerator"]
                group["denominator"] = record["denominator"]
            groups.append(group)
        figures[name] = {**spec, "groups": groups,
                         "query_seconds_median": statistics.median(times) if times else None,
                         "query_seconds_runs": times}

    print(json.dumps({
        "duckdb": duckdb.__version__,
        "threads": con.execute("SELECT current_setting('threads')").fetchone()[0],
        "events": event_count,
        "from": format_us(from_us),
        "to": format_us(to_us),
        "load_seconds": load_seconds,
        "figures": figures,
        "cases": cases,
    }, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
