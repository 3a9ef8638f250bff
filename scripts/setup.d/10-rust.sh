#!/usr/bin/env bash
# The Rust side: a toolchain new enough for the workspace, and its crates fetched.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v cargo >/dev/null || { echo "cargo not found: install Rust with rustup first" >&2; exit 2; }
need="1.85"
have=$(rustc --version | awk '{print $2}')
if [ "$(printf '%s\n%s\n' "$need" "$have" | sort -V | head -n1)" != "$need" ]; then
  echo "rustc $have is older than $need: run 'rustup update'" >&2
  exit 2
fi
cargo fetch --locked --quiet
