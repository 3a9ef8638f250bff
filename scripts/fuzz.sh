#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for a set time each and reports
# executions and findings (not part of CI: fuzzing wants hours, CI has minutes).
#
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   (default 600 s, every target)
#
# Only the stable toolchain is available here, so cargo-fuzz runs with
# RUSTC_BOOTSTRAP=1 (it passes -Z flags) and without a sanitizer: Rust code is
# memory-safe, and what we hunt is panics, hangs and broken invariants (the
# targets assert them). A crash leaves its input in fuzz/artifacts/<target>/;
# `cargo fuzz run <target> <file>` replays it.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SECONDS_PER_TARGET="${1:-600}"
shift || true
cd "$ROOT/fuzz"

if ! command -v cargo-fuzz >/dev/null; then
  echo "== installing cargo-fuzz"
  cargo install --locked cargo-fuzz
fi
export RUSTC_BOOTSTRAP=1

TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || mapfile -t TARGETS < <(cargo fuzz list)

# Seeds: the repository's role files and fixtures.
seed() {
  local dir="corpus/$1"
  mkdir -p "$dir"
  local pattern='*.md'
  [ "$1" = json ] && pattern='*.json' # JSON texts: the built-in schemas and the sample's registries.
  if [ -z "$(ls -A "$dir" 2>/dev/null)" ]; then
    find "$ROOT/examples" "$ROOT/tests/fixtures" "$ROOT/tests/corpus-sample" "$ROOT/crates/rolekit-core/src/schema" \
      "$ROOT/crates/rolekit-core/tests/fixtures" -name "$pattern" -size -16k -exec cp -t "$dir" {} + 2>/dev/null || true
  fi
}

status=0
printf '%-10s %12s %10s %s\n' target executions exec/s findings
for target in "${TARGETS[@]}"; do
  seed "$target"
  log="$(mktemp)"
  set +e
  cargo fuzz run --sanitizer none --release "$target" "corpus/$target" -- \
    -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1
  code=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n1)
  findings=$(find "artifacts/$target" -type f 2>/dev/null | wc -l)
  printf '%-10s %12s %10s %s\n' "$target" "${runs:-?}" "${rate:-?}" "$findings"
  if [ "$code" -ne 0 ] || [ "$findings" -gt 0 ]; then
    status=1
    grep -E "panicked|ERROR|Test unit written" "$log" | head -n 5 >&2 || tail -n 20 "$log" >&2
  fi
  rm -f "$log"
done
exit "$status"
