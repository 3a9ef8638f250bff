# npm_ci DIR [NPM ARGS...]: `npm ci` in DIR unless its node_modules already
# matches its package-lock.json (node_modules/.package-lock.json is newer).
# Source it after defining `log`.
npm_ci() {
  local dir="$1"
  shift
  if [ -f "$dir/node_modules/.package-lock.json" ] && [ "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]; then
    return 0
  fi
  log "npm ci in $dir"
  (cd "$dir" && npm ci --no-audit --no-fund "$@")
}
