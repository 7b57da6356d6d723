#!/usr/bin/env python3
"""Checks reference.sql on the worked examples of docs/METRICS.md (worked_examples.ndjson):

    .build-duckdb-venv/bin/python Benchmarks/duckdb/selftest.py

- first response: opened 09:00 Berlin, customer 09:00:30, bot 09:00:35, assigned 09:03 (the
  hand-off), private note 09:04, reply 09:10: 7 minutes (w1, team a, chat); opened Friday 16:30,
  answered Monday 09:30: 65 hours calendar, 1 hour business (w2, team a, email);
- team b, chat: first responses of 30, 5 and 5 minutes (w3, w4, w5), p90 by linear
  interpolation: r = 2 · 0.9 = 1.8, 300 + (1800 − 300) · 0.8 = 1500 s;
- CSAT answers 5, 4, 3, 1: 50 % (2 of 4), team a;
- first contact resolution: reopened (w3) no; one reply, solved 09:10 (w4) yes; the same with a
  transfer at 09:06 (w5) no: 1 of 3;
- volume opened: chat 4, email 1.
Exits 1 when a figure differs.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EXPECTED = {
    "first_response_time_business_p90": {(("channel", "chat"), ("team", "a")): (420, 1),
                                         (("channel", "email"), ("team", "a")): (3600, 1),
                                         (("channel", "chat"), ("team", "b")): (1500, 3)},
    "first_response_time_calendar_p90": {(("channel", "chat"), ("team", "a")): (420, 1),
                                         (("channel", "email"), ("team", "a")): (65 * 3600, 1),
                                         (("channel", "chat"), ("team", "b")): (1500, 3)},
    "csat_by_team": {(("team", "a"),): (50, 4)},
    "first_contact_resolution": {(): (100 / 3, 3)},
    "volume_opened_by_channel": {(("channel", "chat"),): (4, 4), (("channel", "email"),): (1, 1)},
}

out = subprocess.run([sys.executable, os.path.join(HERE, "reference.py"), os.path.join(HERE, "worked_examples.ndjson"),
                      "--now", "2026-12-10T00:00:00Z", "--runs", "0"], check=True, capture_output=True, text=True).stdout
figures = json.loads(out)["figures"]
failures = 0
for name, expected in EXPECTED.items():
    got = {tuple(sorted(g["dimensions"].items())): (g["value"], g["sample_size"]) for g in figures[name]["groups"]}
    ok = set(got) == set(expected) and all(abs(got[k][0] - v) < 1e-9 and got[k][1] == n for k, (v, n) in expected.items())
    failures += 0 if ok else 1
    print(f"{'ok  ' if ok else 'FAIL'} {name}: {got}" + ("" if ok else f" (expected {expected})"))
print(f"{len(EXPECTED) - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
