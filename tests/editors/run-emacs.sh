#!/usr/bin/env bash
# Emacs/eglot end-to-end test of `rolekit lsp`: batch Emacs with the user
# config editors/emacs/rolekit-eglot.el, driven by tests/editors/emacs-test.el.
#   ROLEKIT_BIN=target/debug/rolekit tests/editors/run-emacs.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
emacs="$(readlink -f "$(command -v "${EMACS:-emacs}")")" || { echo "FAIL emacs: ${EMACS:-emacs} not found (scripts/setup.d/30-editors.sh installs it)"; exit 1; }

t0=$(now_ms)
status=0
(cd "$work/ws" && timeout -k 5 "$ROLEKIT_E2E_HARD_TIMEOUT" \
  "$emacs" -Q --batch -l "$repo/editors/emacs/rolekit-eglot.el" \
  -l "$repo/tests/editors/emacs-test.el" </dev/null 2>"$work/emacs.stderr") || status=$?
t1=$(now_ms)
if ((status == 124 || status == 137)); then
  echo "FAIL emacs: killed after ${ROLEKIT_E2E_HARD_TIMEOUT} s"
fi
servers_gone emacs || status=1
if ((status != 0)) && [[ -s "$work/emacs.stderr" ]]; then
  echo "     emacs messages (last 30 lines):"
  tail -n 30 "$work/emacs.stderr" | sed 's/^/       /'
fi
((status == 0)) || show_server_stderr
echo "emacs: exit $status in $((t1 - t0)) ms"
exit "$status"
