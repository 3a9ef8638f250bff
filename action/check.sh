#!/usr/bin/env bash
# The action's check step (runs anywhere: the test drives it with a fake
# $GITHUB_OUTPUT). `sarif` writes the report for code scanning; `github` prints
# workflow annotations. Always exits 0 once rolekit ran, so the report is
# uploaded even when problems were found; the exit code and the counts go to
# the step's outputs, and a later step fails the job.
set -euo pipefail
format="${INPUT_FORMAT:-sarif}"
sarif="${INPUT_SARIF_FILE:-rolekit.sarif}"
read -r -a paths <<<"${INPUT_PATHS:-.}"
out="${GITHUB_OUTPUT:-/dev/null}"

case "$format" in
  sarif)
    code=0
    rolekit check --format sarif "${paths[@]}" >"$sarif" || code=$?
    counts=$(python3 - "$sarif" <<'PY'
import json, sys
try:
    results = json.load(open(sys.argv[1]))["runs"][0]["results"]
except Exception:
    results = []
levels = [r.get("level") for r in results]
print(levels.count("error"), levels.count("warning"))
PY
)
    ;;
  github)
    code=0
    annotations=$(rolekit check --format github "${paths[@]}") || code=$?
    printf '%s\n' "$annotations"
    counts="$(grep -c '^::error ' <<<"$annotations" || true) $(grep -c '^::warning ' <<<"$annotations" || true)"
    ;;
  *)
    echo "::error::rolekit action: format must be sarif or github, not '$format'"
    echo "exit-code=2" >>"$out"
    exit 1
    ;;
esac
read -r errors warnings <<<"$counts"
{
  echo "exit-code=$code"
  echo "errors=$errors"
  echo "warnings=$warnings"
} >>"$out"
echo "rolekit: exit code $code, $errors errors, $warnings warnings"
