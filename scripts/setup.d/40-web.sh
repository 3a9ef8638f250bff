#!/usr/bin/env bash
# The WASM package and the playground (issue 4): the wasm32 target,
# wasm-bindgen-cli at exactly the version crates/rolekit-wasm pins (cargo
# install, no prebuilt download), binaryen (npm, for wasm-opt) in
# scripts/tools, the playground's npm packages, and Debian's Chromium for the
# Playwright tests. Idempotent: skips whatever is already there.
set -euo pipefail
cd "$(dirname "$0")/../.."
log() { printf '[setup web] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

wb_version="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' crates/rolekit-wasm/Cargo.toml)"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ] \
  || [ "$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ]; then
  log "cargo install wasm-bindgen-cli $wb_version (takes a few minutes)"
  cargo install wasm-bindgen-cli --version "$wb_version" --locked
fi

npm_ci() { # npm_ci DIR: install from the lock file unless node_modules matches it
  local dir="$1"
  if [ -f "$dir/node_modules/.package-lock.json" ] && [ "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]; then
    return 0
  fi
  log "npm ci in $dir"
  (cd "$dir" && npm ci --no-audit --no-fund)
}
npm_ci scripts/tools
npm_ci web

if [ ! -x /usr/bin/chromium ]; then
  log "apt-get install chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium
fi
log "ready: $(wasm-bindgen --version), $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium ?')"
