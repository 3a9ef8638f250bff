#!/usr/bin/env bash
# Scaling benchmark of `rolekit check` (prints figures; not part of the test suite).
#
# For every input shape of crates/rolekit-cli/examples/shapes.rs (flow and
# block mappings, long lists, many sections, many diagnostics, long lines,
# deep nesting, alias bombs), generates a role file of N and 4N bytes and of
# 1 MB, checks each in every output format, and prints wall time and peak
# RSS, with the growth from N to 4N.
# Targets: growth <= x5 for x4 input (linear passes); 1 MB of any shape
# checked in <= 0.3 s in every format.
#
# Usage: scripts/bench-scaling.sh [N]   (default N = 256 KiB)
# Env:   FORMATS (default "human json sarif github"), BENCH_DIR (default /tmp/rolekit-scaling)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-262144}"
FORMATS="${FORMATS:-human json sarif github}"
BENCH_DIR="${BENCH_DIR:-/tmp/rolekit-scaling}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

echo "== building release"
(cd "$ROOT" && cargo build --release -p rolekit-cli --example shapes --bin rolekit --quiet)
BIN="$CARGO_TARGET_DIR/release/rolekit"
GEN="$CARGO_TARGET_DIR/release/examples/shapes"

rm -rf "$BENCH_DIR"
# The shapes live where a valora project keeps its roles, so even the
# flow-mapping one (no `role:` at the start of a line) is a role file.
mkdir -p "$BENCH_DIR/data/agents"
: >"$BENCH_DIR/rolekit.toml"

# measure FILE FORMAT -> "seconds rss_kib"
measure() {
  /usr/bin/time -f '%e %M' -o "$BENCH_DIR/time.txt" "$BIN" check --format "$2" "$1" >/dev/null 2>&1 || true
  tail -n1 "$BENCH_DIR/time.txt"
}

worst_growth=0
worst_mb=0
printf '%-17s %-7s %9s %9s %9s %7s %10s\n' shape format "N s" "4N s" "1MB s" growth "1MB RSS"
for shape in $("$GEN" --list | cut -f1); do
  for size in "$N" "$((4 * N))" 1048576; do
    "$GEN" "$shape" "$size" "$BENCH_DIR/data/agents/$shape-$size.md"
  done
  for format in $FORMATS; do
    read -r t1 _ <<<"$(measure "$BENCH_DIR/data/agents/$shape-$N.md" "$format")"
    read -r t4 _ <<<"$(measure "$BENCH_DIR/data/agents/$shape-$((4 * N)).md" "$format")"
    read -r tm rss <<<"$(measure "$BENCH_DIR/data/agents/$shape-1048576.md" "$format")"
    growth=$(awk -v a="$t1" -v b="$t4" 'BEGIN { if (a < 0.01) a = 0.01; printf "%.1f", b / a }')
    printf '%-17s %-7s %9s %9s %9s %7s %8s KiB\n' "$shape" "$format" "$t1" "$t4" "$tm" "x$growth" "$rss"
    worst_growth=$(awk -v a="$worst_growth" -v b="$growth" 'BEGIN { print (b > a) ? b : a }')
    worst_mb=$(awk -v a="$worst_mb" -v b="$tm" 'BEGIN { print (b > a) ? b : a }')
  done
done
echo "worst growth for x4 input: x$worst_growth (target <= x5; times under 0.01 s count as 0.01 s)"
echo "slowest 1 MB check: ${worst_mb} s (target <= 0.3 s)"
