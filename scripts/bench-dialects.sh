#!/usr/bin/env bash
# Benchmark of `rolekit check` over vendor agent files (prints figures; not
# part of the test suite).
#
# Builds the release binary and the generator (`cargo run --example
# dialect_files`), then times generated projects of N mixed vendor files
# (Claude Code subagents, Agent Skills, Cursor rules, Copilot agents, chat
# modes, prompts and instructions: copies of the corpus's `dialects/` files,
# each where its vendor looks for it under a unique name): target <= 0.35 s
# at N = 10,000; and at N/4 to show the growth is linear.
#
# Each project is checked from inside its folder (a `.git` marks the
# project root). Wall time and peak RSS come from scripts/lib/bench.sh
# (hyperfine when installed, else the best and median of a timed loop;
# `/usr/bin/time -v`).
#
# Usage: scripts/bench-dialects.sh [N...]   (default: 10000)
# Env:   BENCH_DIR (default /tmp/rolekit-bench-dialects), RUNS (default 5),
#        KEEP=1 keeps the generated projects, ROLEKIT_CORPUS (the corpus
#        folder; default ../shared/corpus when it exists, else the sample in
#        tests/corpus-sample).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH_DIR="${BENCH_DIR:-/tmp/rolekit-bench-dialects}"
RUNS="${RUNS:-5}"
COUNTS=("$@")
[ ${#COUNTS[@]} -gt 0 ] || COUNTS=(10000)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

echo "== building release"
(cd "$ROOT" && cargo build --release -p rolekit-cli --bin rolekit --example dialect_files --quiet)
BIN="$CARGO_TARGET_DIR/release/rolekit"
GEN="$CARGO_TARGET_DIR/release/examples/dialect_files"

BENCH_NEEDS=dialects
. "$ROOT/scripts/lib/bench.sh"
rm -rf "$BENCH_DIR"
mkdir -p "$BENCH_DIR"
echo "== $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); $BIN"

for n in "${COUNTS[@]}"; do
  for count in $((n / 4)) "$n"; do
    dir="$BENCH_DIR/n$count"
    "$GEN" "$CORPUS/dialects" "$count" "$dir" >/dev/null
    mkdir -p "$dir/.git"
    target=""
    [ "$count" = 10000 ] && target="; target <= 0.35 s"
    echo "== $count vendor agent files, $(du -sm "$dir" | cut -f1) MB$target"
    check_project "$dir"
    [ -n "${KEEP:-}" ] || rm -rf "$dir"
  done
done
