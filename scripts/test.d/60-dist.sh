#!/usr/bin/env bash
# rolekit without Rust, as users install it:
#   - the Python wheel (scripts/build-wheel.sh --dev) installed into a fresh
#     virtual environment, `rolekit check` run from it on the examples;
#   - the GitHub Action's script part (action/check.sh) in both formats, with
#     a fake $GITHUB_OUTPUT;
#   - the pre-commit hook of pre-commit-mirror/ (language: python) run by real
#     pre-commit over a repository of role files, rolekit installed from the wheel;
#   - `rolekit mcp` from the wheel, driven by a real MCP client (the Python
#     `mcp` SDK, tests/mcp/client.py) that lists the tools and calls each;
#   - `cargo package` of the workspace (what `cargo install rolekit-cli` needs
#     from the crates' metadata).
# Ends with "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"
. scripts/lib/suite.sh
. scripts/lib/python.sh

if ! ensure_python_tools; then
  fail_setup dist "python tools"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

build_wheel() {
  local built
  built="$(bash scripts/build-wheel.sh --dev)" && [ -f "$built" ] && echo "built $built"
}
step "wheel builds" build_wheel
wheel="$(ls -t "$repo"/target/wheels/rolekit-*.whl 2>/dev/null | head -n1)"

wheel_installs() {
  python3 -m venv "$work/venv" &&
    "$work/venv/bin/pip" install --quiet --disable-pip-version-check "$wheel" &&
    "$work/venv/bin/rolekit" --version &&
    (cd "$repo" && "$work/venv/bin/rolekit" check examples/) | tail -n 3
  # The examples have warnings only: exit 0.
  [ "${PIPESTATUS[0]}" = 0 ]
}
step "wheel installs into a fresh venv and checks the examples" wheel_installs

action_script() {
  local out="$work/github-output" log
  : >"$out"
  cp -r "$repo/examples" "$work/action-examples"
  printf -- '---\nrole: broken\nversion: 1.0\n---\n# Broken\n' >"$work/action-examples/roles/broken.md"
  (
    cd "$work" || exit 1
    PATH="$work/venv/bin:$PATH" GITHUB_OUTPUT="$out" INPUT_PATHS="action-examples" INPUT_FORMAT=sarif \
      INPUT_SARIF_FILE=rolekit.sarif bash "$repo/action/check.sh"
  ) || return 1
  grep -qx "exit-code=1" "$out" || { cat "$out"; return 1; }
  grep -q "^errors=[1-9]" "$out" || { cat "$out"; return 1; }
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['version']=='2.1.0' and d['runs'][0]['results']" "$work/rolekit.sarif" || return 1
  : >"$out"
  log="$(cd "$work" && PATH="$work/venv/bin:$PATH" GITHUB_OUTPUT="$out" INPUT_PATHS="action-examples/roles/broken.md" INPUT_FORMAT=github bash "$repo/action/check.sh")" || return 1
  grep -q "^::error file=action-examples/roles/broken.md,line=3" <<<"$log" || { echo "$log"; return 1; }
  grep -qx "exit-code=1" "$out" && echo "sarif and github formats: ok"
}
step "GitHub Action script (sarif, github)" action_script

pre_commit_hook() {
  local hooks="$work/hooks" project="$work/project"
  mkdir -p "$hooks" "$project"
  cp -r "$repo/pre-commit-mirror/." "$hooks/"
  git -C "$hooks" init -q && git -C "$hooks" add -A &&
    git -C "$hooks" -c user.name=t -c user.email=t@t commit -qm hooks || return 1
  local rev
  rev="$(git -C "$hooks" rev-parse HEAD)"
  cp "$repo/examples/roles/site-reliability-engineer.md" "$repo/examples/roles/platform-engineer.md" "$project/"
  printf '# Notes\n\nNot a role file.\n' >"$project/README.md"
  printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: rolekit\n' "$hooks" "$rev" >"$project/.pre-commit-config.yaml"
  git -C "$project" init -q && git -C "$project" add -A || return 1
  # rolekit comes from the wheel (no Rust involved); other packages from the index.
  export PIP_FIND_LINKS="$(dirname "$wheel")" PRE_COMMIT_HOME="$work/pre-commit-home"
  (cd "$project" && "$PY_TOOLS/bin/pre-commit" run --all-files) || return 1
  # A Cursor rule (`.mdc`, not Markdown to pre-commit) reaches rolekit too.
  mkdir -p "$project/.cursor/rules"
  printf -- '---\ndescription: Style\nalwaysApply: sometimes\n---\nUse tabs.\n' >"$project/.cursor/rules/style.mdc"
  git -C "$project" add .cursor
  if (cd "$project" && "$PY_TOOLS/bin/pre-commit" run --all-files); then
    echo "the hook passed a broken Cursor rule" >&2
    return 1
  fi
  git -C "$project" rm -rfq .cursor
  printf -- '---\nrole: broken\nversion: 1.0\n---\n# Broken\n' >"$project/broken.md"
  git -C "$project" add broken.md
  if (cd "$project" && "$PY_TOOLS/bin/pre-commit" run --all-files); then
    echo "the hook passed a broken role file" >&2
    return 1
  fi
  echo "pre-commit: clean files pass, a broken role file and a broken Cursor rule fail"
}
step "pre-commit hook from the Python package" pre_commit_hook

mcp_server() {
  local project="$work/mcp-project"
  mkdir -p "$project"
  cp -r "$repo/examples/roles" "$project/"
  printf -- '---\nrole: broken\nversion: 1.0\n---\n# Broken\n' >"$project/roles/broken.md"
  # The server from the installed wheel, driven by the Python MCP SDK.
  "$PY_TOOLS/bin/python" "$repo/tests/mcp/client.py" "$work/venv/bin/rolekit" "$project"
}
step "MCP server (rolekit mcp) with the Python MCP SDK" mcp_server

cargo_package() {
  cargo package --workspace --locked --no-verify --quiet --allow-dirty \
    --exclude rolekit-test-corpus 2>&1 | tail -n 5
  [ "${PIPESTATUS[0]}" = 0 ] && ls target/package/*.crate
}
step "cargo package (crates installable from their metadata)" cargo_package

summary dist
