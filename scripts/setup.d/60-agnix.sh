#!/usr/bin/env bash
# agnix (PyPI, pinned in scripts/lib/agnix.sh) in a virtual environment under
# target/tools/agnix, for the comparison on the dialect corpus
# (scripts/test.d/70-agnix.sh). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/../.."
log() { printf '[setup agnix] %s\n' "$*"; }
. scripts/lib/agnix.sh
ensure_agnix
log "ready: $("$AGNIX" --version)"
