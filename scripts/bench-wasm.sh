#!/usr/bin/env bash
# Size and speed of the npm package in Node: raw and gzipped .wasm size,
# load time (compile + instantiate), and the time to analyse the seed; then
# the playground figures (web/tests/bench/bench.mjs) when web/dist is built.
# Needs pkg/ (scripts/build-wasm.sh). Prints figures; does not fail on them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$ROOT/pkg/rolekit_bg.wasm" ] || { echo "pkg/ is missing: run scripts/build-wasm.sh first" >&2; exit 1; }
cd "$ROOT"
node --input-type=module - "$ROOT" <<'JS'
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = process.argv[2];
const wasmPath = join(root, 'pkg/rolekit_bg.wasm');
const bytes = readFileSync(wasmPath);
const gz = gzipSync(bytes, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const target = (ok) => (ok ? 'ok' : 'MISSED');

// Load: a fresh Node process imports pkg/node.js (read + compile + instantiate + bindings); median of 7.
const { spawnSync } = await import('node:child_process');
const probe = `const t0 = performance.now(); await import(${JSON.stringify(join(root, 'pkg/node.js'))}); console.log(performance.now() - t0);`;
const loads = [];
for (let i = 0; i < 7; i++) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
  loads.push(Number(r.stdout.trim()));
}
loads.sort((a, b) => a - b);
const load = loads[loads.length >> 1];
const firstLoad = loads[loads.length - 1];
const mod = await import(join(root, 'pkg/node.js'));

const seedPath = join(root, 'web/samples/platform-engineer.md');
const seed = readFileSync(seedPath, 'utf8');
const ws = new mod.Workspace();
ws.open('platform-engineer.md', seed);
// Warm up, then time update + diagnostics (a keystroke's work) over many runs.
for (let i = 0; i < 200; i++) { ws.update('platform-engineer.md', seed); ws.diagnostics('platform-engineer.md'); }
const runs = 2000;
const samples = [];
for (let i = 0; i < runs; i++) {
  const s = performance.now();
  ws.update('platform-engineer.md', seed);
  ws.diagnostics('platform-engineer.md');
  samples.push(performance.now() - s);
}
samples.sort((a, b) => a - b);
const median = samples[runs >> 1];
const p95 = samples[Math.floor(runs * 0.95)];
const count = ws.diagnostics('platform-engineer.md').length;

console.log(`rolekit_bg.wasm        ${kb(bytes.length)} raw, ${kb(gz)} gzipped (target <= 400 KiB gzipped: ${target(gz <= 400 * 1024)})`);
console.log(`load (compile+init)    ${load.toFixed(2)} ms median, ${firstLoad.toFixed(2)} ms worst of 7 (target <= 50 ms: ${target(load <= 50)})`);
console.log(`seed analysis          ${(median * 1000).toFixed(0)} µs median, ${(p95 * 1000).toFixed(0)} µs p95 over ${runs} runs, ${seed.length} chars, ${count} diagnostics (target <= 0.5 ms: ${target(median <= 0.5)})`);
JS

# The playground in headless Chromium (web/dist from `npm run build`): first
# problems after load, a 1 MB role pasted (problems, longest main-thread task,
# keystroke latency) and the app bundle's size.
if [ -f "$ROOT/web/dist/index.html" ]; then
  node "$ROOT/web/tests/bench/bench.mjs"
else
  echo "web/dist is missing: run \`npm run build\` in web/ for the playground figures"
fi
