#!/usr/bin/env python3
"""Compares DuckDB's figures (reference.py's JSON) with Tenet's (`tenet metrics --json` replies).

    compare.py DUCKDB.json NAME=TENET.json [NAME=TENET.json …]
    compare.py --rows DUCKDB-ROWS.json TENET-CONVERSATIONS.json [DUCKDB-ROWS.json TENET-CONVERSATIONS.json …]

NAME is a query name of reference.sql (first_response_time_business_p90, …). Prints one table
row per figure and group, and exits 1 on any difference: counts, numerators and denominators must
be equal, rates equal to 1e-9 percentage points, durations equal to the microsecond (|Δ| < 1 µs).
Groups present on one side only are differences too.
"""
import json
import os
import sys


def key(dimensions):
    return tuple(sorted((k, "" if v is None else str(v)) for k, v in (dimensions or {}).items()))


def same(kind, a, b):
    if a is None or b is None:
        return a is None and b is None
    if kind == "duration":
        return abs(float(a) - float(b)) < 1e-6
    if kind == "rate":
        return abs(float(a) - float(b)) < 1e-9
    return float(a) == float(b)


def show(value):
    if value is None:
        return "-"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.6f}"
    return str(int(value)) if isinstance(value, (int, float)) else str(value)


def instant_us(text):
    """An RFC 3339 time in microseconds since 1970, and the number of fraction digits it had."""
    import datetime as dt
    body, fraction = text.rstrip("Zz"), ""
    if "." in body:
        body, fraction = body.split(".", 1)
    moment = dt.datetime.fromisoformat(body).replace(tzinfo=dt.timezone.utc)
    seconds = int((moment - dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)).total_seconds())
    return seconds * 1_000_000 + int((fraction + "000000")[:6]), len(fraction)


def compare_rows(duck_path, tenet_path, limit=10):
    """Per-measurement drill-down: DuckDB's rows (reference.py --rows) against `tenet
    conversations --format json`, matched by conversation and time order; prints those that
    differ (instant, calendar value, business value, dimensions) and returns how many."""
    with open(duck_path, encoding="utf-8") as f:
        duck_rows = json.load(f)
    with open(tenet_path, encoding="utf-8") as f:
        tenet_rows = json.load(f)["rows"]

    def by_conversation(rows, at):
        grouped = {}
        for row in rows:
            grouped.setdefault(row["conversation"] or "", []).append(row)
        for key in grouped:
            grouped[key].sort(key=at)
        return grouped

    duck = by_conversation(duck_rows, lambda r: r["at_us"])
    tenet = by_conversation(tenet_rows, lambda r: instant_us(r["at"])[0])
    different = []
    for conversation in sorted(set(duck) | set(tenet)):
        ds, ts = duck.get(conversation, []), tenet.get(conversation, [])
        for i in range(max(len(ds), len(ts))):
            d = ds[i] if i < len(ds) else None
            t = ts[i] if i < len(ts) else None
            ok = d is not None and t is not None
            if ok:
                at, digits = instant_us(t["at"])
                unit = 10 ** (6 - min(digits, 6))  # Tenet may print fewer fraction digits
                ok = d["at_us"] // unit == at // unit and same("duration", d["value"], t["value"])
                if d.get("business_value") is not None:
                    ok = ok and same("duration", d["business_value"], t["business_value"])
                dims = t.get("dimensions", {})
                for name in d:
                    if name not in ("conversation", "at_us", "value", "business_value"):
                        ok = ok and d[name] == dims.get(name)
            if not ok:
                different.append((conversation, d, t))
    name = os.path.basename(duck_path)[len("duckdb-rows-"):-len(".json")]
    print(f"drill-down {name}: {len(duck_rows)} measurements in DuckDB, {len(tenet_rows)} in Tenet, "
          f"{len(different)} differ")
    for conversation, d, t in different[:limit]:
        print(f"  {conversation or '(no conversation)'}:\n    duckdb {json.dumps(d)}\n    tenet  {json.dumps(t)}")
    return len(different)


def main(argv):
    if argv[:1] == ["--rows"]:
        pairs = argv[1:]
        return 1 if sum(compare_rows(pairs[i], pairs[i + 1]) for i in range(0, len(pairs), 2)) else 0
    if len(argv) < 2:
        raise SystemExit(__doc__)
    with open(argv[0], encoding="utf-8") as f:
        duck = json.load(f)
    rows, differences = [], 0
    for pair in argv[1:]:
        name, path = pair.split("=", 1)
        with open(path, encoding="utf-8") as f:
            tenet = json.load(f)
        figure = duck["figures"][name]
        kind = "duration" if tenet.get("unit") == "seconds" else ("rate" if figure["stat"] == "rate" else "count")
        ours = {key(g["dimensions"]): g for g in figure["groups"]}
        theirs = {key(g.get("dimensions")): g for g in tenet.get("groups", [])}
        for k in sorted(set(ours) | set(theirs)):
            d, t = ours.get(k), theirs.get(k)
            label = ",".join(f"{a}={b}" for a, b in k) or "(all)"
            checks = [("value", kind), ("sample_size", "count")]
            if kind == "rate":
                checks += [("numerator", "count"), ("denominator", "count")]
            ok = d is not None and t is not None and all(same(c, d.get(f), t.get(f)) for f, c in checks)
            differences += 0 if ok else 1
            cell = lambda g, f: show(g.get(f)) if g is not None else "(none)"
            rate = lambda g: f"{cell(g, 'numerator')}/{cell(g, 'denominator')}" if kind == "rate" else ""
            rows.append([name, label, cell(d, "value"), cell(t, "value"), cell(d, "sample_size"),
                         cell(t, "sample_size"), rate(d), rate(t), "equal" if ok else "DIFFERENT"])
    header = ["figure", "group", "duckdb", "tenet", "n duckdb", "n tenet", "num/den duckdb", "num/den tenet", ""]
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    for r in [header] + rows:
        print("  ".join(str(c).ljust(w) if i < 2 else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip())
    print(f"{len(rows) - differences} of {len(rows)} figures equal" + (f", {differences} DIFFERENT" if differences else ""))
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
