#!/usr/bin/env bash
# Builds the npm package `rolekit` into pkg/ from crates/rolekit-wasm:
# release build for wasm32, wasm-bindgen (--target web, plus a Node entry),
# wasm-opt -Oz from the npm package binaryen, package.json/README, and the
# repository's LICENSE.
# Idempotent; installs what it needs (wasm32 target, wasm-bindgen-cli at the
# crate's exact version, binaryen in scripts/tools/).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CRATE="$ROOT/crates/rolekit-wasm"
PKG="$ROOT/pkg"

log() { printf '[build-wasm] %s\n' "$*" >&2; }
. "$ROOT/scripts/lib/wasm.sh"

ensure_wasm_tools
WASM="$(cargo_wasm_build rolekit-wasm rolekit_wasm)"

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
wasm_bindgen_opt "$WASM" "$STAGE" rolekit web

VERSION="$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' "$ROOT/Cargo.toml")"
rm -rf "$PKG"
mkdir -p "$PKG"
cp "$STAGE"/rolekit.js "$STAGE"/rolekit.d.ts "$STAGE"/rolekit_bg.wasm "$STAGE"/rolekit_bg.wasm.d.ts "$PKG"/
cp "$CRATE/npm/node.js" "$CRATE/npm/node.d.ts" "$CRATE/npm/README.md" "$PKG"/
sed "s/\"version\": \"0.0.0\"/\"version\": \"$VERSION\"/" "$CRATE/npm/package.json" > "$PKG/package.json"
cp "$ROOT/LICENSE" "$PKG/LICENSE"

if grep -nE '\bany\b' "$PKG/rolekit.d.ts" | grep -v '^\s*\*' | grep -vE '//|/\*' >/dev/null; then
  log "warning: rolekit.d.ts mentions \`any\`:"; grep -nE '\bany\b' "$PKG/rolekit.d.ts" >&2 || true
fi
log "pkg/ ready: rolekit@$VERSION, rolekit_bg.wasm $(wasm_size "$PKG/rolekit_bg.wasm")"
