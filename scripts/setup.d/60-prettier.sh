#!/usr/bin/env bash
# Prettier (npm, pinned in scripts/tools/package.json) for the test that
# `rolekit fmt` output is left alone by `prettier --write` (scripts/test.d/60-format.sh).
# Idempotent: npm ci only when scripts/tools/node_modules is out of date.
set -euo pipefail
cd "$(dirname "$0")/../.."
log() { printf '[setup prettier] %s\n' "$*"; }
. scripts/lib/npm.sh
npm_ci scripts/tools
log "ready: prettier $(node scripts/tools/node_modules/prettier/bin/prettier.cjs --version)"
