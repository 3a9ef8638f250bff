#!/usr/bin/env bash
# Builds the VS Code extension: the language server compiled to
# WebAssembly (crates/rolekit-lsp-wasm → vscode-extension/server/), the
# TypeScript bundle (esbuild → vscode-extension/dist/) and, with --package,
# the .vsix (`vsce package`, offline, README links rewritten against
# vscode-extension/ in the repository: vscode-extension/scripts/package.mjs)
# in vscode-extension/.
# Idempotent; installs what it needs (see scripts/lib/wasm.sh, npm ci).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
EXT="$ROOT/vscode-extension"

log() { printf '[build-vscode] %s\n' "$*" >&2; }
. "$ROOT/scripts/lib/wasm.sh"

package=0
for arg in "$@"; do
  case "$arg" in
    --package) package=1 ;;
    *) log "unknown argument $arg (expected --package)"; exit 2 ;;
  esac
done

ensure_wasm_tools
WASM="$(cargo_wasm_build rolekit-lsp-wasm rolekit_lsp_wasm)"

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
wasm_bindgen_opt "$WASM" "$STAGE" rolekit_lsp nodejs
rm -rf "$EXT/server"
mkdir -p "$EXT/server"
cp "$STAGE"/rolekit_lsp.js "$STAGE"/rolekit_lsp.d.ts "$STAGE"/rolekit_lsp_bg.wasm "$EXT/server/"
log "server ready: vscode-extension/server/rolekit_lsp_bg.wasm $(wasm_size "$EXT/server/rolekit_lsp_bg.wasm")"

npm_ci "$EXT"
log "typecheck + esbuild"
(cd "$EXT" && npm run --silent build)

if [ "$package" = 1 ]; then
  VERSION="$(node -p "require('$EXT/package.json').version")"
  VSIX="$EXT/rolekit-$VERSION.vsix"
  # The repository's LICENSE ships in the .vsix (vsce wants one beside package.json).
  cp "$ROOT/LICENSE" "$EXT/LICENSE"
  log "vsce package → $(basename "$VSIX")"
  (cd "$EXT" && node scripts/package.mjs --out "$VSIX" >&2)
  log "extension ready: $VSIX ($(wc -c < "$VSIX") bytes)"
fi
