#!/usr/bin/env bash
# `make bench`: builds the benchmark programs (release, in .build-bench/), runs each beside its
# reference in alternating rounds (a fresh process per run; each program checks its own work),
# collects their JSON lines in .build-bench/results/ and renders BENCHMARKS.md from them with
# tenet-bench-report. Refuses a tree with uncommitted changes (BENCHMARKS.md aside): every figure
# must come from a commit. BENCH_ALLOW_DIRTY=1 runs anyway and marks the file as not publishable.
#
# Environment: BENCH_ROUNDS (3), BENCH_EVENTS (1000000), BENCH_BATCHES ("1000 5000"),
# BENCH_MESSAGES (2000000 per bus run), BENCH_SPANS (2000000 per calendar run), BENCH_OUTPUT (BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds=${BENCH_ROUNDS:-3} events=${BENCH_EVENTS:-1000000} batches=${BENCH_BATCHES:-"1000 5000"}
messages=${BENCH_MESSAGES:-2000000} spans=${BENCH_SPANS:-2000000} output=${BENCH_OUTPUT:-BENCHMARKS.md}
export TENET_BENCHMARKS=1  # the same package graph as `make microbench`, in the same .build-bench/
scratch=.build-bench results=.build-bench/results

if git status --porcelain --untracked-files=normal | grep -qv ' BENCHMARKS.md$' && [[ ${BENCH_ALLOW_DIRTY:-0} != 1 ]]; then
    echo "bench.sh: the tree has uncommitted changes; commit first (or BENCH_ALLOW_DIRTY=1 for figures marked unpublishable)" >&2
    exit 1
fi
started=$SECONDS
for product in tenet tenet-store tenet-ingest tenet-bus-bench tenet-store-bench tenet-ingest-bench tenet-calendar-bench tenet-bench-report; do
    swift build -c release --scratch-path "$scratch" --product "$product"
done
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)
"${CC:-cc}" -O2 -o "$scratch/zmq_throughput" Benchmarks/c/zmq_throughput.c -lzmq -lpthread
built=$SECONDS

rm -rf "$results" && mkdir -p "$results"
"$bin/tenet-bench-report" machine >"$results/machine.json"
work=$(mktemp -d /tmp/tenet-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$bin/tenet-store-bench" generate --events "$events" --output "$work/events.ndjson"

for ((round = 1; round <= rounds; round++)); do
    # The subject and its reference take turns going first.
    if ((round % 2)); then bus=(c swift) ingest=(e2e insert); else bus=(swift c) ingest=(insert e2e); fi
    for impl in "${bus[@]}"; do
        echo "==> round $round/$rounds: bus, $impl" >&2
        if [[ $impl == c ]]; then program=$scratch/zmq_throughput; else program=$bin/tenet-bus-bench; fi
        "$program" --messages "$messages" --round "$round" >>"$results/bus.ndjson"
    done
    for batch in $batches; do
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
    echo "==> round $round/$rounds: calendar" >&2
    "$bin/tenet-calendar-bench" --spans "$spans" --round "$round" >>"$results/calendar.ndjson"
done

"$bin/tenet-bench-report" render --results "$results" --output "$output" \
    --build-seconds $((built - started)) --measure-seconds $((SECONDS - built))
