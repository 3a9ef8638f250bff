# Shared by the suites in scripts/test.d/: `step NAME COMMAND...` runs one
# test with its output indented under its name and its time; `summary LABEL`
# prints "LABEL: N passed, N failed" (and the failures) and exits non-zero on
# any failure. Source it; it sets `passed`, `failed` and `failures`.

passed=0
failed=0
failures=()

step() { # step NAME COMMAND...
  local name="$1" t0 t1 rc
  shift
  echo "--- $name"
  t0=$(date +%s%3N)
  "$@" 2>&1 | sed 's/^/  /'
  rc=${PIPESTATUS[0]}
  t1=$(date +%s%3N)
  if ((rc == 0)); then
    passed=$((passed + 1))
    echo "--- ok   $name ($((t1 - t0)) ms)"
  else
    failed=$((failed + 1))
    failures+=("$name")
    echo "--- FAIL $name (exit $rc, $((t1 - t0)) ms)"
  fi
}

fail_setup() { # fail_setup LABEL WHAT: a failure before any step could run
  failed=$((failed + 1))
  failures+=("$2")
  summary "$1"
}

summary() { # summary LABEL
  ((failed == 0)) || printf '%s failed: %s\n' "$1" "${failures[*]}"
  echo "$1: $passed passed, $failed failed"
  ((failed == 0))
  exit
}
