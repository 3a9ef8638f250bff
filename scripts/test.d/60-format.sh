#!/usr/bin/env bash
# `rolekit fmt` over the whole corpus, against itself and against Prettier:
#   1. every Markdown file of the corpus (ROLEKIT_CORPUS, ../shared/corpus or
#      the vendored sample) and the seed, copied and formatted as role files
#      (a rolekit.toml includes them all: the YAML style is the same for every
#      kind), in place;
#   2. `rolekit fmt --check` on the result lists nothing (idempotent);
#   3. `prettier --write` leaves the frontmatter of every formatted file as it
#      is (tests/format/prettier-frontmatter.mjs; files refused for YAML
#      errors are left out: rolekit leaves them as they were);
#   4. the same with `key-order = "schema"` (the other options are listed as
#      differences from Prettier in README.md, `rolekit fmt`).
# Ends with "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"
. scripts/lib/suite.sh

bash scripts/setup.d/60-prettier.sh || fail_setup format "setup (scripts/setup.d/60-prettier.sh)"
if [[ -z "${ROLEKIT_BIN:-}" ]]; then
  cargo build --quiet --locked -p rolekit-cli --bin rolekit || fail_setup format build
  ROLEKIT_BIN="${CARGO_TARGET_DIR:-$repo/target}/debug/rolekit"
fi
corpus="${ROLEKIT_CORPUS:-}"
[[ -n "$corpus" ]] || { [[ -d ../shared/corpus ]] && corpus="$(cd ../shared/corpus && pwd)"; }
[[ -n "$corpus" ]] || corpus="$repo/tests/corpus-sample"
[[ "$corpus" = /* ]] || corpus="$repo/$corpus"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# prepare DIR TOML: a copy of the corpus and the seed in DIR, with rolekit.toml = TOML.
prepare() {
  rm -rf "$1" && mkdir -p "$1"
  cp -R "$corpus"/. "$1"/
  cp crates/rolekit-core/tests/fixtures/platform-engineer.md "$1"/seed-platform-engineer.md
  cp crates/rolekit-core/tests/fixtures/format/comments-anchors.md "$1"/comments-anchors.md
  chmod -R u+w "$1"
  printf '%s\n' "$2" >"$1/rolekit.toml"
  (cd "$1" && find . -type f \( -name '*.md' -o -name '*.mdc' \) ! -name 'README.md' ! -path './LICENSES/*' | sort >files.txt)
}

# format DIR: rolekit fmt every file; the refused ones go to DIR/refused.txt.
format() {
  (cd "$1" && xargs -d '\n' "$ROLEKIT_BIN" fmt <files.txt >/dev/null 2>stderr.txt)
  local code=$?
  sed -n 's/^error: \(.*\): not formatted: .*/\1/p' "$1/stderr.txt" | sed 's|^|./|' | sort >"$1/refused.txt"
  echo "$(wc -l <"$1/files.txt") files, $(wc -l <"$1/refused.txt") refused:"
  sed -n 's/^error: /  /p' "$1/stderr.txt"
  # 2 only for refused files (YAML errors), which are listed above.
  if [[ $code -ne 0 ]] && grep -v -e ': not formatted: the frontmatter has a YAML error' "$1/stderr.txt" | grep -q '^error:'; then
    return 1
  fi
}

# idempotent DIR: a second run would change nothing.
idempotent() {
  local listed
  listed="$(cd "$1" && xargs -d '\n' "$ROLEKIT_BIN" fmt --check <files.txt 2>/dev/null)"
  if [[ -n "$listed" ]]; then
    echo "not idempotent:"
    echo "$listed"
    return 1
  fi
  echo "second run: nothing to change"
}

# prettier DIR: prettier leaves every formatted frontmatter alone.
prettier_agrees() {
  (cd "$1" && comm -23 files.txt refused.txt | xargs -d '\n' node "$repo/tests/format/prettier-frontmatter.mjs")
}

defaults='include = ["**/*.md", "**/*.mdc"]'
schema="$defaults
[format]
key-order = \"schema\""
prepare "$work/default" "$defaults"
step "fmt the corpus" format "$work/default"
step "fmt is idempotent" idempotent "$work/default"
step "prettier leaves the frontmatter alone" prettier_agrees "$work/default"
prepare "$work/schema" "$schema"
step "fmt the corpus (key-order = schema)" format "$work/schema"
step "fmt is idempotent (key-order = schema)" idempotent "$work/schema"
step "prettier leaves the frontmatter alone (key-order = schema)" prettier_agrees "$work/schema"

summary format
