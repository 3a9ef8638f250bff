#!/usr/bin/env bash
# Benchmark of `rolekit check` over valora projects (prints figures; not part
# of the test suite).
#
# Builds the release binary and the generator (`cargo run --example
# valora_project`), then times:
# - the real valora project (valora.ai v2.4.0: roles, commands, prompts and
#   their registries, from the corpus), checked whole: target <= 30 ms;
# - generated projects of N roles + N commands + N prompts (copies of the
#   real files with unique names and references rewritten to resolve, plus
#   the three registries): target <= 1.2 s at N = 10,000; and at N/4 to show
#   the growth is linear (cross-file resolution is one hash lookup per name).
#
# Each project is checked from inside its folder (the project root is found
# from the current folder; a `.git` marks it). Wall time and peak RSS come
# from scripts/lib/bench.sh (hyperfine when installed, else the best and
# median of a timed loop; `/usr/bin/time -v`).
#
# Usage: scripts/bench-valora.sh [N...]   (default: 10000)
# Env:   BENCH_DIR (default /tmp/rolekit-bench-valora), RUNS (default 5),
#        KEEP=1 keeps the generated projects, ROLEKIT_CORPUS (the corpus
#        folder; default ../shared/corpus when it exists, else the sample in
#        tests/corpus-sample).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH_DIR="${BENCH_DIR:-/tmp/rolekit-bench-valora}"
RUNS="${RUNS:-5}"
COUNTS=("$@")
[ ${#COUNTS[@]} -gt 0 ] || COUNTS=(10000)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

echo "== building release"
(cd "$ROOT" && cargo build --release -p rolekit-cli --bin rolekit --example valora_project --quiet)
BIN="$CARGO_TARGET_DIR/release/rolekit"
GEN="$CARGO_TARGET_DIR/release/examples/valora_project"

# wall, rss and check_project from the shared helpers.
BENCH_NEEDS=valora-project
. "$ROOT/scripts/lib/bench.sh"
PROJECT="$CORPUS/valora-project"
rm -rf "$BENCH_DIR"
mkdir -p "$BENCH_DIR"
echo "== $(nproc) cores; $BIN"

# The real project, copied so that its folder is the project root.
real="$BENCH_DIR/valora-project"
cp -r "$PROJECT" "$real"
mkdir -p "$real/.git"
files=$(find "$real/data" -name '*.md' -o -name 'registry.json' | wc -l)
echo "== the valora project: $files documents and registries ($(du -sk "$real/data" | cut -f1) KB); target <= 30 ms"
check_project "$real"

for n in "${COUNTS[@]}"; do
  for count in $((n / 4)) "$n"; do
    dir="$BENCH_DIR/n$count"
    "$GEN" "$PROJECT/data" "$count" "$dir" >/dev/null
    mkdir -p "$dir/.git"
    total=$(find "$dir/data" -name '*.md' | wc -l)
    target=""
    [ "$count" = 10000 ] && target="; target <= 1.2 s"
    echo "== $count roles + $count commands + $count prompts: $total files, $(du -sm "$dir" | cut -f1) MB$target"
    check_project "$dir"
    [ -n "${KEEP:-}" ] || rm -rf "$dir"
  done
done
[ -n "${KEEP:-}" ] || rm -rf "$real"
