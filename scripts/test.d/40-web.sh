#!/usr/bin/env bash
# The WASM package and the playground:
#   1. scripts/build-wasm.sh builds pkg/ (release, wasm-bindgen, wasm-opt);
#   2. wasm-bindgen-test on Node for the binding (crates/rolekit-wasm/tests);
#   3. node --test web/tests/node: pkg/ in Node against `rolekit check --format json`;
#   4. npm run build (the static playground in web/dist);
#   5. node --test web/tests/browser: the built site in headless Chromium (Playwright);
#   6. scripts/bench-wasm.sh prints size and speed figures.
# Ends with "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib/suite.sh
# The CLI comes from the caller's target dir (scripts/test.sh has built it
# there already); the wasm builds go to target/wasm unless told otherwise.
cli_target="${CARGO_TARGET_DIR:-$PWD/target}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
bash scripts/setup.d/40-web.sh || fail_setup web setup

step "build pkg/" bash scripts/build-wasm.sh
step "wasm-bindgen-test (node)" env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown -p rolekit-wasm
step "cli for the comparison" env CARGO_TARGET_DIR="$cli_target" cargo build -q -p rolekit-cli
export ROLEKIT_CLI="$cli_target/debug/rolekit"
step "node tests (pkg/ vs CLI)" node --test web/tests/node/
step "playground build" bash -c 'cd web && npm run build'
step "playground in chromium" node --test web/tests/browser/
step "bench" bash scripts/bench-wasm.sh

summary web
