# Shared by scripts/bench-cli.sh, bench-stats.sh, bench-valora.sh and bench-dialects.sh. Needs ROOT,
# BENCH_DIR and RUNS set by the caller; sets CORPUS when sourced.
#
# CORPUS: ROLEKIT_CORPUS when set, else ../shared/corpus when it holds
# BENCH_NEEDS (a subfolder the caller needs; default: the corpus itself),
# else the vendored sample in tests/corpus-sample.
CORPUS="${ROLEKIT_CORPUS:-$ROOT/../shared/corpus}"
if [ -z "${ROLEKIT_CORPUS:-}" ] && [ ! -d "$CORPUS/${BENCH_NEEDS:-}" ]; then
  CORPUS="$ROOT/tests/corpus-sample"
fi
#
# bench_sources: SOURCES, the role files of the corpus to copy (templates left out).
bench_sources() {
  SOURCES=()
  for f in "$CORPUS"/valora/agents/*.md "$CORPUS"/wild/*.md; do
    case "$(basename "$f")" in _*|*___template.md) continue ;; esac
    SOURCES+=("$f")
  done
  echo "== ${#SOURCES[@]} role files of $CORPUS as sources, $(cat "${SOURCES[@]}" | wc -c | awk -v n=${#SOURCES[@]} '{printf "%.1f", $1/n/1024}') KB on average"
}

# generate DIR COUNT FOLDERS: COUNT copies of the sources (~25 KB each), each
# renamed so that `role:` matches its file name, spread over FOLDERS folders,
# plus the valora/agents originals in every folder so `inherits` resolves.
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

# wall LABEL COMMAND...: wall time, by hyperfine when installed, else the
# best and median of a loop timed with `date +%s%N`.
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

# check_project DIR: the diagnostics of the project at DIR, counted, then
# `$BIN check` in DIR timed (human and JSON output) and its peak RSS.
check_project() {
  local dir="$1"
  echo "  $( (cd "$dir" && "$BIN" check . 2>/dev/null | tail -n1) || true)"
  (cd "$dir" && wall "check (human)" "$BIN" check .)
  (cd "$dir" && wall "check --format json" "$BIN" check --format json .)
  (cd "$dir" && rss "check" "$BIN" check .)
}
