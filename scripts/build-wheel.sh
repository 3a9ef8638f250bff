#!/usr/bin/env bash
# Builds the Python wheel of rolekit for this platform into target/wheels/:
# maturin packs the native `rolekit` binary (crates/rolekit-cli) as a script,
# so `pip install rolekit-*.whl` needs no Rust toolchain.
#
# Usage: scripts/build-wheel.sh [--dev]    (--dev: debug build, for the tests)
#
# Other platforms are built the same way on their own runners (maturin reads
# the target triple; `--target aarch64-unknown-linux-gnu --zig` cross-builds
# Linux arm64, and macOS/Windows runners build theirs), e.g. in a GitHub
# workflow with PyO3/maturin-action over a matrix of
# {ubuntu, macos, windows} x {x86_64, aarch64}, then `maturin upload`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/python.sh
ensure_python_tools
profile=(--release)
if [ "${1:-}" = "--dev" ]; then
  profile=(--profile dev)
fi
"$PY_TOOLS/bin/maturin" build "${profile[@]}" --locked --out target/wheels >&2
ls -t target/wheels/rolekit-*.whl | head -n1
