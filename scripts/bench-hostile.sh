#!/usr/bin/env bash
# Hostile input for `rolekit check` (prints figures; not part of the test
# suite, where the same cases are asserted without timing in tests/cli.rs).
#
# Every case must end in <= 2 s with <= 100 MB peak RSS and the exit code it
# deserves (0 clean, 1 problems found, 2 a file or the config refused).
#
# Usage: scripts/bench-hostile.sh       Env: BENCH_DIR (default /tmp/rolekit-hostile)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH_DIR="${BENCH_DIR:-/tmp/rolekit-hostile}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

echo "== building release"
(cd "$ROOT" && cargo build --release -p rolekit-cli --example shapes --bin rolekit --quiet)
BIN="$CARGO_TARGET_DIR/release/rolekit"
GEN="$CARGO_TARGET_DIR/release/examples/shapes"

rm -rf "$BENCH_DIR"
mkdir -p "$BENCH_DIR/data/agents" "$BENCH_DIR/walk"
cd "$BENCH_DIR"
git init -q . # the project root: parents are never read above it
"$GEN" alias-bomb 125000 data/agents/bomb-125k.md
"$GEN" alias-bomb 884000 data/agents/bomb-884k.md
"$GEN" flow-mapping 269000 data/agents/flow-269k.md
"$GEN" block-mapping 1000000 data/agents/block-40k.md
"$GEN" block-mapping 2000000 data/agents/block-80k.md
"$GEN" deep-nesting 13000000 data/agents/deep-5000.md
mkfifo fifo.md fifo.toml
printf -- '---\nrole: child\nversion: 1.0.0\ninherits: fifo\n---\n# Child\n' >child-of-fifo.md
ln -s /dev/zero zero.md
printf -- '---\nrole: child\nversion: 1.0.0\ninherits: zero\n---\n# Child\n' >child-of-zero.md
truncate -s 1G walk/huge-notes.md
printf -- '---\nrole: huge\nversion: 1.0.0\n---\n' | dd of=huge-role.md conv=notrunc status=none
truncate -s 1G huge-role.md

fail=0
# case NAME EXPECTED_EXIT ARGS...
case_() {
  local name="$1" want="$2"
  shift 2
  local code=0 t rss
  /usr/bin/time -f '%e %M' -o time.txt timeout 10 "$BIN" "$@" >/dev/null 2>&1 || code=$?
  read -r t rss <<<"$(tail -n1 time.txt)"
  local verdict=ok
  if [ "$code" != "$want" ] || awk -v t="$t" 'BEGIN { exit !(t > 2) }' || [ "${rss:-0}" -gt 102400 ]; then
    verdict=FAIL
    fail=1
  fi
  printf '%-44s %6s s %8s KiB  exit %s (want %s)  %s\n' "$name" "$t" "$rss" "$code" "$want" "$verdict"
}

case_ "alias bomb, 125 KB" 1 check data/agents/bomb-125k.md
case_ "alias bomb, 884 KB" 1 check data/agents/bomb-884k.md
case_ "flow mapping of unknown keys, 269 KB" 1 check data/agents/flow-269k.md
case_ "  ... as JSON" 1 check --format json data/agents/flow-269k.md
case_ "block mapping, 40k unknown keys" 1 check data/agents/block-40k.md
case_ "block mapping, 80k unknown keys" 1 check data/agents/block-80k.md
case_ "5,000-deep block nesting" 1 check data/agents/deep-5000.md
case_ "a FIFO named on the command line" 2 check fifo.md
case_ "--config pointing at a FIFO" 2 check --config fifo.toml child-of-zero.md
case_ "a parent that is a FIFO" 1 check child-of-fifo.md
case_ "a parent symlinked to /dev/zero" 1 check child-of-zero.md
case_ "a walk past a 1 GB non-role .md" 0 check walk
case_ "a 1 GB role file named" 2 check huge-role.md
exit "$fail"
