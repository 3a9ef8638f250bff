#!/usr/bin/env bash
# Benchmark of `rolekit check` and `rolekit fmt --check` (prints figures; not
# part of the test suite).
#
# Builds the release binary, generates 10,000 and 50,000 role files (copies of
# the corpus role files, ~25 KB each, each renamed so that `role:` matches its
# file name, plus the valora/agents originals in every folder so `inherits`
# resolves), both in one folder and spread over 100 folders, and reports wall
# time and peak RSS.
#
# Wall time: hyperfine when installed, else the best and median of a loop
# timed with `date +%s%N`. Peak RSS: `/usr/bin/time -v` (Debian package `time`).
# Targets (2 cores): 10,000 files <= 0.35 s wall; <= 50 MB peak RSS at 50,000
# files; linear growth. `fmt --check` (FMT=0 skips it): 10,000 files <= 0.5 s,
# timed on the generated tree (the .ai-era copies need formatting, so their
# result is proven) and again once `rolekit fmt` has formatted it.
#
# Usage: scripts/bench-cli.sh [COUNT...]   (default: 10000 50000)
# Env:   BENCH_DIR (default /tmp/rolekit-bench), RUNS (default 5),
#        FORMATS (default "human json"), KEEP=1 keeps the generated files,
#        ROLEKIT_CORPUS (the corpus folder; default ../shared/corpus when it
#        exists, else the sample in tests/corpus-sample).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH_DIR="${BENCH_DIR:-/tmp/rolekit-bench}"
RUNS="${RUNS:-5}"
FORMATS="${FORMATS:-human json}"
COUNTS=("$@")
[ ${#COUNTS[@]} -gt 0 ] || COUNTS=(10000 50000)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

echo "== building release"
(cd "$ROOT" && cargo build --release -p rolekit-cli --quiet)
BIN="$CARGO_TARGET_DIR/release/rolekit"
. "$ROOT/scripts/lib/bench.sh"

bench_sources

mkdir -p "$BENCH_DIR"
echo "== $(nproc) cores; $BIN"
for count in "${COUNTS[@]}"; do
  for folders in 1 100; do
    dir="$BENCH_DIR/n$count-f$folders"
    generate "$dir" "$count" "$folders"
    total=$(find "$dir" -name '*.md' | wc -l)
    size=$(du -sm "$dir" | cut -f1)
    echo "== $count generated files in $folders folder(s): $total files with the originals, $size MB"
    for fmt in $FORMATS; do
      wall "check --format $fmt" "$BIN" check --format "$fmt" "$dir"
      rss "check --format $fmt" "$BIN" check --format "$fmt" "$dir"
    done
    if [ "${FMT:-1}" != 0 ]; then
      echo "  fmt --check: $("$BIN" fmt --check "$dir" 2>&1 >/dev/null | tail -n1)"
      wall "fmt --check (as generated)" "$BIN" fmt --check "$dir"
      rss "fmt --check (as generated)" "$BIN" fmt --check "$dir"
      "$BIN" fmt "$dir" >/dev/null 2>&1 || true
      wall "fmt --check (formatted)" "$BIN" fmt --check "$dir"
    fi
    [ -n "${KEEP:-}" ] || rm -rf "$dir"
  done
done
