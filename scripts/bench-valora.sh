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
# from the current folder; a `.git` marks it). Wall time: hyperfine when
# installed, else the best and median of a loop timed with `date +%s%N`.
# Peak RSS: `/usr/bin/time -v` (Debian package `time`).
#
# Usage: scripts/bench-valora.sh [N...]   (default: 10000)
# Env:   BENCH_DIR (default /tmp/rolekit-bench-valora), RUNS (default 5),
#        KEEP=1 keeps the generated projects, ROLEKIT_CORPUS (the corpus
#        folder; default ../shared/corpus when it exists, else the sample in
#        tests/corpus-sample).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CORPUS="${ROLEKIT_CORPUS:-$ROOT/../shared/corpus}"
if [ -z "${ROLEKIT_CORPUS:-}" ] && [ ! -d "$CORPUS/valora-project" ]; then
  CORPUS="$ROOT/tests/corpus-sample"
fi
PROJECT="$CORPUS/valora-project"
BENCH_DIR="${BENCH_DIR:-/tmp/rolekit-bench-valora}"
RUNS="${RUNS:-5}"
COUNTS=("$@")
[ ${#COUNTS[@]} -gt 0 ] || COUNTS=(10000)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

echo "== building release"
(cd "$ROOT" && cargo build --release -p rolekit-cli --bin rolekit --example valora_project --quiet)
BIN="$CARGO_TARGET_DIR/release/rolekit"
GEN="$CARGO_TARGET_DIR/release/examples/valora_project"

# wall LABEL DIR CMD... : CMD run inside DIR.
wall() {
  local label="$1" dir="$2"; shift 2
  if command -v hyperfine >/dev/null 2>&1; then
    (cd "$dir" && hyperfine --style basic -i -N --warmup 1 --runs "$RUNS" --export-json "$BENCH_DIR/hf.json" "$*" >/dev/null)
    awk -v label="$label" '/"mean"/ {gsub(/[",]/, ""); m=$2} /"min"/ {gsub(/[",]/, ""); mn=$2} END {printf "  %-40s wall mean %.3f s  min %.3f s  (hyperfine, %s runs)\n", label, m, mn, '"$RUNS"'}' "$BENCH_DIR/hf.json"
  else
    (cd "$dir" && "$@" >/dev/null 2>&1) || true # warm-up (page cache)
    local times=()
    for ((r = 0; r < RUNS; r++)); do
      local t0 t1
      t0=$(date +%s%N)
      (cd "$dir" && "$@" >/dev/null 2>&1) || true
      t1=$(date +%s%N)
      times+=($(( (t1 - t0) / 1000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" '{a[NR]=$1} END {printf "  %-40s wall best %.1f ms  median %.1f ms  (%d runs)\n", label, a[1]/1000, a[int((NR+1)/2)]/1000, NR}'
  fi
}

rss() {
  local label="$1" dir="$2"; shift 2
  if [ -x /usr/bin/time ]; then
    (cd "$dir" && /usr/bin/time -v "$@" 2>"$BENCH_DIR/time.txt" >/dev/null) || true
    awk -v label="$label" '/Maximum resident set size/ {printf "  %-40s peak RSS %.1f MB\n", label, $NF/1024}' "$BENCH_DIR/time.txt"
  else
    echo "  $label: peak RSS unavailable (install Debian package 'time' for /usr/bin/time)"
  fi
}

# summary DIR : the diagnostics of a project, counted.
summary() {
  (cd "$1" && "$BIN" check . 2>/dev/null | tail -n1) || true
}

rm -rf "$BENCH_DIR"
mkdir -p "$BENCH_DIR"
echo "== $(nproc) cores; $BIN"

# The real project, copied so that its folder is the project root.
real="$BENCH_DIR/valora-project"
cp -r "$PROJECT" "$real"
mkdir -p "$real/.git"
files=$(find "$real/data" -name '*.md' -o -name 'registry.json' | wc -l)
echo "== the valora project: $files documents and registries ($(du -sk "$real/data" | cut -f1) KB); target <= 30 ms"
echo "  $(summary "$real")"
wall "check (human)" "$real" "$BIN" check .
wall "check --format json" "$real" "$BIN" check --format json .
rss "check" "$real" "$BIN" check .

for n in "${COUNTS[@]}"; do
  for count in $((n / 4)) "$n"; do
    dir="$BENCH_DIR/n$count"
    "$GEN" "$PROJECT/data" "$count" "$dir" >/dev/null
    mkdir -p "$dir/.git"
    total=$(find "$dir/data" -name '*.md' | wc -l)
    target=""
    [ "$count" = 10000 ] && target="; target <= 1.2 s"
    echo "== $count roles + $count commands + $count prompts: $total files, $(du -sm "$dir" | cut -f1) MB$target"
    echo "  $(summary "$dir")"
    wall "check (human)" "$dir" "$BIN" check .
    wall "check --format json" "$dir" "$BIN" check --format json .
    rss "check" "$dir" "$BIN" check .
    [ -n "${KEEP:-}" ] || rm -rf "$dir"
  done
done
[ -n "${KEEP:-}" ] || rm -rf "$real"
