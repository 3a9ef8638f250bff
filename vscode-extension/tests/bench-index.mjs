// Figures for the WASM server on a large workspace (not a test: it prints,
// it does not assert). Run by `scripts/bench-lsp.sh wasm`, which generates
// the workspace (10,000 role files + 5,000 notes) and passes its folder and
// the file to open:
//
//   node tests/bench-index.mjs WORKSPACE OPENED_FILE [runs=5]
//
// Each run starts a fresh module and measures, from `initialize`: the
// opened file's first diagnostics, a hover sent right after didOpen (answered
// while the index fills), the index complete (`$/progress` end), and the
// longest task of this process's event loop meanwhile (the extension host's,
// in VS Code). The host is the extension's own (dist/wasm-server.js: the
// index reads only the start of each file with `readFileHead` and walks one
// folder at a time with `listDirectory`).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createRequire } from 'node:module';

import { EXT, fileUri, withTimeout } from './lsp-session.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');
const wasmServer = require(path.join(EXT, 'dist', 'wasm-server.js'));

const [root, opened, runsArg] = process.argv.slice(2);
if (!root || !opened) {
  console.error('usage: node tests/bench-index.mjs WORKSPACE OPENED_FILE [runs]');
  process.exit(2);
}
const runs = Number(runsArg ?? 5);
// Another build of the module to compare with (the host is the same): ROLEKIT_WASM_SERVER_DIR.
const SERVER_DIR = process.env.ROLEKIT_WASM_SERVER_DIR ?? path.join(EXT, 'server');
const text = fs.readFileSync(opened, 'utf8');
const uri = fileUri(opened);

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const fmt = (values) => `p50 ${percentile(values, 50).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms`;

async function run(start) {
  const { reader, writer, memoryBytes } = start();
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(reader), new rpc.StreamMessageWriter(writer));
  const t0 = performance.now();
  let diagnosticsAt;
  let indexedAt;
  let hoverAt;
  let resolveDiagnostics;
  let resolveIndexed;
  const diagnostics = new Promise((r) => (resolveDiagnostics = r));
  const indexed = new Promise((r) => (resolveIndexed = r));
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    if (p.uri === uri && diagnosticsAt === undefined) {
      diagnosticsAt = performance.now() - t0;
      resolveDiagnostics();
    }
  });
  let begun = false;
  connection.onNotification('$/progress', (p) => {
    if (p.token === 'rolekit/indexing' && p.value.kind === 'begin') begun = true;
    if (p.token === 'rolekit/indexing' && p.value.kind === 'end') {
      indexedAt = performance.now() - t0;
      resolveIndexed();
    }
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  connection.listen();
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: fileUri(root),
    workspaceFolders: [{ uri: fileUri(root), name: 'bench' }],
    capabilities: {
      general: { positionEncodings: ['utf-16'] },
      window: { workDoneProgress: true },
      textDocument: { hover: { contentFormat: ['markdown'] } },
    },
  });
  const initializedAt = performance.now() - t0;
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const line = text.split('\n').findIndex((l) => l.startsWith('specialization:'));
  const hover = connection
    .sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 3 } })
    .then(() => (hoverAt = performance.now() - t0));
  await withTimeout(Promise.all([diagnostics, hover]), 'diagnostics and hover', 60_000);
  // A server without progress (one that indexes inside `initialized`) has
  // its index complete by the time it answers anything.
  await new Promise((r) => setTimeout(r, 200));
  if (begun || indexedAt !== undefined) await withTimeout(indexed, 'the index', 120_000);
  else indexedAt = diagnosticsAt;
  loop.disable();
  const memory = memoryBytes();
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  return { initializedAt, diagnosticsAt, hoverAt, indexedAt, longestTaskMs: loop.max / 1e6, memory, during: hoverAt < indexedAt };
}

const files = fs.readdirSync(root, { recursive: true }).filter((f) => String(f).endsWith('.md')).length;
console.log(`WASM server (${SERVER_DIR}) on ${root} (${files} Markdown files), opening ${path.relative(root, opened)}, ${runs} runs`);
for (const [label, start] of [
  ['extension host as shipped', () => wasmServer.startWasmServer({ serverDir: SERVER_DIR })],
]) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await run(start));
  const pick = (k) => results.map((r) => r[k]);
  console.log(`== ${label}`);
  console.log(`  initialize answered:                  ${fmt(pick('initializedAt'))}`);
  console.log(`  initialize -> opened file's diagnostics: ${fmt(pick('diagnosticsAt'))} (target <= 150 ms)`);
  console.log(`  initialize -> hover answered:         ${fmt(pick('hoverAt'))} (before the index was complete in ${results.filter((r) => r.during).length} of ${runs})`);
  console.log(`  initialize -> index complete:         ${fmt(pick('indexedAt'))}`);
  console.log(`  longest event-loop task meanwhile:    ${fmt(pick('longestTaskMs'))} (target <= 50 ms)`);
  console.log(`  module memory after indexing:         ${(Math.max(...pick('memory')) / (1024 * 1024)).toFixed(1)} MB`);
}
