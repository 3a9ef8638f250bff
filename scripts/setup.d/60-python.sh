#!/usr/bin/env bash
# The Python package's tools: maturin (builds the wheel that ships the
# native binary) in a virtual environment under target/tools/python, and the
# Python MCP SDK used by the MCP server's test, and tiktoken, the reference
# for token counts (scripts/test.d/65-tokens.sh). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/../.."
log() { printf '[setup python] %s\n' "$*"; }
. scripts/lib/python.sh
ensure_python_tools
log "ready: $("$PY_TOOLS/bin/maturin" --version)"
