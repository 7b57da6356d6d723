#!/usr/bin/env bash
# `make bench`: builds the benchmark programs (release, in .build-bench/), runs each beside its
# reference in alternating rounds (a fresh process per run; each program checks its own work),
# collects their JSON lines in .build-bench/results/ and renders BENCHMARKS.md from them with
# tenet-bench-report. Refuses a tree with uncommitted changes (BENCHMARKS.md aside): every figure
# must come from a commit. BENCH_ALLOW_DIRTY=1 runs anyway and marks the file as not publishable.
#
# Environment: BENCH_ROUNDS (3), BENCH_EVENTS (1000000), BENCH_BATCHES ("1000 5000"),
# BENCH_MESSAGES (2000000 per bus run), BENCH_SPANS (2000000 per calendar run),
# BENCH_SUITES ("ingest bus calendar metrics simulator": the suites to run), BENCH_OUTPUT (BENCHMARKS.md when every
# suite runs, else BENCHMARKS-<suites>.md, so that a partial run never drops the other sections).
# The metrics suite (issue 8; tenet-metrics-bench and Benchmarks/duckdb/bench.py): its events come
# from Benchmarks/duckdb/generate.py, BENCH_METRICS_CONVERSATIONS (1000000, about 9 million events;
# 20000 for a quick try) over the 35 days before the run's start; BENCH_METRICS_ROUNDS (2) rounds of
# the engine alone and of DuckDB (query and scorecard, BENCH_METRICS_DUCKDB_RUNS (3) timed runs each);
# then BENCH_METRICS_STACK_ROUNDS (1) stacks, each loaded once with every event and reused for the
# query, scorecard, memory, latency (BENCH_METRICS_LIVE_RATE (10000) events/s for
# BENCH_METRICS_LIVE_SECONDS (30) s, BENCH_METRICS_LIVE_BATCH (50) events a request) and restarts.
# The simulator suite (issue 9; tenet-simulator-bench): once a round, BENCH_SIMULATOR_DAYS (365) simulated days
# of the standard profile scaled to BENCH_SIMULATOR_AGENTS (200) agents (the aim: a year for 200 agents in
# under a minute; about 10 s a round), beside the generic JSON writer on the same lines.
# The sla suite (issue 10; tenet-sla-bench): once a round, BENCH_SLA_CONVERSATIONS (1000000) conversations'
# SLA clocks (about 7 s a round), beside the bare calendar deadlines of the same clocks.
# The web suite (issue 11; tenet-web-bench, not in the default set: BENCH_SUITES=web): once a round, a stack
# with the web plugin alone, BENCH_WEB_CLIENTS (100) /v1/stream clients reading BENCH_WEB_MESSAGES (200) metric
# events published every BENCH_WEB_INTERVAL_MS (20) ms (the aim: every client within 100 ms), beside one client
# and a plain bus subscriber (about 15 s a round); then the dashboard's first paint: a stack with store, ingest,
# metrics, rules and web loaded with BENCH_WEB_DAYS (7) simulated days of philosophy.example.yaml (a fixed seed),
# and one headless Chromium (/usr/bin/chromium, Scripts/devtools_bridge.py) loading BENCH_WEB_NAVIGATIONS (10)
# times the dashboard with its token, beside the same page without the token and a tiny static page (about 20 s a round).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds=${BENCH_ROUNDS:-3} events=${BENCH_EVENTS:-1000000} batches=${BENCH_BATCHES:-"1000 5000"}
suites=${BENCH_SUITES:-"ingest bus calendar metrics simulator"}
# A run of some suites only must not replace BENCHMARKS.md with a file that lacks the others.
if [[ $suites == "ingest bus calendar metrics simulator" ]]; then default_output=BENCHMARKS.md; else default_output="BENCHMARKS-${suites// /-}.md"; fi
messages=${BENCH_MESSAGES:-2000000} spans=${BENCH_SPANS:-2000000} output=${BENCH_OUTPUT:-$default_output}
conversations=${BENCH_METRICS_CONVERSATIONS:-1000000} metrics_rounds=${BENCH_METRICS_ROUNDS:-2}
duckdb_runs=${BENCH_METRICS_DUCKDB_RUNS:-3} stack_rounds=${BENCH_METRICS_STACK_ROUNDS:-1}
simulator_days=${BENCH_SIMULATOR_DAYS:-365} simulator_agents=${BENCH_SIMULATOR_AGENTS:-200}
sla_conversations=${BENCH_SLA_CONVERSATIONS:-1000000}
web_clients=${BENCH_WEB_CLIENTS:-100} web_messages=${BENCH_WEB_MESSAGES:-200} web_interval=${BENCH_WEB_INTERVAL_MS:-20}
web_days=${BENCH_WEB_DAYS:-7} web_navigations=${BENCH_WEB_NAVIGATIONS:-10}
live_rate=${BENCH_METRICS_LIVE_RATE:-10000} live_seconds=${BENCH_METRICS_LIVE_SECONDS:-30} live_batch=${BENCH_METRICS_LIVE_BATCH:-50}
wants() { [[ " $suites " == *" $1 "* ]]; }
export TENET_BENCHMARKS=1  # the same package graph as `make microbench`, in the same .build-bench/
scratch=.build-bench results=.build-bench/results

if git status --porcelain --untracked-files=normal | grep -qvE ' BENCHMARKS(-[a-z-]+)?.md$' && [[ ${BENCH_ALLOW_DIRTY:-0} != 1 ]]; then
    echo "bench.sh: the tree has uncommitted changes; commit first (or BENCH_ALLOW_DIRTY=1 for figures marked unpublishable)" >&2
    exit 1
fi
started=$SECONDS
# Only the programs of the suites asked for.
products=(tenet tenet-store tenet-ingest tenet-bench-report)
wants ingest && products+=(tenet-store-bench tenet-ingest-bench)
wants bus && products+=(tenet-bus-bench)
wants calendar && products+=(tenet-calendar-bench)
wants metrics && products+=(tenet-metrics tenet-metrics-bench)
wants simulator && products+=(tenet-simulator-bench)
wants sla && products+=(tenet-sla-bench)
wants web && products+=(tenet-metrics tenet-rules tenet-web tenet-web-bench)
for product in "${products[@]}"; do
    swift build -c release --scratch-path "$scratch" --product "$product"
done
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)
wants bus && "${CC:-cc}" -O2 -o "$scratch/zmq_throughput" Benchmarks/c/zmq_throughput.c -lzmq -lpthread
built=$SECONDS

rm -rf "$results" && mkdir -p "$results"
"$bin/tenet-bench-report" machine >"$results/machine.json"
work=$(mktemp -d /tmp/tenet-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
wants ingest && "$bin/tenet-store-bench" generate --events "$events" --output "$work/events.ndjson"

for ((round = 1; round <= rounds; round++)); do
    wants ingest || wants bus || wants calendar || wants simulator || wants sla || wants web || break
    # The subject and its reference take turns going first.
    if ((round % 2)); then bus=(c swift) ingest=(e2e insert); else bus=(swift c) ingest=(insert e2e); fi
    for impl in "${bus[@]}"; do
        wants bus || break
        echo "==> round $round/$rounds: bus, $impl" >&2
        if [[ $impl == c ]]; then program=$scratch/zmq_throughput; else program=$bin/tenet-bus-bench; fi
        "$program" --messages "$messages" --round "$round" >>"$results/bus.ndjson"
    done
    for batch in $batches; do
        wants ingest || break
        for kind in "${ingest[@]}"; do
            echo "==> round $round/$rounds: batch $batch, $kind" >&2
            if [[ $kind == e2e ]]; then
                "$bin/tenet-ingest-bench" --bin "$bin" --input "$work/events.ndjson" --batch "$batch" --round "$round" --work "$work"
            else
                "$bin/tenet-store-bench" insert --input "$work/events.ndjson" --batch "$batch" --dir "$work" --round "$round"
            fi >>"$results/ingest.ndjson"
        done
    done
    # Business durations beside calendar-time subtraction: one process, which alternates the two by round.
    if wants calendar; then
        echo "==> round $round/$rounds: calendar" >&2
        "$bin/tenet-calendar-bench" --spans "$spans" --round "$round" >>"$results/calendar.ndjson"
    fi
    # Simulated events beside the generic JSON writer on the same lines: one process a round.
    if wants simulator; then
        echo "==> round $round/$rounds: simulator" >&2
        "$bin/tenet-simulator-bench" run --agents "$simulator_agents" --days "$simulator_days" --round "$round" \
            --philosophy philosophy.example.yaml >>"$results/simulator.ndjson"
    fi
    # SLA clocks and their calendar-deadline reference: one process a round.
    if wants sla; then
        echo "==> round $round/$rounds: sla" >&2
        "$bin/tenet-sla-bench" --conversations "$sla_conversations" --round "$round" >>"$results/sla.ndjson"
    fi
    # The live stream's fan-out and its references (one client, a bus subscriber), then the dashboard's first paint
    # and its references (the page without the token, a tiny page): one process and one stack each, a round.
    if wants web; then
        echo "==> round $round/$rounds: web" >&2
        "$bin/tenet-web-bench" --bin "$bin" --clients "$web_clients" --messages "$web_messages" --interval-ms "$web_interval" \
            --round "$round" --work "$work" >>"$results/web.ndjson"
        echo "==> round $round/$rounds: web, first paint" >&2
        "$bin/tenet-web-bench" --phase first-paint --bin "$bin" --repository "$PWD" --days "$web_days" \
            --navigations "$web_navigations" --round "$round" --work "$work" >>"$results/web.ndjson"
    fi
done

if wants metrics; then
    # One set of events for every metrics figure, ending at the run's start (the rolling 28 days
    # of the query, DuckDB's and Tenet's alike, end there; the scorecard's are Tenet's own now).
    python=$(Benchmarks/duckdb/setup.sh | tail -n 1)
    now=$(date -u +%Y-%m-%dT%H:%M:00Z)
    from=$("$python" -c 'import datetime as d, sys; t = d.datetime.fromisoformat(sys.argv[1].replace("Z", "+00:00")); print((t - d.timedelta(days=28)).strftime("%Y-%m-%dT%H:%M:%SZ"))' "$now")
    echo "==> metrics: generating $conversations conversations" >&2
    "$python" Benchmarks/duckdb/generate.py "$conversations" "$work/metrics.ndjson" --now "$now" --seed 8
    for ((round = 1; round <= metrics_rounds; round++)); do
        if ((round % 2)); then kinds=(engine duckdb); else kinds=(duckdb engine); fi
        for kind in "${kinds[@]}"; do
            echo "==> round $round/$metrics_rounds: metrics, $kind" >&2
            if [[ $kind == engine ]]; then
                "$bin/tenet-metrics-bench" engine --input "$work/metrics.ndjson" --philosophy Benchmarks/duckdb/philosophy.yaml --round "$round"
            else
                "$python" Benchmarks/duckdb/bench.py "$work/metrics.ndjson" --now "$now" --round "$round" --runs "$duckdb_runs" \
                    --figures "$work/duckdb-figures.json"
            fi >>"$results/metrics.ndjson"
        done
    done
    for ((round = 1; round <= stack_rounds; round++)); do
        echo "==> round $round/$stack_rounds: metrics, stack" >&2
        "$bin/tenet-metrics-bench" stack --bin "$bin" --input "$work/metrics.ndjson" --philosophy Benchmarks/duckdb/philosophy.yaml \
            --from "$from" --to "$now" --round "$round" --live-rate "$live_rate" --live-seconds "$live_seconds" --live-batch "$live_batch" \
            --expect "$work/duckdb-figures.json" --work "$work" >>"$results/metrics.ndjson"
    done
fi

"$bin/tenet-bench-report" render --results "$results" --output "$output" \
    --build-seconds $((built - started)) --measure-seconds $((SECONDS - built))
