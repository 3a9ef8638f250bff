// Figures for the WASM server as the extension runs it (not a test: it
// prints, it does not assert). Run by scripts/bench-vscode.sh after a build.
//
//   node tests/bench.mjs [sessions=20] [edits=300]

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

import { EXT, ROOT, Session } from './lsp-session.mjs';

const sessions = Number(process.argv[2] ?? 20);
const edits = Number(process.argv[3] ?? 300);
const SEED = fs.readFileSync(path.join(ROOT, 'examples', 'roles', 'platform-engineer.md'), 'utf8');
const URI = 'untitled:platform-engineer.md';

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const fmt = (values) => `p50 ${percentile(values, 50).toFixed(2)} ms, p99 ${percentile(values, 99).toFixed(2)} ms`;

const wasmFile = path.join(EXT, 'server', 'rolekit_lsp_bg.wasm');
const wasm = fs.readFileSync(wasmFile);
console.log(`server .wasm: ${(wasm.length / 1024).toFixed(0)} KiB raw, ${(zlib.gzipSync(wasm, { level: 9 }).length / 1024).toFixed(0)} KiB gzipped`);
const vsix = fs.readdirSync(EXT).find((f) => f.endsWith('.vsix'));
if (vsix) console.log(`${vsix}: ${(fs.statSync(path.join(EXT, vsix)).size / 1024).toFixed(0)} KiB`);

// Cold starts: load + instantiate the module, initialize, open the seed, first diagnostics.
const load = [];
const firstDiagnostics = [];
for (let i = 0; i < sessions; i++) {
  const started = performance.now();
  const session = await Session.start('wasm');
  await session.open(URI, SEED);
  firstDiagnostics.push(performance.now() - started);
  load.push(session.wasm.loadMs);
  await session.shutdown();
}
console.log(`module load: ${fmt(load)} (${sessions} sessions)`);
console.log(`start → seed diagnostics: ${fmt(firstDiagnostics)}`);

// Warm: one session, edits to the seed and requests.
const session = await Session.start('wasm');
await session.open(URI, SEED);
const change = [];
const completion = [];
const hover = [];
const toneLine = SEED.split('\n').findIndex((l) => l.startsWith('tone:'));
for (let v = 2; v < edits + 2; v++) {
  const text = SEED.replace(/^description: .*$/m, `description: Senior Platform Engineer ${v}`);
  let t = performance.now();
  await session.change(URI, text, v);
  change.push(performance.now() - t);
  t = performance.now();
  await session.request('textDocument/completion', { textDocument: { uri: URI }, position: { line: toneLine, character: 6 } });
  completion.push(performance.now() - t);
  t = performance.now();
  await session.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: toneLine, character: 1 } });
  hover.push(performance.now() - t);
}
console.log(`didChange → diagnostics (seed): ${fmt(change)} (${edits} edits)`);
console.log(`completion: ${fmt(completion)}`);
console.log(`hover: ${fmt(hover)}`);
console.log(`module memory: ${(session.wasm.memoryBytes() / (1024 * 1024)).toFixed(1)} MB after ${edits} edits; Node RSS ${(process.memoryUsage().rss / (1024 * 1024)).toFixed(0)} MB`);
await session.shutdown();
