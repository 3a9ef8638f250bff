#!/usr/bin/env bash
# The WASM package and the playground: the wasm32 target,
# wasm-bindgen-cli at exactly the version crates/rolekit-wasm pins (cargo
# install, no prebuilt download), binaryen (npm, for wasm-opt) in
# scripts/tools, the playground's npm packages, and Debian's Chromium for the
# Playwright tests. Idempotent: skips whatever is already there.
set -euo pipefail
cd "$(dirname "$0")/../.."
log() { printf '[setup web] %s\n' "$*"; }

ROOT="$PWD"
. scripts/lib/wasm.sh
. scripts/lib/npm.sh
ensure_wasm_tools

npm_ci web

if [ ! -x /usr/bin/chromium ]; then
  log "apt-get install chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium
fi
log "ready: $(wasm-bindgen --version), $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium ?')"
