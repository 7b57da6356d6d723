#!/usr/bin/env bash
# Tenet's figures next to an independent DuckDB reference computing them with SQL from the same
# events: they must be equal (counts and rates exactly, durations to the microsecond).
#
#   Benchmarks/duckdb/compare.sh [N]        # N conversations (default 2000)
#
# Environment: NOW (the end of the rolling 28 days, default 2027-01-05T10:30:00Z), SEED (8),
# TENET_BIN_DIR (default REPO/.build/debug; build first with `swift build`), KEEP=1 to keep the
# temporary directory, EVENTS=FILE to use a file of events instead of generating one (then NOW
# must fit it).
#
# Steps: the venv (setup.sh), the events (generate.py), DuckDB's figures (reference.py), a Tenet
# stack in a temporary directory (store, ingest, metrics; the `office` schedule Mon–Fri 09:00–17:00
# Europe/Berlin with the holidays 2026-12-24..26 as the coverage), `tenet send`, a wait until the
# metrics plugin has read every event (`last_seq`), Tenet's figures (`tenet metrics --json`),
# the comparison (compare.py), and a drill-down comparing every measurement behind them
# (`tenet conversations`, up to 100,000 a metric). Exits 1 on any difference, 2 when a step fails.
set -euo pipefail

N="${1:-2000}"
NOW="${NOW:-2027-01-05T10:30:00Z}"
SEED="${SEED:-8}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
bin="${TENET_BIN_DIR:-$repo/.build/debug}"
tenet="$bin/tenet"
for exe in tenet tenet-store tenet-ingest tenet-metrics; do
    [ -x "$bin/$exe" ] || { echo "compare.sh: $bin/$exe is missing: run \`swift build\` first (or set TENET_BIN_DIR)" >&2; exit 2; }
done

python="$("$here/setup.sh" | tail -n 1)"
work="$(mktemp -d /tmp/tenet-duck.XXXXXX)"
data="$work/data"
up_pid=""
cleanup() {
    if [ -n "$up_pid" ] && kill -0 "$up_pid" 2>/dev/null; then
        "$tenet" stop --data "$data" --timeout 30 >/dev/null 2>&1 || kill "$up_pid" 2>/dev/null || true
        wait "$up_pid" 2>/dev/null || true
    fi
    if [ "${KEEP:-0}" = 1 ]; then echo "compare.sh: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

# 1. The events.
if [ -n "${EVENTS:-}" ]; then
    events="$EVENTS"
else
    events="$work/events.ndjson"
    "$python" "$here/generate.py" "$N" "$events" --now "$NOW" --seed "$SEED"
fi
count=$(wc -l < "$events" | tr -d ' ')

# 2. DuckDB's figures over [NOW − 28 days, NOW).
"$python" "$here/reference.py" "$events" --now "$NOW" --rows "$work" > "$work/duckdb.json"
from=$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["from"])' "$work/duckdb.json")
to=$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["to"])' "$work/duckdb.json")

# 3. A Tenet stack with the office schedule.
cp "$here/philosophy.yaml" "$work/philosophy.yaml"
cat > "$work/stack.yaml" <<YAML
philosophy: philosophy.yaml
defaults:
  restart: always
  max_failures: 5
plugins:
  - { name: store, command: $bin/tenet-store, order: 10 }
  - { name: ingest, command: $bin/tenet-ingest, order: 20, env: { TENET_INGEST_HTTP: "127.0.0.1:0" } }
  - { name: metrics, command: $bin/tenet-metrics, order: 25 }
YAML
"$tenet" check "$work/philosophy.yaml" >&2

"$tenet" up --stack "$work/stack.yaml" --data "$data" > "$work/up.log" 2>&1 &
up_pid=$!
deadline=$((SECONDS + 60))
until "$tenet" status --data "$data" 2>/dev/null | grep -q metrics; do
    if ! kill -0 "$up_pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
        echo "compare.sh: the stack did not start; its log:" >&2; cat "$work/up.log" >&2; exit 2
    fi
    sleep 0.5
done

# 4. Send the events and wait until the metrics plugin has read them all.
started=$(date +%s.%N)
"$tenet" send "$events" --data "$data" >&2 || { echo "compare.sh: tenet send failed" >&2; exit 2; }
sent=$(date +%s.%N)
deadline=$((SECONDS + 600))
while :; do
    seq=$("$tenet" metrics --metric volume_opened --json --data "$data" 2>/dev/null \
        | "$python" -c 'import json,sys; print(json.load(sys.stdin).get("last_seq", 0))' 2>/dev/null || echo 0)
    [ "$seq" -ge "$count" ] && break
    if [ $SECONDS -ge $deadline ]; then echo "compare.sh: the metrics plugin is at $seq of $count events" >&2; exit 2; fi
    sleep 0.5
done
caught_up=$(date +%s.%N)
awk -v c="$count" -v a="$started" -v b="$sent" -v d="$caught_up" \
    'BEGIN { printf "compare.sh: %d events sent in %.2f s, all measured by Tenet after %.2f s\n", c, b - a, d - a }' >&2

# 5. Tenet's figures over the same window.
q() { "$tenet" metrics --json --data "$data" --from "$from" --to "$to" "$@"; }
time_query() { # NAME ARGS…: runs the query once to keep, then 5 times timed (the CLI round trip)
    local name=$1; shift
    q "$@" > "$work/tenet-$name.json"
    local t0 t1 times=()
    for _ in 1 2 3 4 5; do
        t0=$(date +%s%N); q "$@" > /dev/null; t1=$(date +%s%N); times+=($(( (t1 - t0) / 1000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n 3p > "$work/tenet-$name.us"
}
time_query first_response_time_business_p90 --metric first_response_time --stat p90 --hours business \
    --where team=a,b --where channel=chat,email --by team,channel
time_query first_response_time_calendar_p90 --metric first_response_time --stat p90 --hours calendar \
    --where team=a,b --where channel=chat,email --by team,channel
time_query csat_by_team --metric csat --stat rate --by team
time_query first_contact_resolution --metric first_contact_resolution --stat rate
time_query volume_opened_by_channel --metric volume_opened --stat sum --by channel

# 6. The comparison, and the times.
echo "Window [$from, $to), $count events of $N conversations; durations in seconds, rates in %."
status=0
"$python" "$here/compare.py" "$work/duckdb.json" \
    first_response_time_business_p90="$work/tenet-first_response_time_business_p90.json" \
    first_response_time_calendar_p90="$work/tenet-first_response_time_calendar_p90.json" \
    csat_by_team="$work/tenet-csat_by_team.json" \
    first_contact_resolution="$work/tenet-first_contact_resolution.json" \
    volume_opened_by_channel="$work/tenet-volume_opened_by_channel.json" || status=$?
"$python" - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
duck = json.load(open(os.path.join(work, "duckdb.json")))
print(f"\nDuckDB {duck['duckdb']} ({duck['threads']} threads): load {duck['load_seconds'] * 1000:.1f} ms for {duck['events']} events")
print("Cases of docs/METRICS.md in the window (DuckDB's count): " +
      ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in duck.get("cases", {}).items()))
print(f"{'query':36}  {'duckdb median of 5':>18}  {'tenet metrics CLI median of 5':>29}")
for name, figure in duck["figures"].items():
    with open(os.path.join(work, f"tenet-{name}.us")) as f:
        tenet_ms = int(f.read()) / 1000
    print(f"{name:36}  {figure['query_seconds_median'] * 1000:15.1f} ms  {tenet_ms:26.1f} ms")
PY
# 7. The drill-down: every measurement behind the figures, conversation by conversation.
echo
rows=()
for metric in first_response_time csat first_contact_resolution volume_opened; do
    "$tenet" conversations --metric "$metric" --from "$from" --to "$to" --format json --limit 100000 \
        --data "$data" > "$work/tenet-rows-$metric.json"
    rows+=("$work/duckdb-rows-$metric.json" "$work/tenet-rows-$metric.json")
done
"$python" "$here/compare.py" --rows "${rows[@]}" || status=1
exit $status
