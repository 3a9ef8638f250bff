# Shared by scripts/build-wasm.sh (pkg/) and scripts/build-vscode.sh (the
# extension's server): the wasm32 toolchain, the size-optimised release build
# and wasm-opt. Source it after setting ROOT and defining `log`.

. "$ROOT/scripts/lib/npm.sh"

TOOLS="$ROOT/scripts/tools"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

# The exact wasm-bindgen version the workspace pins (`wasm-bindgen = "=X.Y.Z"`
# in crates/rolekit-wasm and crates/rolekit-lsp-wasm, `{ version = "=X.Y.Z", ... }`
# in crates/rolekit-wire; they must agree).
wasm_bindgen_version() {
  local versions
  versions="$(sed -n -e 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' -e 's/^wasm-bindgen = {.*version = "=\([0-9.]*\)".*/\1/p' \
    "$ROOT"/crates/rolekit-wasm/Cargo.toml "$ROOT"/crates/rolekit-lsp-wasm/Cargo.toml "$ROOT"/crates/rolekit-wire/Cargo.toml | sort -u)"
  if [ "$(printf '%s\n' "$versions" | wc -l)" -ne 1 ] || [ -z "$versions" ]; then
    log "the wasm crates must pin one exact wasm-bindgen version; found: $(echo $versions)"
    return 1
  fi
  printf '%s\n' "$versions"
}

# Installs what the build needs: the wasm32 target, wasm-bindgen-cli at the
# pinned version (cargo install, no prebuilt download), binaryen (npm).
ensure_wasm_tools() {
  WB_VERSION="$(wasm_bindgen_version)"
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ] \
    || [ "$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
    log "installing wasm-bindgen-cli $WB_VERSION (cargo install, a few minutes)"
    cargo install wasm-bindgen-cli --version "$WB_VERSION" --locked
  fi
  npm_ci "$TOOLS" # binaryen, for wasm-opt
}

# cargo_wasm_build CRATE LIBNAME [OPT_LEVEL]: release build for wasm32
# (opt-level OPT_LEVEL, default z; fat LTO, one codegen unit, panic=abort,
# debug info stripped but function names kept for wasm-opt's ordering);
# prints the .wasm path. Each opt-level has its own profile (`wasm-release`
# for z, `wasm-release-s` for s), so builds of both share no artifacts to
# rebuild.
cargo_wasm_build() {
  local crate="$1" lib="$2" opt="${3:-z}"
  local profile="wasm-release"
  [ "$opt" = z ] || profile="wasm-release-$opt"
  log "cargo build -p $crate (profile $profile: release + opt-level $opt, fat LTO, 1 codegen unit, panic=abort)"
  cargo build -p "$crate" --lib --target wasm32-unknown-unknown --profile "$profile" \
    --config "profile.$profile.inherits=\"release\"" \
    --config "profile.$profile.opt-level=\"$opt\"" \
    --config "profile.$profile.lto=true" \
    --config "profile.$profile.codegen-units=1" \
    --config "profile.$profile.panic=\"abort\"" \
    --config "profile.$profile.strip=\"debuginfo\"" >&2
  printf '%s\n' "$CARGO_TARGET_DIR/wasm32-unknown-unknown/$profile/$lib.wasm"
}

# wasm_bindgen_opt WASM STAGE NAME TARGET: wasm-bindgen (--target TARGET,
# producers stripped, names kept for wasm_opt) into STAGE as NAME.js /
# NAME_bg.wasm, then wasm-opt on NAME_bg.wasm.
wasm_bindgen_opt() {
  local wasm="$1" stage="$2" name="$3" target="$4"
  # Without its target_features section (which `strip = "debuginfo"` keeps),
  # as before names were kept: wasm-bindgen then writes the plain numeric
  # ABI (no externref or multi-value glue, no `any` in the declarations).
  mkdir -p "$stage"
  "$TOOLS/node_modules/.bin/wasm-opt" "$wasm" -o "$stage/input.wasm" -g --strip-target-features \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd
  log "wasm-bindgen $WB_VERSION --target $target"
  wasm-bindgen "$stage/input.wasm" --out-dir "$stage" --out-name "$name" --target "$target" \
    --remove-producers-section
  rm -f "$stage/input.wasm"
  wasm_opt "$stage/${name}_bg.wasm"
}

# wasm_opt FILE: optimise FILE for its gzipped size, in place; the output has
# no names, debug info or producers. What the gzipped size gains, measured on
# the VS Code server module: functions ordered by name, so a generic's copies
# sit side by side within deflate's window (-28 KB), and no inlining of
# functions with one caller (-59 KB: inlined, they make the module smaller
# raw but larger gzipped); --converge (-1 KB).
wasm_opt() {
  log "wasm-opt -Oz $(basename "$1")"
  "$TOOLS/node_modules/.bin/wasm-opt" "$1" -o "$1.opt" -Oz --one-caller-inline-max-function-size=0 --converge \
    --reorder-functions-by-name --strip-debug --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd
  mv "$1.opt" "$1"
}

# wasm_size FILE: "N bytes (M gzipped)".
wasm_size() {
  printf '%s bytes (%s gzipped)' "$(wc -c < "$1")" "$(gzip -9c "$1" | wc -c)"
}
