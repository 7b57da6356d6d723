#!/usr/bin/env bash
# Runs `make bench` on another commit without touching this work tree: clones the repository at
# COMMIT into a temporary folder, runs Scripts/bench.sh there (its own .build-bench/, a full
# release build) and copies the BENCHMARKS.md it writes to OUTPUT. For before/after figures:
#
#   bash Scripts/bench-at.sh BEFORE_COMMIT /tmp/bench-before.md   # then, on the after tree:
#   make bench
#
# COMMIT must carry the JSON benchmark tooling (Scripts/bench.sh of 56 lines or so, with
# tenet-bench-report); the same BENCH_* variables as Scripts/bench.sh apply.
set -euo pipefail
[[ $# -ge 1 ]] || { echo "usage: bash Scripts/bench-at.sh COMMIT [OUTPUT (default: ./BENCHMARKS-COMMIT.md)]" >&2; exit 2; }
cd "$(dirname "${BASH_SOURCE[0]}")/.."
commit=$(git rev-parse --verify "$1^{commit}")
output=${2:-BENCHMARKS-${commit:0:10}.md}
clone=$(mktemp -d /tmp/tenet-bench-at.XXXXXX)
trap 'rm -rf "$clone"' EXIT
git clone --quiet --no-checkout "$PWD" "$clone"
git -C "$clone" checkout --quiet --detach "$commit"
[[ -f $clone/Benchmarks/BenchReport/main.swift ]] || { echo "bench-at.sh: $commit has no tenet-bench-report" >&2; exit 1; }
BENCH_OUTPUT="$clone/BENCHMARKS.md" bash "$clone/Scripts/bench.sh"
cp "$clone/BENCHMARKS.md" "$output"
echo "bench-at.sh: figures of ${commit:0:10} in $output" >&2
