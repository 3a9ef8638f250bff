# Shared by scripts/setup.d/60-agnix.sh and scripts/test.d/70-agnix.sh: agnix,
# the established linter for agent files (PyPI `agnix`, a native binary in
# its wheel), pinned, in its own virtual environment.
AGNIX_VENV="${ROLEKIT_TOOLS_DIR:-$PWD/target/tools}/agnix"
AGNIX_VERSION="0.59.3"
AGNIX="$AGNIX_VENV/bin/agnix"

ensure_agnix() {
  if [ -x "$AGNIX" ] && "$AGNIX" --version 2>/dev/null | grep -qx "agnix $AGNIX_VERSION"; then
    return 0
  fi
  command -v python3 >/dev/null || { echo "python3 not found" >&2; return 2; }
  rm -rf "$AGNIX_VENV"
  python3 -m venv "$AGNIX_VENV" &&
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$AGNIX_VENV/bin/pip" install --quiet "agnix==$AGNIX_VERSION"
}
