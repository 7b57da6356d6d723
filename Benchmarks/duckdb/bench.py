#!/usr/bin/env python3
"""DuckDB's side of the metrics benchmark (make bench): the issue's query and the philosophy's
scorecard in SQL over the events loaded in memory, timed, and DuckDB's memory with them loaded.

    bench.py EVENTS.ndjson --now RFC3339 [--round K] [--runs 5] [--figures OUT.json]

Loads the events with reference.sql's `load` blocks (timed), reads the process's VmRSS, then runs
the query (reference.sql's `first_response_time_business_p90`) and every block of scorecard.sql
once to warm up and `--runs` times timed. The query's window is [now − 28·24 h, now); the
scorecard's day is now's local date in Europe/Berlin and its backlog is at now. Prints one JSON
line per measurement on stdout (the fields of TenetBenchSupport.RunMeasurement, suite `metrics`);
`--figures` writes the query's groups for tenet-metrics-bench to compare with Tenet's.
"""
import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from zoneinfo import ZoneInfo

import duckdb

from reference import HERE, parse_rfc3339, read_blocks, used_parameters, format_us

QUERY = "first_response_time_business_p90"


def memory():
    """VmRSS and VmHWM of this process, in bytes."""
    values = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(("VmRSS:", "VmHWM:")):
                name, amount, _ = line.split()
                values[name[:-1]] = int(amount) * 1024
    return values.get("VmRSS", 0), values.get("VmHWM", 0)


def measurement(subject, variant, round_, count, seconds, rate, unit, check, settings):
    return json.dumps({
        "suite": "metrics", "subject": subject, "variant": variant, "run": round_, "count": count,
        "seconds": seconds, "rate": rate, "unit": unit, "check": check,
        "settings": {key: str(value) for key, value in settings.items()}, "cpu": {},
    }, sort_keys=True)


def timed(con, sql, parameters, runs):
    """Runs `sql` once (its rows), then `runs` times timed: (rows, times)."""
    bound = used_parameters(sql, parameters)
    rows = con.execute(sql, bound).fetchall()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        con.execute(sql, bound).fetchall()
        times.append(time.perf_counter() - started)
    return rows, times


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("events")
    parser.add_argument("--now", required=True)
    parser.add_argument("--round", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--figures", help="write the query's groups here (JSON)")
    args = parser.parse_args(argv)

    now_us = parse_rfc3339(args.now)
    from_us = now_us - 28 * 86400 * 1_000_000
    berlin = ZoneInfo("Europe/Berlin")
    local = dt.datetime.fromtimestamp(now_us / 1e6, tz=berlin).date()
    day_from = dt.datetime(local.year, local.month, local.day, tzinfo=berlin)
    day_to = dt.datetime.combine(local + dt.timedelta(days=1), dt.time(), tzinfo=berlin)
    parameters = {
        "path": args.events, "from_us": from_us, "to_us": now_us, "now_us": now_us,
        "day_from_us": int(day_from.timestamp()) * 1_000_000, "day_to_us": int(day_to.timestamp()) * 1_000_000,
    }
    reference = dict((name, sql) for name, sql in read_blocks(os.path.join(HERE, "reference.sql")) if name != "load")
    loads = [sql for name, sql in read_blocks(os.path.join(HERE, "reference.sql")) if name == "load"]
    scorecard = read_blocks(os.path.join(HERE, "scorecard.sql"))

    rss_before, _ = memory()
    con = duckdb.connect(":memory:")
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    started = time.perf_counter()
    for sql in loads:
        con.execute(sql, used_parameters(sql, parameters))
    load_seconds = time.perf_counter() - started
    events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    rss, hwm = memory()
    size = os.path.getsize(args.events)
    common = {"duckdb": duckdb.__version__, "threads": threads}
    print(measurement("duckdb-load", "load", args.round, events, load_seconds, events / load_seconds, "events/s",
                      f"{events} events in the table", common))
    print(measurement("duckdb-memory", "memory", args.round, events, 0, rss, "bytes",
                      "VmRSS of the Python process with the events loaded (DuckDB in memory)",
                      {**common, "vm_rss": rss, "vm_hwm": hwm, "vm_rss_before": rss_before, "ndjson_bytes": size}))

    rows, times = timed(con, reference[QUERY], parameters, args.runs)
    groups = [{"team": r[0], "channel": r[1], "value": r[2], "sample_size": r[3]} for r in rows]
    if args.figures:
        with open(args.figures, "w", encoding="utf-8") as out:
            json.dump({"from": format_us(from_us), "to": format_us(now_us), "query": groups}, out, indent=1)
    print(measurement("duckdb-query", "query", args.round, args.runs, statistics.median(times), 1 / statistics.median(times),
                      "queries/s", f"{len(groups)} groups, {sum(g['sample_size'] for g in groups)} measurements",
                      {**common, "runs": ",".join(str(t) for t in times)}))

    per_block, totals, figures = {}, [0.0] * args.runs, 0
    for name, sql in scorecard:
        rows, times = timed(con, sql, parameters, args.runs)
        figures += len(rows)
        per_block[name] = statistics.median(times)
        totals = [a + b for a, b in zip(totals, times)]
    median = statistics.median(totals)
    print(measurement("duckdb-scorecard", "scorecard", args.round, args.runs, median, 1 / median, "scorecards/s",
                      f"{len(scorecard)} queries, {figures} figures", {**common, "runs": ",".join(str(t) for t in totals),
                      **{f"query {name}": seconds for name, seconds in per_block.items()}}))
    sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
