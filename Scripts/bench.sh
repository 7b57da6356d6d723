#!/usr/bin/env bash
# Runs Tenet's benchmarks and regenerates BENCHMARKS.md (`make bench`).
#
#   bash Scripts/bench.sh                 # every benchmark
#   bash Scripts/bench.sh zeromq-throughput
#
# Everything builds under .build-bench/ (its own SwiftPM scratch path, so a benchmark never
# fights over .build/ with an editor or `swift test`). Each benchmark is a `bench_<name>`
# function that writes its section of BENCHMARKS.md to .build-bench/sections/<name>.md;
# write_benchmarks_md then regenerates the file from the header below, the fresh sections, and
# the sections of benchmarks that did not run this time (kept as they were). To add a benchmark:
# write its function, add its name to ALL_BENCHMARKS.
#
# Parameters of zeromq-throughput (environment): BENCH_MESSAGES (2000000), BENCH_WARMUP
# (100000), BENCH_SIZE (100 bytes), BENCH_RUNS (5 per implementation); BENCH_STRICT=1 makes the
# script exit 3 when a target is missed.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

BUILD_DIR=.build-bench
SECTIONS_DIR="$BUILD_DIR/sections"
OUTPUT=BENCHMARKS.md
ALL_BENCHMARKS=(zeromq-throughput)

BENCH_MESSAGES=${BENCH_MESSAGES:-2000000}
BENCH_WARMUP=${BENCH_WARMUP:-100000}
BENCH_SIZE=${BENCH_SIZE:-100}
BENCH_RUNS=${BENCH_RUNS:-5}
BENCH_STRICT=${BENCH_STRICT:-0}
CC=${CC:-cc}

TARGET_MISSED=0

log() { printf '==> %s\n' "$*" >&2; }

# MARK: Helpers

# Median of the numbers on stdin, one per line.
median() {
    sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) exit 1
        if (NR % 2) printf "%.0f\n", v[(NR + 1) / 2]
        else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# 1234567 -> 1,234,567
grouped() {
    awk -v n="$1" 'BEGIN {
        s = sprintf("%.0f", n); out = ""
        while (length(s) > 3) { out = "," substr(s, length(s) - 2) out; s = substr(s, 1, length(s) - 3) }
        print s out }'
}

# The numbers on separate lines of $1, grouped and joined with "; ".
run_list() {
    local value out=()
    while read -r value; do out+=("$(grouped "$value")"); done <<<"$1"
    local IFS=';'
    sed 's/;/; /g' <<<"${out[*]}"
}

# The machine, as a Markdown list (the caller adds the libzmq version it measured).
machine_markdown() {
    local cpu memory swift_version cc_version commit
    cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
    memory=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)
    swift_version=$(swift --version 2>/dev/null | head -n 1 || true)
    cc_version=$("$CC" --version 2>/dev/null | head -n 1 || true)
    commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
    if [[ -n "$(git status --porcelain 2>/dev/null || true)" ]]; then commit="$commit (with uncommitted changes)"; fi
    echo "- CPU: ${cpu:-unknown}, $(nproc) CPUs (\`nproc\`)"
    echo "- Memory: ${memory:-unknown}"
    echo "- Kernel: $(uname -sr)"
    echo "- Swift: ${swift_version:-unknown}"
    echo "- C compiler: ${cc_version:-unknown} (\`-O2\`)"
    echo "- Commit: $commit"
    echo "- Load average at start: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
}

# MARK: Benchmark: zeromq-throughput

bench_zeromq_throughput() {
    local work="$BUILD_DIR/zeromq-throughput"
    mkdir -p "$work"
    local raw="$work/results.txt" errors="$work/stderr.log"
    : >"$raw"
    : >"$errors"

    log "zeromq-throughput: building tenet-bus-bench (release, scratch path $BUILD_DIR)"
    swift build -c release --scratch-path "$BUILD_DIR" --product tenet-bus-bench >&2
    local swift_bin
    swift_bin="$(swift build -c release --scratch-path "$BUILD_DIR" --show-bin-path)/tenet-bus-bench"
    log "zeromq-throughput: compiling Benchmarks/c/zmq_throughput.c"
    "$CC" -O2 -o "$BUILD_DIR/zmq_throughput" Benchmarks/c/zmq_throughput.c -lzmq -lpthread
    local c_bin="$BUILD_DIR/zmq_throughput"

    local machine date
    machine=$(machine_markdown)
    date=$(date -u +"%Y-%m-%d %H:%M:%S UTC")

    # Short socket paths: ipc:// paths must fit in sun_path (107 bytes).
    local ipc_dir
    ipc_dir=$(mktemp -d /tmp/tenet-bench.XXXXXX)
    # shellcheck disable=SC2064
    trap "rm -rf '$ipc_dir'" EXIT

    local parameters=(--messages "$BENCH_MESSAGES" --warmup "$BENCH_WARMUP" --size "$BENCH_SIZE" --runs 1)
    # C and Swift alternate run by run (and take turns going first), so that drift in the
    # machine's load affects both alike; each run is a fresh process with its own warm-up.
    local round order impl bin
    for ((round = 1; round <= BENCH_RUNS; round++)); do
        if ((round % 2)); then order=(c swift); else order=(swift c); fi
        for impl in "${order[@]}"; do
            if [[ $impl == c ]]; then bin=$c_bin; else bin=$swift_bin; fi
            log "zeromq-throughput: round $round/$BENCH_RUNS, $impl"
            "$bin" "${parameters[@]}" --ipc-dir "$ipc_dir" 2>>"$errors" | tee -a "$raw" | grep -v '^#' >&2 || {
                echo "bench.sh: $impl benchmark failed; its messages:" >&2
                cat "$errors" >&2
                exit 1
            }
        done
    done

    local zmq_versions
    zmq_versions=$(sed -n 's/^# impl=[a-z]* libzmq=\([0-9.]*\).*/\1/p' "$raw" | sort -u | paste -sd ',' - | sed 's/,/, /g')

    local table="" runs_table="" verdicts=() lowest=""
    local pattern title c_rates swift_rates c_median swift_median ratio met
    for pattern in pushpull pubsub; do
        case $pattern in
            pushpull) title="PUSH/PULL ipc" ;;
            pubsub) title="PUB/SUB ipc" ;;
        esac
        c_rates=$(awk -v k="${pattern}_ipc" '$1 == k && / impl=c / { for (i = 2; i <= NF; i++) if ($i ~ /^msgs_per_sec=/) print substr($i, 14) }' "$raw")
        swift_rates=$(awk -v k="${pattern}_ipc" '$1 == k && / impl=swift / { for (i = 2; i <= NF; i++) if ($i ~ /^msgs_per_sec=/) print substr($i, 14) }' "$raw")
        c_median=$(median <<<"$c_rates")
        swift_median=$(median <<<"$swift_rates")
        ratio=$(awk -v s="$swift_median" -v c="$c_median" 'BEGIN { printf "%.2f", s / c }')
        if awk -v s="$swift_median" -v c="$c_median" 'BEGIN { exit !(s / c >= 0.8) }'; then
            met="met"
        else
            met="**missed**"
            verdicts+=("$title ($ratio)")
        fi
        if [[ -z $lowest ]] || awk -v r="$ratio" -v l="$lowest" 'BEGIN { exit !(r < l) }'; then lowest=$ratio; fi
        table+="| $title | $(grouped "$c_median") | $(grouped "$swift_median") | $ratio | $met |"$'\n'
        runs_table+="| $title | C | $(run_list "$c_rates") |"$'\n'
        runs_table+="| $title | Swift | $(run_list "$swift_rates") |"$'\n'
        echo "${pattern}_ipc c_msgs_per_sec=$c_median swift_msgs_per_sec=$swift_median ratio=$ratio target=$met" >&2
    done

    local verdict
    if ((${#verdicts[@]} == 0)); then
        verdict="**Verdict: target met.** The Swift binding is within 20% of C on every pattern (lowest Swift/C ratio: $lowest)."
    else
        verdict="**Verdict: target missed** on ${verdicts[*]}: the Swift binding is more than 20% slower than C there."
        TARGET_MISSED=1
    fi

    mkdir -p "$SECTIONS_DIR"
    cat >"$SECTIONS_DIR/zeromq-throughput.md" <<EOF
## ZeroMQ binding throughput

Messages per second through the TenetBus Swift binding (\`tenet-bus-bench\`,
\`Benchmarks/BusBenchmark/\`) and through the same program written in C straight against libzmq
(\`Benchmarks/c/zmq_throughput.c\`). Target: **Swift within 20% of C** (Swift/C >= 0.80).

Measured $date.

$verdict

| Pattern | C msgs/s | Swift msgs/s | Swift/C | Target (>= 0.80) |
|---|---:|---:|---:|---|
$table
Medians of $BENCH_RUNS runs per implementation. Every run, in order (msgs/s):

| Pattern | Implementation | Runs |
|---|---|---|
$runs_table
### How it is measured

- In the manner of libzmq's \`local_thr\`/\`remote_thr\`, in one process: a sender thread and a
  receiver thread, each creating, using and closing its own socket; they share one context with
  1 I/O thread. The receiver binds \`ipc://\` in a fresh \`mktemp -d\` folder under /tmp, the
  sender connects.
- Stream: probes until the receiver has seen one and said so on an \`inproc://\` PAIR socket (so
  the subscription is active before anything is timed), a start marker, $(grouped "$BENCH_WARMUP") untimed
  warm-up messages, $(grouped "$BENCH_MESSAGES") timed messages of $BENCH_SIZE bytes, then an end marker that must be
  the very next message: the receiver counts exactly $(grouped "$BENCH_MESSAGES"), and a stall of 30 s fails the run.
- Timed on the receiver from the first to the last timed message; rate = (messages - 1) / elapsed.
- Hot loops: Swift uses only the binding, \`ZMQSocket.send(_: UnsafeRawBufferPointer)\` from one
  reused buffer and \`ZMQSocket.receive(into:)\` into one reused \`ZMQMessage\`; C uses \`zmq_send\`
  from one reused buffer and \`zmq_msg_recv\` into one reused \`zmq_msg_t\`.
- High-water marks: PUSH/PULL keeps libzmq's default (1000; a full queue blocks the sender, as
  in \`local_thr\`); PUB/SUB sets SNDHWM = RCVHWM = 0 (unlimited) so the publisher drops nothing.
  Both programs set linger 2 s (the binding's default) and a 30 s receive timeout on the receiver.
- Each run is a fresh process (\`--runs 1\`); C and Swift alternate run by run and take turns
  going first. Both programs take \`--runs R\` and report a median themselves when run by hand.
- Three busy threads (sender, receiver, libzmq's I/O thread) share the machine's $(nproc) CPUs, and
  the scheduler decides much of each run: runs spread widely (see above), so read the medians and
  treat a few percent either way as noise.
- Parameters: \`--messages $BENCH_MESSAGES --warmup $BENCH_WARMUP --size $BENCH_SIZE\`, $BENCH_RUNS runs each
  (environment: BENCH_MESSAGES, BENCH_WARMUP, BENCH_SIZE, BENCH_RUNS).

### Machine

$machine
- libzmq: ${zmq_versions:-unknown} (run-time version reported by both programs)
EOF
    log "zeromq-throughput: wrote $SECTIONS_DIR/zeromq-throughput.md"
}

# MARK: BENCHMARKS.md

# Regenerates BENCHMARKS.md: the header, then every section, each between
# `<!-- section: NAME -->` and `<!-- /section: NAME -->`. A section that ran now comes from
# .build-bench/sections/NAME.md; one that did not keeps its text from the previous file.
write_benchmarks_md() {
    local fresh=("$@")
    local previous="$BUILD_DIR/sections-previous"
    rm -rf "$previous"
    mkdir -p "$previous"
    local order=()
    if [[ -f $OUTPUT ]]; then
        awk -v dir="$previous" '
            /^<!-- section: [a-z0-9-]+ -->$/ { name = $3; file = dir "/" name ".md"; print name; next }
            /^<!-- \/section: [a-z0-9-]+ -->$/ { close(file); file = ""; next }
            file != "" { print > file }
        ' "$OUTPUT" >"$previous/.order"
        mapfile -t order <"$previous/.order"
    fi
    local name known
    for name in "${fresh[@]}"; do
        known=0
        for existing in "${order[@]}"; do [[ $existing == "$name" ]] && known=1; done
        ((known)) || order+=("$name")
    done

    local temporary="$OUTPUT.tmp"
    {
        cat <<'EOF'
# Benchmarks

<!-- Generated by `make bench` (Scripts/bench.sh): do not edit by hand, rerun it. -->

This file is generated by `make bench` (`bash Scripts/bench.sh [benchmark…]`). Each benchmark
owns one section below; a run rewrites the sections of the benchmarks it ran and keeps the
others as they were. Other benchmarks will add their own sections: add a `bench_<name>` function
to `Scripts/bench.sh` that writes `.build-bench/sections/<name>.md`, and list it in
`ALL_BENCHMARKS`.
EOF
        for name in "${order[@]}"; do
            local source=""
            if [[ " ${fresh[*]} " == *" $name "* && -f "$SECTIONS_DIR/$name.md" ]]; then
                source="$SECTIONS_DIR/$name.md"
            elif [[ -f "$previous/$name.md" ]]; then
                source="$previous/$name.md"
            fi
            [[ -n $source ]] || continue
            printf '\n<!-- section: %s -->\n' "$name"
            # Trim blank lines at both ends so regenerating never accumulates them.
            awk 'NF { for (; blank > 0; blank--) print ""; print; started = 1; next } started { blank++ }' "$source"
            printf '<!-- /section: %s -->\n' "$name"
        done
    } >"$temporary"
    mv "$temporary" "$OUTPUT"
    log "wrote $OUTPUT"
}

# MARK: Main

main() {
    local requested=("$@")
    ((${#requested[@]})) || requested=("${ALL_BENCHMARKS[@]}")
    local name
    for name in "${requested[@]}"; do
        if [[ " ${ALL_BENCHMARKS[*]} " != *" $name "* ]]; then
            echo "bench.sh: unknown benchmark '$name' (known: ${ALL_BENCHMARKS[*]})" >&2
            exit 2
        fi
    done
    mkdir -p "$BUILD_DIR"
    rm -rf "$SECTIONS_DIR"
    for name in "${requested[@]}"; do
        "bench_${name//-/_}"
    done
    write_benchmarks_md "${requested[@]}"
    if ((TARGET_MISSED)) && [[ $BENCH_STRICT == 1 ]]; then
        echo "bench.sh: a benchmark missed its target (BENCH_STRICT=1)" >&2
        exit 3
    fi
}

main "$@"
