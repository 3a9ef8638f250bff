#!/usr/bin/env bash
# The VS Code extension: the extension's npm packages (esbuild,
# TypeScript, vscode-languageclient, @vscode/vsce, playwright-core), and for
# its end-to-end test, VS Code in the browser: the npm package code-server
# 4.99.x (4.100+ needs Node 24) in scripts/tools/code-server. Its native
# modules build with node-gyp against Node's own headers (/usr/include/node)
# and Debian's -dev packages; its @vscode/ripgrep would download ripgrep from
# GitHub, so that package's download cache is seeded with Debian's `rg`.
# The wasm toolchain comes from 40-web.sh. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
log() { printf '[setup vscode] %s\n' "$*"; }
. scripts/lib/npm.sh

npm_ci vscode-extension

CS="$ROOT/scripts/tools/code-server"
if [ -x "$CS/node_modules/.bin/code-server" ] && [ "$CS/node_modules/.package-lock.json" -nt "$CS/package-lock.json" ]; then
  log "ready: code-server $("$CS/node_modules/.bin/code-server" --version 2>/dev/null | head -1)"
  exit 0
fi

packages=(libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep python3 make g++)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}"
fi

# @vscode/ripgrep's postinstall looks in $TMPDIR/vscode-ripgrep-cache-<version>/
# for ripgrep-<tag>-<target>.tar.gz before it downloads. Seed every version
# code-server's shrinkwrap may install, with the tag that version asks for.
RG_TMP="$ROOT/target/tools/code-server-tmp"
mkdir -p "$RG_TMP"
target="$(case "$(uname -m)" in x86_64) echo x86_64-unknown-linux-musl ;; aarch64) echo aarch64-unknown-linux-musl ;; *) echo unknown ;; esac)"
rg_dir="$(mktemp -d)"
cp "$(command -v rg)" "$rg_dir/rg"
for pair in "1.15.11 v13.0.0-10"; do
  set -- $pair
  mkdir -p "$RG_TMP/vscode-ripgrep-cache-$1"
  tar czf "$RG_TMP/vscode-ripgrep-cache-$1/ripgrep-$2-$target.tar.gz" -C "$rg_dir" rg
done
rm -rf "$rg_dir"

# --unsafe-perm: code-server's postinstall refuses to run as root without it;
# npm_config_yes: node-pty's postinstall runs `npx node-gyp` non-interactively;
# npm_config_nodedir: node-gyp uses Node's installed headers instead of downloading them.
log "npm ci code-server (builds native modules, a minute or two)"
TMPDIR="$RG_TMP" npm_config_yes=true npm_config_nodedir="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")" \
  npm_ci "$CS" --unsafe-perm
log "ready: code-server $("$CS/node_modules/.bin/code-server" --version 2>/dev/null | head -1)"
