#!/usr/bin/env bash
# Installs rolekit for the action: a version from PyPI, a wheel (path or URL),
# or the latest release. No Rust toolchain needed: the wheel ships the binary.
set -euo pipefail
spec="${INPUT_VERSION:-}"
case "$spec" in
  "") spec="rolekit" ;;
  *.whl | http://* | https://*) ;;
  *) spec="rolekit==$spec" ;;
esac
python -m pip install --disable-pip-version-check --quiet "$spec"
rolekit --version
