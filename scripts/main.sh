#!/usr/bin/env bash
# The main job: set up, build rolekit, check the bundled example role files,
# build the playground and say how to open it.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh rust web

echo "==> building rolekit (release)"
cargo build --release --locked -p rolekit-cli --quiet
rolekit=target/release/rolekit

echo "==> rolekit check examples/"
status=0
"$rolekit" check examples/ || status=$?

echo "==> building the playground"
log=target/playground-build.log
mkdir -p target
if ! { bash scripts/build-wasm.sh && (cd web && npm run build); } >"$log" 2>&1; then
  cat "$log" >&2
  echo "building the playground failed (log above, also in $log)" >&2
  exit 2
fi
cat <<'MSG'

The playground is a static site in web/dist. Open it with any static file server:

    python3 -m http.server --directory web/dist 8080    # then open http://127.0.0.1:8080/
    # or, for development with live reload:  (cd web && npm run dev)
MSG
exit "$status"
