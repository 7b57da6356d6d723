#!/usr/bin/env python3
"""Compares DuckDB's figures (reference.py's JSON) with Tenet's (`tenet metrics --json` replies).

    compare.py DUCKDB.json NAME=TENET.json [NAME=TENET.json …]
    compare.py --rows DUCKDB-ROWS.json TENET-CONVERSATIONS.json

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


def compare_rows(duck_path, tenet_path, limit=12):
    """Per-conversation drill-down: DuckDB's rows (reference.py --rows) against `tenet
    conversations --format json`; prints the conversations whose measurements differ."""
    with open(duck_path, encoding="utf-8") as f:
        duck = {r["conversation"]: r for r in json.load(f)}
    with open(tenet_path, encoding="utf-8") as f:
        tenet = {r["conversation"]: r for r in json.load(f)["rows"]}
    different = []
    for conversation in sorted(set(duck) | set(tenet)):
        d, t = duck.get(conversation), tenet.get(conversation)
        if d is None or t is None:
            different.append((conversation, d, t))
            continue
        dims = t.get("dimensions", {})
        if not (same("duration", d["value"], t["value"]) and same("duration", d["business_value"], t["business_value"])
                and d["team"] == dims.get("team") and d["channel"] == dims.get("channel")):
            different.append((conversation, d, t))
    print(f"drill-down {os.path.basename(duck_path)}: {len(duck)} rows in DuckDB, {len(tenet)} in Tenet, "
          f"{len(different)} conversations differ")
    for conversation, d, t in different[:limit]:
        print(f"  {conversation}: duckdb " + (f"calendar {d['value']} business {d['business_value']} team {d['team']} "
              f"channel {d['channel']}" if d else "(none)") + " | tenet " +
              (f"calendar {t['value']} business {t['business_value']} {t.get('dimensions')}" if t else "(none)"))
    return len(different)


def main(argv):
    if argv[:1] == ["--rows"]:
        return 1 if compare_rows(argv[1], argv[2]) else 0
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
