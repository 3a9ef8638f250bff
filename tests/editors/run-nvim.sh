#!/usr/bin/env bash
# Neovim end-to-end test of `rolekit lsp`: headless Neovim with the user config
# editors/nvim/rolekit.lua, driven by tests/editors/nvim-test.lua.
#   ROLEKIT_BIN=target/debug/rolekit NVIM=path/to/nvim tests/editors/run-nvim.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
nvim="$(readlink -f "$(command -v "${NVIM:-nvim}")")" || { echo "FAIL nvim: ${NVIM:-nvim} not found (scripts/setup.d/30-editors.sh installs it)"; exit 1; }

t0=$(now_ms)
status=0
(cd "$work/ws" && timeout -k 5 "$ROLEKIT_E2E_HARD_TIMEOUT" \
  "$nvim" --headless --clean -u "$repo/editors/nvim/rolekit.lua" \
  -c "luafile $repo/tests/editors/nvim-test.lua" </dev/null) || status=$?
t1=$(now_ms)
if ((status == 124 || status == 137)); then
  echo "FAIL nvim: killed after ${ROLEKIT_E2E_HARD_TIMEOUT} s"
fi
servers_gone nvim || status=1
if ((status != 0)) && [[ -s "$XDG_STATE_HOME/nvim/lsp.log" ]]; then
  echo "     nvim lsp.log (last 30 lines):"
  tail -n 30 "$XDG_STATE_HOME/nvim/lsp.log" | cut -c1-400 | sed 's/^/       /'
fi
((status == 0)) || show_server_stderr
echo "nvim: exit $status in $((t1 - t0)) ms"
exit "$status"
