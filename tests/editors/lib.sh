# Shared by tests/editors/run-*.sh (sourced). Needs ROLEKIT_BIN (the real
# `rolekit` binary). Sets up, per run:
#   $work            a fresh temporary folder, removed on exit
#   $work/ws         a copy of tests/fixtures/editors (the workspace root)
#   $work/bin        first on PATH: a `rolekit` wrapper that records each
#                    server's PID in $work/server.pids and its stderr in
#                    $work/server.stderr, then execs ROLEKIT_BIN
#   HOME and XDG_*   inside $work, so no editor state leaks in or out
# and provides `servers_gone` to check (and clean up) the servers afterwards.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
: "${ROLEKIT_BIN:?set ROLEKIT_BIN to the rolekit binary}"
ROLEKIT_BIN="$(readlink -f "$ROLEKIT_BIN")"
[[ -x "$ROLEKIT_BIN" ]] || { echo "ROLEKIT_BIN=$ROLEKIT_BIN is not executable" >&2; exit 2; }
: "${ROLEKIT_E2E_TIMEOUT_MS:=10000}"   # per wait inside an editor
: "${ROLEKIT_E2E_HARD_TIMEOUT:=60}"    # seconds for a whole editor run
export ROLEKIT_E2E_TIMEOUT_MS

work="$(mktemp -d "${TMPDIR:-/tmp}/rolekit-editors.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp -R "$repo/tests/fixtures/editors" "$work/ws"
mkdir -p "$work/bin" "$work/home" "$work/xdg/config" "$work/xdg/data" "$work/xdg/state" "$work/xdg/cache"
cat >"$work/bin/rolekit" <<WRAPPER
#!/bin/sh
echo \$\$ >>'$work/server.pids'
exec '$ROLEKIT_BIN' "\$@" 2>>'$work/server.stderr'
WRAPPER
chmod +x "$work/bin/rolekit"
export PATH="$work/bin:$PATH"
export HOME="$work/home"
export XDG_CONFIG_HOME="$work/xdg/config" XDG_DATA_HOME="$work/xdg/data"
export XDG_STATE_HOME="$work/xdg/state" XDG_CACHE_HOME="$work/xdg/cache"
export ROLEKIT_E2E_FILE="$work/ws/platform-engineer.md"

alive() { # a PID that is running (a zombie counts as gone)
  [[ -r "/proc/$1/status" ]] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

# Fails unless the editor started the server and every server has exited;
# kills (by PID) any server still running after a grace period.
servers_gone() {
  local label="$1" pid left=() deadline
  if [[ ! -s "$work/server.pids" ]]; then
    echo "FAIL $label: the editor never started \`rolekit lsp\`"
    return 1
  fi
  deadline=$((SECONDS + 5))
  for pid in $(cat "$work/server.pids"); do
    while alive "$pid" && ((SECONDS < deadline)); do sleep 0.05; done
    if alive "$pid"; then
      left+=("$pid")
      kill "$pid" 2>/dev/null || true
    fi
  done
  if ((${#left[@]})); then
    echo "FAIL $label: server still running after the editor quit (pid ${left[*]}, killed)"
    return 1
  fi
  echo "ok   $label: server started ($(wc -l <"$work/server.pids") process) and exited"
}

show_server_stderr() {
  if [[ -s "$work/server.stderr" ]]; then
    echo "     server stderr (last 20 lines):"
    tail -n 20 "$work/server.stderr" | sed 's/^/       /'
  fi
}

now_ms() { date +%s%3N; }
