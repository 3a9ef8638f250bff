#!/usr/bin/env bash
# rolekit against agnix (PyPI, pinned in scripts/lib/agnix.sh) on the dialect
# corpus (ROLEKIT_CORPUS, else ../shared/corpus, else the vendored sample),
# laid out as in its repositories (tests/dialects/corpus.tsv): every agnix
# error is reported by rolekit or listed as a deliberate difference in
# docs/agnix.md (tests/agnix/compare.py).
# Ends with "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"
. scripts/lib/suite.sh
. scripts/lib/agnix.sh

ensure_agnix || fail_setup agnix "agnix (scripts/setup.d/60-agnix.sh)"
if [[ -z "${ROLEKIT_BIN:-}" ]]; then
  cargo build --quiet --locked -p rolekit-cli --bin rolekit || fail_setup agnix build
  ROLEKIT_BIN="${CARGO_TARGET_DIR:-$repo/target}/debug/rolekit"
fi
corpus="${ROLEKIT_CORPUS:-}"
[[ -n "$corpus" ]] || { [[ -d ../shared/corpus ]] && corpus="$(cd ../shared/corpus && pwd)"; }
[[ -n "$corpus" ]] || corpus="$repo/tests/corpus-sample"
[[ "$corpus" = /* ]] || corpus="$repo/$corpus"

step "every agnix error is reported by rolekit or listed in docs/agnix.md" \
  python3 tests/agnix/compare.py --agnix "$AGNIX" --rolekit "$ROLEKIT_BIN" --corpus "$corpus/dialects"

summary agnix
