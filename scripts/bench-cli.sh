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
CORPUS="${ROLEKIT_CORPUS:-$ROOT/../shared/corpus}"
if [ -z "${ROLEKIT_CORPUS:-}" ] && [ ! -d "$CORPUS" ]; then
  CORPUS="$ROOT/tests/corpus-sample"
fi
BENCH_DIR="${BENCH_DIR:-/tmp/rolekit-bench}"
RUNS="${RUNS:-5}"
FORMATS="${FORMATS:-human json}"
COUNTS=("$@")
[ ${#COUNTS[@]} -gt 0 ] || COUNTS=(10000 50000)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

echo "== building release"
(cd "$ROOT" && cargo build --release -p rolekit-cli --quiet)
BIN="$CARGO_TARGET_DIR/release/rolekit"

SOURCES=()
for f in "$CORPUS"/valora/agents/*.md "$CORPUS"/wild/*.md; do
  case "$(basename "$f")" in _*|*___template.md) continue ;; esac
  SOURCES+=("$f")
done
echo "== ${#SOURCES[@]} role files of $CORPUS as sources, $(cat "${SOURCES[@]}" | wc -c | awk -v n=${#SOURCES[@]} '{printf "%.1f", $1/n/1024}') KB on average"

# generate DIR COUNT FOLDERS
generate() {
  local dir="$1" count="$2" folders="$3"
  rm -rf "$dir"
  mkdir -p "$dir"
  if [ "$folders" -gt 1 ]; then
    for ((i = 0; i < folders; i++)); do mkdir -p "$dir/$(printf 'd%03d' "$i")"; done
  fi
  awk -v n="$count" -v folders="$folders" -v out="$dir" '
    FNR == 1 { nf++ }
    { lines[nf, FNR] = $0; len[nf] = FNR }
    role[nf] == "" && /^role:[ \t]*/ { r = $0; sub(/^role:[ \t]*/, "", r); role[nf] = r }
    END {
      for (i = 0; i < n; i++) {
        s = (i % nf) + 1
        name = role[s] "-" i
        sub_dir = (folders > 1) ? sprintf("/d%03d", i % folders) : ""
        f = out sub_dir "/" name ".md"
        renamed = 0
        for (j = 1; j <= len[s]; j++) {
          line = lines[s, j]
          if (!renamed && line ~ /^role:/) { line = "role: " name; renamed = 1 }
          print line > f
        }
        close(f)
      }
    }' "${SOURCES[@]}"
  if [ "$folders" -gt 1 ]; then
    for d in "$dir"/d*/; do cp "$CORPUS"/valora/agents/*.md "$d"; done
  else
    cp "$CORPUS"/valora/agents/*.md "$dir"
  fi
}

wall() {
  local label="$1"; shift
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --style basic -i -N --warmup 1 --runs "$RUNS" --export-json "$BENCH_DIR/hf.json" "$*" >/dev/null
    awk -v label="$label" '/"mean"/ {gsub(/[",]/, ""); m=$2} /"min"/ {gsub(/[",]/, ""); mn=$2} END {printf "  %-34s wall mean %.3f s  min %.3f s  (hyperfine, %s runs)\n", label, m, mn, '"$RUNS"'}' "$BENCH_DIR/hf.json"
  else
    "$@" >/dev/null 2>&1 || true # warm-up (page cache)
    local times=()
    for ((r = 0; r < RUNS; r++)); do
      local t0 t1
      t0=$(date +%s%N)
      "$@" >/dev/null 2>&1 || true
      t1=$(date +%s%N)
      times+=($(( (t1 - t0) / 1000000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" '{a[NR]=$1} END {printf "  %-34s wall best %.3f s  median %.3f s  (%d runs)\n", label, a[1]/1000, a[int((NR+1)/2)]/1000, NR}'
  fi
}

rss() {
  local label="$1"; shift
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v "$@" 2>"$BENCH_DIR/time.txt" >/dev/null || true
    awk -v label="$label" '/Maximum resident set size/ {printf "  %-34s peak RSS %.1f MB\n", label, $NF/1024}' "$BENCH_DIR/time.txt"
  else
    echo "  $label: peak RSS unavailable (install Debian package 'time' for /usr/bin/time)"
  fi
}

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
