#!/usr/bin/env bash
# Sets up everything, then runs every test: the Rust workspace (unit, snapshot,
# corpus, CLI and LSP end-to-end tests), then each suite in scripts/test.d/
# (WASM package, playground in headless Chromium, real editors, ...).
# Env: ROLEKIT_CORPUS, the corpus folder for the corpus tests (default:
# ../shared/corpus when it exists, else the sample in tests/corpus-sample).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

bash scripts/setup.sh

# The corpus tests read the full corpus when ROLEKIT_CORPUS names it (CI has
# ../shared/corpus beside the repository), else the sample in tests/corpus-sample.
if [ -z "${ROLEKIT_CORPUS+set}" ] && [ -d ../shared/corpus ]; then
  ROLEKIT_CORPUS="$(cd ../shared/corpus && pwd)"
  export ROLEKIT_CORPUS
fi
if [ -n "${ROLEKIT_CORPUS+set}" ]; then
  echo "==> corpus: $ROLEKIT_CORPUS (full corpus, ROLEKIT_CORPUS)"
else
  echo "==> corpus: tests/corpus-sample (the vendored sample; set ROLEKIT_CORPUS for the full corpus)"
fi

failed=()
echo "==> test: cargo test --workspace"
if ! cargo test --workspace --locked --no-fail-fast; then
  failed+=("cargo test")
fi
echo "==> test: cargo doc (rustdoc warnings are errors)"
if ! RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked --quiet; then
  failed+=("cargo doc")
fi

for suite in scripts/test.d/*.sh; do
  [ -e "$suite" ] || continue
  echo "==> test: ${suite#scripts/test.d/}"
  if ! bash "$suite"; then
    failed+=("${suite#scripts/test.d/}")
  fi
done

echo "==> all tests finished in $(( $(date +%s) - start ))s"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "failed suites: ${failed[*]}" >&2
  exit 1
fi
