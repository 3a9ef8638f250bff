#!/usr/bin/env bash
# Token counts held to OpenAI's own tokenizer, `tiktoken` (Python, pinned in
# scripts/lib/python.sh), given the vocabularies compiled into rolekit (after
# checking their SHA-256 against the hashes tiktoken pins):
#   - the counts the Rust tests pin (crates/rolekit-tokens/src/references.json:
#     ASCII, code, emoji, mojibake, CJK, mixed scripts, the seed) are tiktoken's;
#   - `rolekit stats --format json` equals tiktoken on every Markdown file of
#     the corpus (ROLEKIT_CORPUS, else ../shared/corpus, else the sample),
#     whole files and the sum of their parts, in both encodings.
# Ends with "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"
. scripts/lib/suite.sh
. scripts/lib/python.sh

if ! ensure_python_tools; then
  fail_setup tokens "python tools"
fi
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
if ! cargo build --quiet --locked -p rolekit-cli; then
  fail_setup tokens "cargo build"
fi
bin="$CARGO_TARGET_DIR/debug/rolekit"
# bpe-openai's data folder, where cargo unpacked the crate.
data="$(cargo metadata --format-version 1 --locked 2>/dev/null | "$PY_TOOLS/bin/python" -c '
import json, os, sys
pkgs = json.load(sys.stdin)["packages"]
print(next(os.path.join(os.path.dirname(p["manifest_path"]), "data") for p in pkgs if p["name"] == "bpe-openai"))')"
[ -d "$data" ] || fail_setup tokens "bpe-openai data folder"

corpus="${ROLEKIT_CORPUS:-$repo/../shared/corpus}"
[ -d "$corpus" ] || corpus="$repo/tests/corpus-sample"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Every Markdown file of the corpus, as role files or not (include = all).
cp -r "$corpus" "$work/corpus"
printf 'include = ["**/*.md"]\n' >"$work/corpus/rolekit.toml"

step "pinned references are tiktoken's" \
  "$PY_TOOLS/bin/python" tests/tokens/tiktoken_reference.py --data "$data" references crates/rolekit-tokens/src/references.json

for encoding in o200k_base cl100k_base; do
  corpus_matches() {
    (cd "$work/corpus" && "$bin" stats --format json --encoding "$1" . >"$work/stats-$1.json") || return 1
    (cd "$work/corpus" && "$PY_TOOLS/bin/python" "$repo/tests/tokens/tiktoken_reference.py" --data "$data" compare "$work/stats-$1.json")
  }
  step "rolekit stats = tiktoken on every corpus file ($encoding)" corpus_matches "$encoding"
done

summary tokens
