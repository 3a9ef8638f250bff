#!/usr/bin/env bash
# Benchmark of token counting (prints figures; not part of the test suite):
#   - the tokenizer: each encoding's load time on first use, and counting
#     throughput on one thread over the corpus role files (against
#     bpe-openai's own path), from crates/rolekit-tokens/examples/bench-tokens.rs;
#   - `rolekit stats` on 10,000 generated role files (copies of the corpus
#     role files, ~25 KB each, as scripts/bench-cli.sh generates them), in one
#     folder and over 100 folders, human and JSON, wall time and peak RSS;
#   - `rolekit check` on the same tree with and without a `[token-budget]`
#     (the rule's cost when configured; none when not).
# Target (2 cores): `rolekit stats` on 10,000 files <= 1 s wall.
#
# Usage: scripts/bench-stats.sh [COUNT...]   (default: 10000)
# Env:   BENCH_DIR (default /tmp/rolekit-bench-stats), RUNS (default 5),
#        KEEP=1 keeps the generated files, ROLEKIT_CORPUS (as bench-cli.sh).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH_DIR="${BENCH_DIR:-/tmp/rolekit-bench-stats}"
RUNS="${RUNS:-5}"
COUNTS=("$@")
[ ${#COUNTS[@]} -gt 0 ] || COUNTS=(10000)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
. "$ROOT/scripts/lib/bench.sh"

echo "== building release"
(cd "$ROOT" && cargo build --release -p rolekit-cli --quiet && cargo build --release -p rolekit-tokens --example bench-tokens --quiet)
BIN="$CARGO_TARGET_DIR/release/rolekit"

mkdir -p "$BENCH_DIR"
echo "== $(nproc) cores; $BIN"
bench_sources
echo "== tokenizer"
"$CARGO_TARGET_DIR/release/examples/bench-tokens" "${SOURCES[@]}"

for count in "${COUNTS[@]}"; do
  for folders in 1 100; do
    dir="$BENCH_DIR/n$count-f$folders"
    generate "$dir" "$count" "$folders"
    total=$(find "$dir" -name '*.md' | wc -l)
    size=$(du -sm "$dir" | cut -f1)
    echo "== $count generated files in $folders folder(s): $total files with the originals, $size MB"
    for fmt in human json; do
      wall "stats --format $fmt" "$BIN" stats --format "$fmt" "$dir"
    done
    rss "stats --format json" "$BIN" stats --format json "$dir"
    wall "stats --encoding cl100k_base" "$BIN" stats --encoding cl100k_base "$dir"
    wall "check (no budget)" "$BIN" check --format json "$dir"
    printf '[token-budget]\nfile = 4000\nsection = 800\nresolved = 6000\n' >"$BENCH_DIR/budget.toml"
    wall "check with [token-budget]" "$BIN" check --format json --config "$BENCH_DIR/budget.toml" "$dir"
    [ -n "${KEEP:-}" ] || rm -rf "$dir"
  done
done
