#!/usr/bin/env bash
# Installs everything rolekit needs on a fresh Debian machine that has the Rust
# toolchain, Node 20/npm and the package registries. Every step skips what is
# already installed at the right version, so a second run takes seconds.
#
#   bash scripts/setup.sh            # every step in scripts/setup.d/
#   bash scripts/setup.sh rust web   # only the steps whose name contains a word
set -euo pipefail
cd "$(dirname "$0")/.."

for step in scripts/setup.d/*.sh; do
  [ -e "$step" ] || continue
  if [ "$#" -gt 0 ]; then
    wanted=no
    for word in "$@"; do case "$step" in *"$word"*) wanted=yes ;; esac; done
    [ "$wanted" = yes ] || continue
  fi
  echo "==> setup: ${step#scripts/setup.d/}"
  bash "$step"
done
