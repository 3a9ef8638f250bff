#!/usr/bin/env bash
# Figures for the VS Code extension's WASM server, started exactly as the
# extension starts it (vscode-extension/dist/wasm-server.js) and driven over
# LSP from Node: .wasm and .vsix size, module load, start → first diagnostics,
# didChange/completion/hover latencies, memory. Needs a build
# (scripts/build-vscode.sh). Prints figures; does not fail on them.
# Activation in real VS Code is reported by the code-server test (test.d/50-vscode.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$ROOT/vscode-extension/dist/wasm-server.js" ] || { echo "no build: run scripts/build-vscode.sh first" >&2; exit 1; }
cd "$ROOT/vscode-extension"
node tests/bench.mjs "${1:-20}" "${2:-300}"
