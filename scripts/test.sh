#!/usr/bin/env bash
# Sets up everything, then runs every test: the Rust workspace (unit, snapshot,
# corpus, CLI and LSP end-to-end tests), then each suite in scripts/test.d/
# (WASM package, playground in headless Chromium, real editors, ...).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

bash scripts/setup.sh

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
