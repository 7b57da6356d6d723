#!/usr/bin/env bash
# Runs Tenet's benchmarks and regenerates BENCHMARKS.md (`make bench`).
#
#   bash Scripts/bench.sh                 # every benchmark
#   bash Scripts/bench.sh zeromq-throughput
#   bash Scripts/bench.sh ingest-durable
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
#
# Parameters of ingest-durable (environment): BENCH_INGEST_EVENTS (1000000 events per run),
# BENCH_INGEST_BATCHES ("1000 5000": `tenet send --batch` sizes, also the raw insert's transaction
# sizes), BENCH_INGEST_RUNS (3 per batch size), BENCH_INGEST_PROFILE (auto: profile one extra,
# untimed run with perf when perf works; 0: never), BENCH_INGEST_PROFILE_EVENTS (200000), PYTHON
# (/usr/bin/python3, with pyzmq: reads `tenet status --json` and asks the store for `stats`).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

BUILD_DIR=.build-bench
SECTIONS_DIR="$BUILD_DIR/sections"
OUTPUT=BENCHMARKS.md
ALL_BENCHMARKS=(zeromq-throughput ingest-durable)

BENCH_MESSAGES=${BENCH_MESSAGES:-2000000}
BENCH_WARMUP=${BENCH_WARMUP:-100000}
BENCH_SIZE=${BENCH_SIZE:-100}
BENCH_RUNS=${BENCH_RUNS:-5}
BENCH_STRICT=${BENCH_STRICT:-0}
CC=${CC:-cc}

BENCH_INGEST_EVENTS=${BENCH_INGEST_EVENTS:-1000000}
BENCH_INGEST_BATCHES=${BENCH_INGEST_BATCHES:-"1000 5000"}
BENCH_INGEST_RUNS=${BENCH_INGEST_RUNS:-3}
BENCH_INGEST_PROFILE=${BENCH_INGEST_PROFILE:-auto}
BENCH_INGEST_PROFILE_EVENTS=${BENCH_INGEST_PROFILE_EVENTS:-200000}
PYTHON=${PYTHON:-/usr/bin/python3}

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

# MARK: Benchmark: ingest-durable

# What ingest-durable has running or on disk, for its clean-up (also from the EXIT trap).
INGEST_BIN=""
INGEST_WORK=""
INGEST_STACK_FILE=""
INGEST_STACK_DATA=""
INGEST_STACK_PID=""
INGEST_TEMPORARY=()

# The median of the numbers on stdin, one per line, with three decimals.
median_decimal() {
    sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) exit 1
        if (NR % 2) printf "%.3f\n", v[(NR + 1) / 2]
        else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# The values of KEY on the lines of FILE whose first word is KIND and which hold every further
# word given, e.g. `field_values raw.txt rows_per_sec insert mode=store batch=1000`.
field_values() {
    local file=$1 key=$2 kind=$3
    shift 3
    awk -v key="$key" -v kind="$kind" -v words="$*" '
        BEGIN { n = split(words, w, " ") }
        $1 != kind { next }
        {
            line = " " $0 " "
            for (i = 1; i <= n; i++) if (index(line, " " w[i] " ") == 0) next
            for (i = 2; i <= NF; i++) if (index($i, key "=") == 1) print substr($i, length(key) + 2)
        }' "$file"
}

# CPU time of process PID so far, in clock ticks (user + system, all its threads).
proc_cpu_ticks() {
    awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0
}

# Reads `tenet status --json` on stdin. Prints "running STORE_PID INGEST_PID SUPERVISOR_PID
# RESTARTS STORE_ENDPOINT INGEST_ENDPOINT" once both plugins run, "waiting" before.
ingest_status() {
    "$PYTHON" -c '
import json, sys
status = json.load(sys.stdin)
plugins = {p["name"]: p for p in status["plugins"]}
endpoints = status["endpoints"]["plugins"]
if all(plugins.get(n, {}).get("state") == "running" for n in ("store", "ingest")):
    print("running", plugins["store"]["pid"], plugins["ingest"]["pid"], status["supervisor"]["pid"],
          plugins["store"]["restarts"] + plugins["ingest"]["restarts"], endpoints["store"], endpoints["ingest"])
else:
    print("waiting")'
}

# Asks the store at ENDPOINT for `stats` (docs/STORE.md) over a DEALER socket, as any client in
# any language would (frames: method, header, body; docs/PROTOCOL.md). Prints "LAST_SEQ DEAD_LETTERS".
store_stats() {
    "$PYTHON" - "$1" <<'PYTHON'
import json, secrets, sys, time
import zmq

context = zmq.Context()
socket = context.socket(zmq.DEALER)
socket.setsockopt(zmq.LINGER, 0)
socket.connect(sys.argv[1])
instance = secrets.token_hex(6)
header = {"id": instance + "-1", "instance": instance, "sender": "bench", "seq": 1,
          "time": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()), "type": "request", "version": 1}
socket.send_multipart([b"stats", json.dumps(header, sort_keys=True, separators=(",", ":")).encode(), b"{}"])
if not socket.poll(10000):
    sys.exit("the store did not answer `stats` within 10 s")
frames = socket.recv_multipart()
reply = json.loads(frames[-1])
if json.loads(frames[-2]).get("type") != "reply":
    sys.exit(f"the store answered `stats` with an error: {reply}")
print(reply["last_seq"], reply["dead_letters"])
context.destroy(linger=0)
PYTHON
}

# Starts the stack (store, ingest) on a fresh short data directory and waits until both plugins
# run and have bound their endpoints. Sets INGEST_STACK_DATA, INGEST_STACK_PID (the supervisor,
# a child of this shell), INGEST_{STORE,INGEST,SUPERVISOR}_PID and INGEST_STORE_ENDPOINT.
ingest_stack_up() {
    INGEST_STACK_DATA=$(mktemp -d /tmp/tnb.XXXXXX)
    "$INGEST_BIN/tenet" up --stack "$INGEST_STACK_FILE" --data "$INGEST_STACK_DATA" >>"$INGEST_WORK/up.log" 2>&1 &
    INGEST_STACK_PID=$!
    local attempt state
    for ((attempt = 0; attempt < 150; attempt++)); do
        if state=$("$INGEST_BIN/tenet" status --json --data "$INGEST_STACK_DATA" 2>/dev/null | ingest_status 2>/dev/null) \
            && [[ $state == running* ]]; then
            read -r _ INGEST_STORE_PID INGEST_INGEST_PID INGEST_SUPERVISOR_PID _ INGEST_STORE_ENDPOINT INGEST_INGEST_ENDPOINT <<<"$state"
            if [[ -S ${INGEST_STORE_ENDPOINT#ipc://} && -S ${INGEST_INGEST_ENDPOINT#ipc://} ]]; then return 0; fi
        fi
        kill -0 "$INGEST_STACK_PID" 2>/dev/null || break
        sleep 0.2
    done
    echo "bench.sh: ingest-durable: the stack did not come up within 30 s; the end of its log:" >&2
    tail -n 40 "$INGEST_WORK/up.log" >&2
    return 1
}

# Stops the running stack (`tenet stop`; the supervisor's pid only if it lingers), keeping its
# data directory.
ingest_stack_stop() {
    if [[ -n $INGEST_STACK_PID ]] && kill -0 "$INGEST_STACK_PID" 2>/dev/null; then
        "$INGEST_BIN/tenet" stop --data "$INGEST_STACK_DATA" --timeout 60 >/dev/null 2>&1 || true
        local waited
        for ((waited = 0; waited < 300; waited++)); do
            kill -0 "$INGEST_STACK_PID" 2>/dev/null || break
            sleep 0.2
        done
        if kill -0 "$INGEST_STACK_PID" 2>/dev/null; then
            echo "bench.sh: ingest-durable: the supervisor (pid $INGEST_STACK_PID) did not stop; killing it" >&2
            kill -KILL "$INGEST_STACK_PID" 2>/dev/null || true
        fi
    fi
    [[ -z $INGEST_STACK_PID ]] || wait "$INGEST_STACK_PID" 2>/dev/null || true
    INGEST_STACK_PID=""
}

# Stops the stack and removes its data directory. Safe to call when none runs.
ingest_stack_down() {
    ingest_stack_stop
    [[ -z $INGEST_STACK_DATA ]] || rm -rf "$INGEST_STACK_DATA"
    INGEST_STACK_DATA=""
}

ingest_cleanup() {
    ingest_stack_down
    local path
    for path in "${INGEST_TEMPORARY[@]}"; do rm -rf "$path"; done
    INGEST_TEMPORARY=()
}

# Says what failed (with the end of the error log), cleans up and exits.
ingest_fail() {
    echo "bench.sh: ingest-durable: $*" >&2
    if [[ -s $INGEST_WORK/stderr.log ]]; then tail -n 20 "$INGEST_WORK/stderr.log" >&2; fi
    ingest_cleanup
    exit 1
}

# One end-to-end run: a fresh stack; `tenet send FILE --batch BATCH` timed by the wall clock;
# then every event checked: send's own report, the store's `stats` while it runs, no plugin
# restarted, and (sqlite3 installed) the rows in the database file once the stack is stopped.
# Appends one `e2e …` line to RAW.
ingest_e2e_run() {
    local batch=$1 run=$2 input=$3 events=$4 raw=$5
    ingest_stack_up || ingest_fail "no stack"
    local store0 ingest0 supervisor0 store1 ingest1 supervisor1
    store0=$(proc_cpu_ticks "$INGEST_STORE_PID")
    ingest0=$(proc_cpu_ticks "$INGEST_INGEST_PID")
    supervisor0=$(proc_cpu_ticks "$INGEST_SUPERVISOR_PID")
    local started ended output
    started=$(date +%s.%N)
    # `times` in the same subshell reports the CPU time of its child, `tenet send`.
    if ! output=$(
        "$INGEST_BIN/tenet" send "$input" --data "$INGEST_STACK_DATA" --batch "$batch" 2>>"$INGEST_WORK/stderr.log"
        code=$?
        times
        exit $code
    ); then
        ingest_fail "tenet send (batch $batch, run $run) failed: $(head -n 3 <<<"$output")"
    fi
    ended=$(date +%s.%N)
    store1=$(proc_cpu_ticks "$INGEST_STORE_PID")
    ingest1=$(proc_cpu_ticks "$INGEST_INGEST_PID")
    supervisor1=$(proc_cpu_ticks "$INGEST_SUPERVISOR_PID")

    local summary send_cpu
    summary=$(grep '^accepted ' <<<"$output" || true)
    [[ $summary == "accepted $events, duplicates 0, rejected 0" ]] \
        || ingest_fail "tenet send reported '$summary', expected 'accepted $events, duplicates 0, rejected 0'"
    send_cpu=$(tail -n 1 <<<"$output" | awk '{
        t = 0
        for (i = 1; i <= 2; i++) { split($i, p, "m"); t += p[1] * 60 + p[2] }
        printf "%.3f", t }')

    local stats last_seq dead_letters state restarts
    stats=$(store_stats "$INGEST_STORE_ENDPOINT") || ingest_fail "no stats from the store"
    read -r last_seq dead_letters <<<"$stats"
    [[ $last_seq == "$events" && $dead_letters == 0 ]] \
        || ingest_fail "the store holds last_seq $last_seq and $dead_letters dead letters, expected $events and 0"
    state=$("$INGEST_BIN/tenet" status --json --data "$INGEST_STACK_DATA" | ingest_status) || ingest_fail "no status"
    read -r _ _ _ _ restarts _ <<<"$state"
    [[ $restarts == 0 ]] || ingest_fail "a plugin restarted during the run ($state)"

    ingest_stack_stop
    local rows="-"
    if command -v sqlite3 >/dev/null 2>&1; then
        rows=$(sqlite3 "$INGEST_STACK_DATA/tenet.sqlite" "SELECT COUNT(*) FROM events") || rows="error"
        [[ $rows == "$events" ]] || ingest_fail "sqlite3 counts $rows rows in the store's database, expected $events"
    fi
    ingest_stack_down

    awk -v b="$batch" -v r="$run" -v n="$events" -v t0="$started" -v t1="$ended" -v hz="$(getconf CLK_TCK)" \
        -v st="$((store1 - store0))" -v ig="$((ingest1 - ingest0))" -v su="$((supervisor1 - supervisor0))" \
        -v se="$send_cpu" -v rows="$rows" 'BEGIN {
            seconds = t1 - t0
            printf "e2e batch=%d run=%d events=%d seconds=%.3f events_per_sec=%.0f store_cpu=%.2f ingest_cpu=%.2f send_cpu=%.2f supervisor_cpu=%.2f sqlite3_rows=%s\n",
                b, r, n, seconds, n / seconds, st / hz, ig / hz, se, su / hz, rows }' | tee -a "$raw" >&2
}

# Whether perf can record here (installed, and allowed by kernel.perf_event_paranoid).
perf_works() {
    command -v perf >/dev/null 2>&1 || return 1
    perf record -q -o "$INGEST_WORK/perf-check.data" -- true >/dev/null 2>&1 || return 1
    rm -f "$INGEST_WORK/perf-check.data"
}

# One more run, not timed, with perf sampling the store, ingest and `tenet send` (call graphs
# through DWARF); leaves each process's inclusive profile, demangled, in profile-NAME.txt.
ingest_profile() {
    local input=$1 batch=$2
    ingest_stack_up || ingest_fail "no stack"
    local options=(-F 499 --call-graph dwarf,32768 -q)
    perf record "${options[@]}" -o "$INGEST_WORK/perf-store.data" -p "$INGEST_STORE_PID" >/dev/null 2>&1 &
    local perf_store=$!
    perf record "${options[@]}" -o "$INGEST_WORK/perf-ingest.data" -p "$INGEST_INGEST_PID" >/dev/null 2>&1 &
    local perf_ingest=$!
    sleep 1
    perf record "${options[@]}" -o "$INGEST_WORK/perf-send.data" -- \
        "$INGEST_BIN/tenet" send "$input" --data "$INGEST_STACK_DATA" --batch "$batch" >/dev/null 2>>"$INGEST_WORK/stderr.log" \
        || ingest_fail "tenet send failed under perf"
    kill -INT "$perf_store" "$perf_ingest" 2>/dev/null || true
    wait "$perf_store" "$perf_ingest" 2>/dev/null || true
    ingest_stack_down
    local name demangle=(cat)
    if swift demangle --simplified </dev/null >/dev/null 2>&1; then demangle=(swift demangle --simplified); fi
    for name in store ingest send; do
        perf report -i "$INGEST_WORK/perf-$name.data" --children --sort symbol --stdio -g none 2>/dev/null \
            | grep -E '^ +[0-9.]+%' | "${demangle[@]}" >"$INGEST_WORK/profile-$name.txt" || true
        rm -f "$INGEST_WORK/perf-$name.data" "$INGEST_WORK/perf-$name.data.old"
    done
}

# The largest inclusive share (percent of the process's CPU samples, "12.3%") among the symbols
# of profile-NAME.txt that match the extended regular expression PATTERN, or "–" when none does.
profile_share() {
    local file="$INGEST_WORK/profile-$1.txt"
    [[ -s $file ]] || { echo "–"; return; }
    # The pattern goes through the environment: awk -v would eat its backslashes.
    PROFILE_PATTERN=$2 awk '
        {
            share = $1; sub(/%$/, "", share)
            symbol = $0; sub(/^[^]]*\] /, "", symbol)
            if (symbol ~ ENVIRON["PROFILE_PATTERN"] && share + 0 > best) { best = share + 0; found = 1 }
        }
        END { if (found) printf "%.1f%%\n", best; else print "–" }' "$file"
}

# The arguments joined as "a", "a and b", "a, b and c".
join_list() {
    local count=$#
    if ((count <= 1)); then printf '%s' "${1:-}"; return; fi
    local out="" index=0 item
    for item in "$@"; do
        index=$((index + 1))
        if ((index == 1)); then out=$item
        elif ((index == count)); then out+=" and $item"
        else out+=", $item"; fi
    done
    printf '%s' "$out"
}

# What a sync per commit changes in the plain insert rate, per batch size: "-7% rows/s at batch
# 1,000 and -3% rows/s at batch 5,000" (from RAW, the results file).
sync_cost_text() {
    local raw=$1 batch costs=()
    shift
    for batch in "$@"; do
        costs+=("$(awk -v n="$(field_values "$raw" rows_per_sec insert mode=sqlite "batch=$batch" | median)" \
            -v f="$(field_values "$raw" rows_per_sec insert mode=sqlite-full "batch=$batch" | median)" \
            -v b="$(grouped "$batch")" 'BEGIN { printf "%+.0f%% rows/s at batch %s", (f - n) / n * 100, b }')")
    done
    join_list "${costs[@]}"
}

# Whether a profile share ("12.3%" or "–") is at least THRESHOLD percent.
share_at_least() {
    [[ $1 != "–" ]] && awk -v s="${1%\%}" -v t="$2" 'BEGIN { exit !(s >= t) }'
}

bench_ingest_durable() {
    local work="$BUILD_DIR/ingest-durable"
    rm -rf "$work"
    mkdir -p "$work"
    INGEST_WORK=$(cd "$work" && pwd)
    local raw="$INGEST_WORK/results.txt" errors="$INGEST_WORK/stderr.log"
    : >"$raw"
    : >"$errors"
    : >"$INGEST_WORK/up.log"

    # Clean up on any exit (after the traps already set, which keep running).
    local previous_trap
    previous_trap=$(trap -p EXIT)
    if [[ -n $previous_trap ]]; then
        eval "set -- $previous_trap"
        previous_trap=$3
    fi
    # shellcheck disable=SC2064
    trap "ingest_cleanup; $previous_trap" EXIT
    trap 'exit 130' INT TERM

    "$PYTHON" -c 'import zmq' 2>/dev/null \
        || ingest_fail "$PYTHON cannot import zmq: install python3-zmq (make deps does)"

    log "ingest-durable: building tenet, tenet-store, tenet-ingest, tenet-store-bench (release, scratch path $BUILD_DIR)"
    local product
    for product in tenet tenet-store tenet-ingest tenet-store-bench; do
        swift build -c release --scratch-path "$BUILD_DIR" --product "$product" >&2
    done
    INGEST_BIN=$(swift build -c release --scratch-path "$BUILD_DIR" --show-bin-path)
    for product in tenet tenet-store tenet-ingest tenet-store-bench; do
        [[ -x $INGEST_BIN/$product ]] || ingest_fail "$INGEST_BIN/$product was not built"
    done

    # The stack: the store and ingest only; commands are found beside `tenet` in INGEST_BIN.
    INGEST_STACK_FILE="$INGEST_WORK/stack.yaml"
    cat >"$INGEST_STACK_FILE" <<'EOF'
# The stack of Scripts/bench.sh, section ingest-durable.
plugins:
  - name: store
    command: tenet-store
    order: 10
  - name: ingest
    command: tenet-ingest
    order: 20
    env:
      TENET_INGEST_HTTP: "127.0.0.1:0"
EOF

    local events=$BENCH_INGEST_EVENTS
    local events_file="$INGEST_WORK/events.ndjson"
    INGEST_TEMPORARY+=("$events_file")
    log "ingest-durable: generating $events events"
    "$INGEST_BIN/tenet-store-bench" generate --events "$events" --output "$events_file" 2>>"$errors" \
        || ingest_fail "generating the events failed"
    local event_bytes sample_line
    event_bytes=$(wc -c <"$events_file")
    sample_line=$(sed -n '130p;130q' "$events_file")
    # Fresh databases for the raw inserts, on the same disk as the stacks' data directories.
    local raw_dir
    raw_dir=$(mktemp -d /tmp/tnr.XXXXXX)
    INGEST_TEMPORARY+=("$raw_dir")

    local machine date
    machine=$(machine_markdown | grep -v '^- C compiler')
    date=$(date -u +"%Y-%m-%d %H:%M:%S UTC")

    # Durability probe: does EventStore really sync every commit? 100 commits of 20 events
    # through EventStore.append, counting fsync/fdatasync with strace.
    local probe_syncs="" probe_commits=100
    if command -v strace >/dev/null 2>&1; then
        head -n $((probe_commits * 20)) "$events_file" >"$INGEST_WORK/probe.ndjson"
        if strace -f -c -e trace=fsync,fdatasync -o "$INGEST_WORK/strace.txt" \
            "$INGEST_BIN/tenet-store-bench" insert --input "$INGEST_WORK/probe.ndjson" --batch 20 --dir "$raw_dir" --mode store \
            >/dev/null 2>>"$errors"; then
            probe_syncs=$(awk '$NF == "fsync" || $NF == "fdatasync" { n += $4 } END { print n + 0 }' "$INGEST_WORK/strace.txt")
        fi
        rm -f "$INGEST_WORK/probe.ndjson"
    fi

    # End to end and raw inserts alternate, batch size by batch size, and take turns going
    # first, so that drift in the machine's load affects both alike.
    local batches round batch kind order
    read -r -a batches <<<"$BENCH_INGEST_BATCHES"
    for ((round = 1; round <= BENCH_INGEST_RUNS; round++)); do
        if ((round % 2)); then order=(e2e raw); else order=(raw e2e); fi
        for batch in "${batches[@]}"; do
            for kind in "${order[@]}"; do
                log "ingest-durable: round $round/$BENCH_INGEST_RUNS, batch $batch, $([[ $kind == e2e ]] && echo "end to end" || echo "raw inserts")"
                if [[ $kind == e2e ]]; then
                    ingest_e2e_run "$batch" "$round" "$events_file" "$events" "$raw"
                else
                    "$INGEST_BIN/tenet-store-bench" insert --input "$events_file" --batch "$batch" --dir "$raw_dir" --mode all \
                        2>>"$errors" | sed "s/ run=1\$/ run=$round/" | tee -a "$raw" | grep -v '^#' >&2 \
                        || ingest_fail "tenet-store-bench insert failed"
                fi
            done
        done
    done

    local profiled=0 profile_events=$((BENCH_INGEST_PROFILE_EVENTS < events ? BENCH_INGEST_PROFILE_EVENTS : events))
    if [[ $BENCH_INGEST_PROFILE != 0 ]] && perf_works; then
        log "ingest-durable: profiling one more run ($profile_events events, batch ${batches[0]}) with perf"
        head -n "$profile_events" "$events_file" >"$INGEST_WORK/profile.ndjson"
        ingest_profile "$INGEST_WORK/profile.ndjson" "${batches[0]}"
        rm -f "$INGEST_WORK/profile.ndjson"
        [[ -s $INGEST_WORK/profile-store.txt ]] && profiled=1
    fi
    ingest_cleanup

    # MARK: The section

    local sqlite_version connection_sqlite connection_full
    sqlite_version=$(sed -n 's/^# impl=store-bench sqlite=\([0-9.]*\) .*/\1/p' "$raw" | sort -u | paste -sd ',' - | sed 's/,/, /g')
    connection_sqlite=$(sed -n 's/^# connection mode=sqlite \(.*\)/\1/p' "$raw" | sort -u | paste -sd ';' -)
    connection_full=$(sed -n 's/^# connection mode=sqlite-full \(.*\)/\1/p' "$raw" | sort -u | paste -sd ';' -)

    local table="" runs_table="" cpu_table="" verdict_rate=() verdict_ratio=() best_rate=0 best_batch=""
    local e2e_rates store_rates sqlite_rates full_rates e2e store sqlite full ratio ratio_sqlite rate_met ratio_met
    local seconds store_cpu ingest_cpu send_cpu supervisor_cpu
    declare -A cpu_of=() store_rate_of=() sqlite_rate_of=() e2e_rate_of=()
    for batch in "${batches[@]}"; do
        e2e_rates=$(field_values "$raw" events_per_sec e2e "batch=$batch")
        store_rates=$(field_values "$raw" rows_per_sec insert mode=store "batch=$batch")
        sqlite_rates=$(field_values "$raw" rows_per_sec insert mode=sqlite "batch=$batch")
        full_rates=$(field_values "$raw" rows_per_sec insert mode=sqlite-full "batch=$batch")
        e2e=$(median <<<"$e2e_rates")
        store=$(median <<<"$store_rates")
        sqlite=$(median <<<"$sqlite_rates")
        full=$(median <<<"$full_rates")
        ratio=$(awk -v a="$e2e" -v b="$store" 'BEGIN { printf "%.2f", a / b }')
        ratio_sqlite=$(awk -v a="$e2e" -v b="$sqlite" 'BEGIN { printf "%.2f", a / b }')
        if ((e2e >= 100000)); then rate_met="met"; else rate_met="**missed**"; verdict_rate+=("$(grouped "$batch")"); fi
        if awk -v r="$ratio" 'BEGIN { exit !(r >= 0.5) }'; then ratio_met="met"; else ratio_met="**missed**"; verdict_ratio+=("$(grouped "$batch") ($ratio)"); fi
        if ((e2e > best_rate)); then best_rate=$e2e; best_batch=$batch; fi
        e2e_rate_of[$batch]=$e2e
        store_rate_of[$batch]=$store
        sqlite_rate_of[$batch]=$sqlite
        table+="| $(grouped "$batch") | $(grouped "$e2e") | $(grouped "$store") | $ratio | $rate_met | $ratio_met | $(grouped "$sqlite") | $(grouped "$full") | $ratio_sqlite |"$'\n'
        runs_table+="| $(grouped "$batch") | end to end (events/s) | $(run_list "$e2e_rates") |"$'\n'
        runs_table+="| $(grouped "$batch") | EventStore.append (rows/s) | $(run_list "$store_rates") |"$'\n'
        runs_table+="| $(grouped "$batch") | plain SQLite, store's settings (rows/s) | $(run_list "$sqlite_rates") |"$'\n'
        runs_table+="| $(grouped "$batch") | plain SQLite, synchronous=FULL (rows/s) | $(run_list "$full_rates") |"$'\n'

        seconds=$(field_values "$raw" seconds e2e "batch=$batch" | median_decimal)
        store_cpu=$(field_values "$raw" store_cpu e2e "batch=$batch" | median_decimal)
        ingest_cpu=$(field_values "$raw" ingest_cpu e2e "batch=$batch" | median_decimal)
        send_cpu=$(field_values "$raw" send_cpu e2e "batch=$batch" | median_decimal)
        supervisor_cpu=$(field_values "$raw" supervisor_cpu e2e "batch=$batch" | median_decimal)
        cpu_of[$batch]="$seconds $store_cpu $ingest_cpu $send_cpu $supervisor_cpu"
        cpu_table+=$(awk -v b="$(grouped "$batch")" -v n="$events" -v s="$seconds" -v st="$store_cpu" -v ig="$ingest_cpu" \
            -v se="$send_cpu" -v su="$supervisor_cpu" -v raw="$store" -v cpus="$(nproc)" 'BEGIN {
                total = st + ig + se + su
                printf "| %s | %.2f | %.2f (%.1f µs, %.0f%%) | %.2f (%.1f µs, %.0f%%) | %.2f (%.1f µs, %.0f%%) | %.2f | %.2f of %d CPUs (%.0f%%) | %.1f µs |\n",
                    b, s, st, st / n * 1e6, st / s * 100, ig, ig / n * 1e6, ig / s * 100, se, se / n * 1e6, se / s * 100,
                    su, total / s, cpus, total / s / cpus * 100, 1e6 / raw }')$'\n'
        echo "ingest_durable batch=$batch e2e_events_per_sec=$e2e store_append_rows_per_sec=$store sqlite_rows_per_sec=$sqlite sqlite_full_rows_per_sec=$full e2e_over_store=$ratio target_rate=$rate_met target_ratio=$ratio_met" >&2
    done

    local verdict
    if ((${#verdict_rate[@]} == 0)); then
        verdict="**Target \"at least 100,000 events/s end to end\": met** at every batch size measured (lowest: $(grouped "$(printf '%s\n' "${e2e_rate_of[@]}" | sort -n | head -n 1)") events/s)."
    else
        verdict="**Target \"at least 100,000 events/s end to end\": missed.** The best end-to-end rate is $(grouped "$best_rate") events/s (batch $(grouped "$best_batch")); missed at batch size $(join_list "${verdict_rate[@]}")."
        TARGET_MISSED=1
    fi
    verdict+=$'\n\n'
    if ((${#verdict_ratio[@]} == 0)); then
        verdict+="**Target \"at least half of the raw insert rate\": met** at every batch size (end to end / EventStore.append >= 0.50)."
    else
        verdict+="**Target \"at least half of the raw insert rate\": missed** at batch size $(join_list "${verdict_ratio[@]}"): end to end reaches less than half of what EventStore.append alone inserts at the same batch size."
        TARGET_MISSED=1
    fi

    # Durability, as measured by the probe.
    local durability
    if [[ -z $probe_syncs ]]; then
        durability="Not probed (strace is not installed). A connection configured as EventStore's reports \`${connection_sqlite:-unknown}\` (\`PRAGMA synchronous\`: 1 = NORMAL, 2 = FULL)."
    elif ((probe_syncs >= probe_commits)); then
        durability="**synchronous=FULL is in effect**: EventStore.append made $probe_syncs fsync/fdatasync calls for $probe_commits commits (strace), i.e. every commit is synced."
    else
        durability="**EventStore does not run with synchronous=FULL.** It sets \`PRAGMA synchronous = FULL\` in GRDB's \`prepareDatabase\`, but \`DatabaseQueue\` runs its WAL set-up afterwards and that sets \`synchronous = NORMAL\`: a connection configured exactly like EventStore's reports \`${connection_sqlite:-unknown}\` (1 = NORMAL), and strace counted only $probe_syncs fsync/fdatasync calls for $probe_commits EventStore.append commits (the WAL is synced at checkpoints, not at each commit). So an acknowledged event survives a crash or \`kill -9\` of the store, but not necessarily a power cut, contrary to docs/STORE.md. **Every end-to-end and EventStore.append figure here is therefore with NORMAL.** The \"synchronous=FULL\" column (\`${connection_full:-unknown}\`) shows what syncing every commit costs for the same rows."
    fi

    # Where the time goes: CPU of each process, and the profile when perf could take one.
    local analysis="" first=${batches[0]}
    local s st ig se su cores_in_use
    read -r s st ig se su <<<"${cpu_of[$first]}"
    cores_in_use=$(awk -v s="$s" -v a="$st" -v b="$ig" -v c="$se" -v d="$su" 'BEGIN { printf "%.2f", (a + b + c + d) / s }')
    analysis+=$(awk -v b="$(grouped "$first")" -v n="$events" -v s="$s" -v st="$st" -v ig="$ig" -v se="$se" -v su="$su" \
        -v raw="${store_rate_of[$first]}" -v cpus="$(nproc)" 'BEGIN {
            total = st + ig + se + su
            printf "At batch %s a run takes %.2f s. The store process is busy %.0f%% of it (%.1f µs of CPU per event), ingest %.0f%% (%.1f µs), `tenet send` %.0f%% (%.1f µs); together they ask for %.2f of the machine'"'"'s %d CPUs. ",
                b, s, st / s * 100, st / n * 1e6, ig / s * 100, ig / n * 1e6, se / s * 100, se / n * 1e6, total / s, cpus
            if (st / s >= 0.85) printf "The store serves every request on one thread, so at %.0f%% of a CPU **the store is the bottleneck**: ", st / s * 100
            else printf "No single process saturates a CPU: "
            printf "EventStore.append alone costs %.1f µs per event (the raw figure above), so about %.1f µs per event (%.0f%% of the store'"'"'s CPU) go to the work the plugin does around the insert.",
                1e6 / raw, st / n * 1e6 - 1e6 / raw, (st / n * 1e6 - 1e6 / raw) / (st / n * 1e6) * 100 }')

    local profile_table="" suggestions=()
    if [[ -n $probe_syncs ]] && ((probe_syncs < probe_commits)); then
        suggestions+=("**Make synchronous=FULL hold** (correctness first): in \`EventStore.init\`, run \`PRAGMA synchronous = FULL\` *after* the \`DatabaseQueue\` is open (for example \`try database.writeWithoutTransaction { try \$0.execute(sql: \"PRAGMA synchronous = FULL\") }\`), and add a test that reads \`PRAGMA synchronous\` back (2). The synchronous=FULL column above shows the cost of a sync per commit on this disk: $(sync_cost_text "$raw" "${batches[@]}").")
    fi
    if ((profiled)); then
        local commit parse validate append step arguments utf8 json publish encoder reply
        commit=$(profile_share store 'StoreServer\.commit\(')
        parse=$(profile_share store 'JSONParser\.parse')
        validate=$(profile_share store 'EventValidator\.validate\(_:\)')
        append=$(profile_share store 'EventStore\.append\(_:rejections:\)')
        step=$(profile_share store '^sqlite3_step')
        arguments=$(profile_share store 'StatementArguments\.init')
        utf8=$(profile_share store 'String\.init.*validating')
        json=$(profile_share store '^Event\.json\.getter')
        publish=$(profile_share store 'BusPublisher\.publish\(')
        encoder=$(profile_share store '^JSONEncoder\.encode<A>\(_:\)')
        reply=$(profile_share store 'StoreServer\.appendReply')
        local loop lines_decode lines_validate reply_decode ingest_encoder send_encoder send_read
        loop=$(profile_share ingest 'ZMQIngestServer\.run\(until:\)')
        lines_decode=$(profile_share ingest 'LinesRequest\.init\(from:\)')
        lines_validate=$(profile_share ingest 'EventValidator\.validate<A>\(json:\)')
        reply_decode=$(profile_share ingest 'AppendReply\.init\(from:\)')
        ingest_encoder=$(profile_share ingest '^JSONEncoder\.encode<A>\(_:\)')
        send_encoder=$(profile_share send '^JSONEncoder\.encode<A>\(_:\)')
        send_read=$(profile_share send 'LineReader\.next')
        profile_table="| Process | Work | Share of the process's CPU |
|---|---|---:|
| store | \`StoreServer.commit\`: everything done per group commit | $commit |
| store | parse each append body (\`JSONParser.parse\`) | $parse |
| store | validate every event again (\`EventValidator.validate\`) | $validate |
| store | \`EventStore.append\` | $append |
| store | … of which SQLite (\`sqlite3_step\`) | $step |
| store | … of which binding arguments (GRDB \`StatementArguments\`) | $arguments |
| store | … of which UTF-8 validation of the body (\`String(decoding:)\`) | $utf8 |
| store | re-serialize each event (\`Event.json\`, for the body column and for publishing) | $json |
| store | publish each stored event (\`BusPublisher.publish\`) | $publish |
| store | Foundation \`JSONEncoder\` (a header per published event and per reply) | $encoder |
| store | build the replies (\`appendReply\`) | $reply |
| ingest | request loop (\`ZMQIngestServer.run\`) | $loop |
| ingest | decode \`lines\` requests (Foundation \`JSONDecoder\`, \`LinesRequest\`) | $lines_decode |
| ingest | parse and validate each line (\`EventValidator.validate(json:)\`) | $lines_validate |
| ingest | decode the store's per-event reply (\`JSONDecoder\`, \`AppendReply\`) | $reply_decode |
| ingest | Foundation \`JSONEncoder\` (headers, reports) | $ingest_encoder |
| tenet send | encode \`lines\` requests (Foundation \`JSONEncoder\`) | $send_encoder |
| tenet send | read the file (\`LineReader\`) | $send_read |

–: no samples under that name (inlined into its caller, or too rare to show)."

        if share_at_least "$publish" 5 || share_at_least "$encoder" 5; then
            suggestions+=("**Publish without Foundation's JSONEncoder**: each stored event is published with a header encoded by \`JSONEncoder\` ($encoder of the store's CPU in all, publishing $publish). Write the header with a hand-written encoder (as \`appendReply\` does for bodies), or publish one message per commit holding the batch's events.")
        fi
        if share_at_least "$json" 5; then
            suggestions+=("**Keep each event's bytes as received**: \`Event.json\` re-serializes the parsed object twice per event (the \`body\` column and the published entry; $json). The append body already holds the exact bytes: slice them out while parsing and store and publish those (bind them as text without \`String(decoding:)\`'s UTF-8 pass, $utf8).")
        fi
        if share_at_least "$parse" 5 || share_at_least "$validate" 5; then
            suggestions+=("**Validate once**: ingest parses and validates every line, then the store parses the whole append body into \`JSONValue\`s ($parse) and validates every event again ($validate). Let ingest send the validated columns (id, type, at, dimensions) with the raw bytes, so the store only checks shapes, or validate in the store only.")
        fi
        if share_at_least "$arguments" 3 || share_at_least "$append" 20; then
            suggestions+=("**Insert like the plain-SQLite column does**: \`EventStore.append\` ($append of the store) runs one single-row INSERT per event through \`[any DatabaseValueConvertible]\` → \`StatementArguments\` ($arguments); binding straight into a cached multi-row statement (100 rows per statement) inserts the same rows $(awk -v a="${store_rate_of[$first]}" -v b="${sqlite_rate_of[$first]}" 'BEGIN { printf "%.1f", b / a }')× faster here. Keep the per-event outcome by checking \`changes()\` per statement and looking up only the ids of a statement that inserted fewer rows than it had.")
        fi
        if share_at_least "$lines_decode" 10 || share_at_least "$send_encoder" 10; then
            suggestions+=("**Send NDJSON as bytes, not as JSON strings**: \`tenet send\` wraps each line in a JSON string (\`JSONEncoder\`, $send_encoder of its CPU) and ingest decodes them back with \`JSONDecoder\` ($lines_decode of ingest), escaping and unescaping every quote. Put the lines in a frame of their own (raw NDJSON, the numbers in a small JSON header) and split them on newlines.")
        fi
        if share_at_least "$reply_decode" 5; then
            suggestions+=("**Answer appends compactly**: the store replies with one object per event and ingest decodes it with \`JSONDecoder\` ($reply_decode of ingest). Reply with the first sequence number, the count stored, and only the exceptions (duplicates, rejections), and parse it with \`JSONParser\`.")
        fi
    fi
    if awk -v t="$cores_in_use" -v cpus="$(nproc)" 'BEGIN { exit !(t >= 0.8 * cpus) }'; then
        suggestions+=("**Mind the CPU budget**: the three processes together need nearly all of this machine's $(nproc) CPUs, so every µs saved in ingest or \`tenet send\` also gives the store's thread more room; on a machine with more cores, the store's single thread is the limit.")
    fi

    # Suggestions only when a target is missed; the measurements always.
    local missed=$((${#verdict_rate[@]} + ${#verdict_ratio[@]}))
    local analysis_section=""
    analysis_section="### Where the time goes

$analysis

CPU time of each process during the timed runs (medians; from \`/proc/PID/stat\` for the
plugins and the supervisor, from bash's \`times\` for \`tenet send\`), with µs of CPU per event and
the share of the run's wall-clock time the process was busy:

| Batch | Wall s | store CPU s | ingest CPU s | tenet send CPU s | supervisor CPU s | CPUs in use | EventStore.append alone |
|---|---:|---:|---:|---:|---:|---:|---:|
$cpu_table"
    if ((profiled)); then
        analysis_section+="
Profile of one more run ($(grouped "$profile_events") events, batch $(grouped "$first"); not timed: \`perf record -F 499
--call-graph dwarf\` on each process, inclusive shares of its CPU samples, so nested rows overlap):

$profile_table
"
    else
        analysis_section+="
(No profile: perf is not available here or BENCH_INGEST_PROFILE=0.)
"
    fi
    if ((missed > 0 && ${#suggestions[@]} > 0)); then
        analysis_section+="
Suggestions, from these measurements (the benchmark changes no product code):
"
        local index=1 suggestion
        for suggestion in "${suggestions[@]}"; do
            analysis_section+="
$index. $suggestion"
            index=$((index + 1))
        done
        analysis_section+=$'\n'
    fi

    local disk
    disk=$(df -PT /tmp 2>/dev/null | awk 'NR == 2 { print $1 " (" $2 ")" }')

    mkdir -p "$SECTIONS_DIR"
    cat >"$SECTIONS_DIR/ingest-durable.md" <<EOF
## Durable ingest, end to end

Events per second from a producer to an acknowledgement that follows the store's commit:
\`tenet send FILE\` → ingest plugin (validates) → store plugin (group commit into SQLite, WAL)
→ reply → ingest → \`tenet send\`, which returns only when every batch is acknowledged. Beside
it, the raw insert rate of the same rows into a fresh database with \`EventStore.append\` alone
(\`tenet-store-bench\`, \`Benchmarks/StoreBenchmark/\`), and with a plain multi-row SQLite INSERT of
the same columns, to show what the library layer costs. Targets: **at least 100,000 events/s
end to end**, and **end to end at least half of the raw insert rate** (EventStore.append at the
same batch size).

Measured $date.

$verdict

| Batch | End to end events/s | EventStore.append rows/s | End to end / append | Target >= 100,000/s | Target >= 0.50 | Plain SQLite rows/s (store's settings) | Plain SQLite rows/s (synchronous=FULL) | End to end / plain SQLite |
|---:|---:|---:|---:|---|---|---:|---:|---:|
$table
Medians of $BENCH_INGEST_RUNS runs. Every run, in order:

| Batch | Measurement | Runs |
|---|---|---|
$runs_table
### Durability as measured

$durability

$analysis_section
### How it is measured

- Events: $(grouped "$events") generated by \`tenet-store-bench generate\` ($(awk -v b="$event_bytes" 'BEGIN { printf "%.0f MB", b / 1e6 }'), $(awk -v b="$event_bytes" -v n="$events" 'BEGIN { printf "%.0f", b / n }') bytes a line
  on average): conversations of eight events each (opened, assigned, four messages, solved, a
  CSAT answer), 64 of them interleaved, unique time-ordered ids, every dimension set, e.g.
  \`$sample_line\`.
- End to end: each run starts a fresh stack (\`tenet up\`, the store at order 10, ingest at
  order 20 with \`TENET_INGEST_HTTP=127.0.0.1:0\`) on a fresh \`mktemp -d /tmp/tnb.XXXXXX\` data
  directory, waits until \`tenet status --json\` shows both running and their sockets exist, then
  times \`tenet send FILE --batch B\` with the wall clock (\`date +%s.%N\` before and after; the
  command's own start-up and file reading included). \`tenet send\` keeps 4 batches in flight and
  the store commits whatever requests are queued together (up to 512), so one end-to-end commit
  holds 1 to 4 batches. Checks after every run: \`tenet send\` reports \`accepted N, duplicates 0,
  rejected 0\`; the store's \`stats\` (asked over ZeroMQ from Python) gives \`last_seq\` N and no dead
  letters; no plugin restarted; after \`tenet stop\`, \`sqlite3\` counts N rows in the database
  file$(command -v sqlite3 >/dev/null 2>&1 || echo " (skipped: sqlite3 is not installed)"). Then the data directory is removed.
- Raw inserts (\`tenet-store-bench insert --batch B --mode all\`, a fresh process per round):
  read and validate every event with \`EventValidator\` first (not timed), then insert all of
  them into a fresh database file in \`/tmp\` (the same disk as the stacks' data directories) in
  transactions of B rows, checking the row count afterwards:
  - EventStore.append: the store plugin's own call (same schema, same configuration), one call
    per batch.
  - Plain SQLite: the store's schema (created by EventStore), a GRDB connection configured like
    EventStore's (\`${connection_sqlite:-?}\`), and \`INSERT … VALUES (…), (…), … ON CONFLICT (id) DO
    NOTHING\` with 100 rows per statement, prepared once and bound with \`sqlite3_bind_*\` from
    column values laid out before the clock starts (the body is the same compact JSON the store
    writes). The synchronous=FULL variant sets the pragma after opening (\`${connection_full:-?}\`).
- End to end and raw inserts alternate batch size by batch size and take turns going first.
  Everything shares the machine's $(nproc) CPUs; \`tenet send\`, ingest and the store each keep
  one thread busy, so end-to-end runs also compete for CPU with each other's processes.
- Durability probe: 100 commits of 20 events through EventStore.append under
  \`strace -f -c -e trace=fsync,fdatasync\`.
- Parameters: BENCH_INGEST_EVENTS=$events, BENCH_INGEST_BATCHES="$BENCH_INGEST_BATCHES",
  BENCH_INGEST_RUNS=$BENCH_INGEST_RUNS, BENCH_INGEST_PROFILE=$BENCH_INGEST_PROFILE (environment).

### Machine

$machine
- SQLite: ${sqlite_version:-unknown}; database files on ${disk:-unknown}
EOF
    trap - INT TERM
    log "ingest-durable: wrote $SECTIONS_DIR/ingest-durable.md"
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
