#!/usr/bin/env bash
# Benchmarks of the language server over real stdio JSON-RPC. Prints figures
# next to their targets; never fails on them.
#
#   scripts/bench-lsp.sh [SECTION...]   # latency workspace slow big xfile (default: all), native
#   scripts/bench-lsp.sh wasm           # the WASM server, started as the VS Code
#                                       # extension starts it, on the generated workspace
#                                       # (needs scripts/build-vscode.sh first)
#   ROLEKIT_LSP_SERVER="path/to/server args" scripts/bench-lsp.sh ...
#
# Sections (crates/rolekit-lsp/examples/bench-lsp/main.rs): `latency`
# (didChange → publishDiagnostics, completion, hover on the seed and on 1 MB
# files), `workspace` (10,000 role files + 5,000 notes: initialize → first
# diagnostics, → a hover during indexing, → the index complete, RSS), `slow`
# (a hover on one document while a pathological one is re-checked;
# documentSymbol on 5,000-deep nesting), `big` (peak RSS of a 20 MB didOpen),
# `xfile` (inlayHint, codeLens, documentHighlight on the seed and a child of
# it; workspace/symbol and rename on 10,000 roles in one folder).
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
seed="crates/rolekit-lsp/tests/fixtures/workspace/platform-engineer.md"

cargo build --quiet --release -p rolekit-lsp --example bench-lsp
if [[ "${1:-}" == "wasm" ]]; then
  [ -f vscode-extension/dist/wasm-server.js ] || { echo "no build: run scripts/build-vscode.sh first" >&2; exit 1; }
  mapfile -t generated < <("$target/release/examples/bench-lsp" "$seed" generate -- none)
  node vscode-extension/tests/bench-index.mjs "${generated[0]}" "${generated[1]}" "${2:-5}"
  exit
fi
if [[ -n "${ROLEKIT_LSP_SERVER:-}" ]]; then
  read -r -a server <<<"$ROLEKIT_LSP_SERVER"
else
  cargo build --quiet --release -p rolekit-cli --bin rolekit
  server=("$target/release/rolekit" lsp)
fi
"$target/release/examples/bench-lsp" "$seed" "$@" -- "${server[@]}"
