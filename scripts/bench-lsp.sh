#!/usr/bin/env bash
# Latency benchmark of the language server over real stdio JSON-RPC:
# didChange -> publishDiagnostics (seed and ~1 MB), completion and hover (seed),
# initialize -> first diagnostics, RSS. Prints p50/p99 next to the targets.
#
#   scripts/bench-lsp.sh            # builds release `rolekit` and benchmarks `rolekit lsp`
#   ROLEKIT_LSP_SERVER="path/to/server args" scripts/bench-lsp.sh
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
seed="crates/rolekit-lsp/tests/fixtures/workspace/platform-engineer.md"

cargo build --quiet --release -p rolekit-lsp --example bench-lsp
if [[ -n "${ROLEKIT_LSP_SERVER:-}" ]]; then
  read -r -a server <<<"$ROLEKIT_LSP_SERVER"
else
  cargo build --quiet --release -p rolekit-cli --bin rolekit
  server=("$target/release/rolekit" lsp)
fi
"$target/release/examples/bench-lsp" "$seed" -- "${server[@]}"
