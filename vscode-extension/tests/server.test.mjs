// The WASM language server, started exactly as the extension starts it and
// driven over LSP: the same expectations as the native server's tests
// (tests/lsp.rs), and the same answers as the native `rolekit lsp` itself.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

import { EXT, ROOT, Session, applyEdits, fileUri, nativeBinary, withTimeout } from './lsp-session.mjs';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'editors');
const TYPO_PATH = path.join(FIXTURES, 'platform-engineer.md');
const TYPO = fs.readFileSync(TYPO_PATH, 'utf8');
const SEED = fs.readFileSync(path.join(ROOT, 'examples', 'roles', 'platform-engineer.md'), 'utf8');
const TONES = ['assertive', 'collaborative', 'concise-technical', 'conversational', 'detailed-explanatory', 'pedagogical'];

/** A folder with a parent role on disk (never opened) and a child that inherits it. */
function inheritanceFolder() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rolekit-vscode-'));
  const parent = SEED.replace('role: platform-engineer', 'role: base-engineer');
  fs.writeFileSync(path.join(dir, 'base-engineer.md'), parent);
  const child = '---\nrole: child-engineer\ninherits: base-engineer\ndescription: A child\ntone: pedagogical\n---\n\n# Child\n';
  fs.writeFileSync(path.join(dir, 'child-engineer.md'), child);
  return { dir, child };
}

/** The whole scenario; returns what each step answered, for comparison across servers. */
async function scenario(kind) {
  const session = await Session.start(kind, { root: FIXTURES });
  const out = { capabilities: session.initializeResult.capabilities };
  try {
    const typoUri = fileUri(TYPO_PATH);
    out.typoDiagnostics = await session.open(typoUri, TYPO);

    const seedUri = 'untitled:platform-engineer.md';
    out.seedDiagnostics = await session.open(seedUri, SEED);

    const toneLine = TYPO.split('\n').findIndex((l) => l.startsWith('tone:'));
    out.completion = await session.request('textDocument/completion', {
      textDocument: { uri: typoUri },
      position: { line: toneLine, character: 'tone: '.length },
    });
    out.hover = await session.request('textDocument/hover', {
      textDocument: { uri: typoUri },
      position: { line: toneLine, character: 1 },
    });
    const invalid = out.typoDiagnostics.find((d) => d.code === 'invalid-enum');
    out.actions = await session.request('textDocument/codeAction', {
      textDocument: { uri: typoUri },
      range: invalid?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: invalid ? [invalid] : [], only: ['quickfix'] },
    });
    const fix = (out.actions ?? []).find((a) => a.kind === 'quickfix' && a.edit);
    const fixed = fix ? applyEdits(TYPO, fix.edit.changes[typoUri]) : TYPO;
    out.fixedDiagnostics = await session.change(typoUri, fixed, 2);
    out.symbols = await session.request('textDocument/documentSymbol', { textDocument: { uri: typoUri } });

    const empty = 'untitled:new-role.md';
    await session.open(empty, '');
    out.emptyCompletion = await session.request('textDocument/completion', {
      textDocument: { uri: empty },
      position: { line: 0, character: 0 },
    });

    const { dir, child } = inheritanceFolder();
    try {
      const childUri = fileUri(path.join(dir, 'child-engineer.md'));
      // Each scenario has its own folder: messages and locations naming it are compared without it.
      const folder = (v) => JSON.parse(JSON.stringify(v).replaceAll(fileUri(dir), 'file:///DIR'));
      out.childDiagnostics = folder(await session.open(childUri, child));
      out.resolved = folder(await session.request('rolekit/resolvedRole', { uri: childUri }));
      out.notRole = await session.request('rolekit/resolvedRole', { uri: fileUri(path.join(FIXTURES, 'README.md')) });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    out.memoryBytes = kind === 'wasm' ? session.wasm.memoryBytes() : undefined;
    out.loadMs = kind === 'wasm' ? session.wasm.loadMs : undefined;
  } finally {
    out.exitCode = await session.shutdown();
  }
  return out;
}

const wasm = await scenario('wasm');

test('diagnostics: the tone typo, at the value, with its rule id and a link to its doc', () => {
  const d = wasm.typoDiagnostics.find((x) => x.code === 'invalid-enum');
  assert.ok(d, JSON.stringify(wasm.typoDiagnostics));
  assert.deepEqual(d.range, { start: { line: 5, character: 6 }, end: { line: 5, character: 22 } });
  assert.equal(d.source, 'rolekit');
  assert.match(d.message, /concise-technicl.*did you mean `concise-technical`/);
  assert.match(d.codeDescription.href, /rules\.md#invalid-enum$/);
});

test('the seed has no errors, only its known warnings (mojibake among them)', () => {
  assert.ok(wasm.seedDiagnostics.length > 0);
  assert.deepEqual(wasm.seedDiagnostics.filter((d) => d.severity === 1).map((d) => d.code), []);
  assert.ok(wasm.seedDiagnostics.some((d) => d.code === 'mojibake'));
});

test('completion on the tone value lists every enum value', () => {
  const items = Array.isArray(wasm.completion) ? wasm.completion : wasm.completion.items;
  const labels = items.map((i) => i.label);
  assert.deepEqual([...labels].sort(), TONES);
});

test('hover on a key shows its schema doc', () => {
  const value = wasm.hover.contents.value;
  assert.equal(wasm.hover.contents.kind, 'markdown');
  assert.match(value, /tone/);
  assert.match(value, /concise-technical/);
});

test('the quick fix replaces the typo, and the diagnostic goes away', () => {
  const fix = wasm.actions.find((a) => a.kind === 'quickfix');
  assert.ok(fix, JSON.stringify(wasm.actions));
  assert.match(fix.title, /concise-technical/);
  assert.ok(!wasm.fixedDiagnostics.some((d) => d.code === 'invalid-enum'));
});

test('document symbols outline the frontmatter and the sections', () => {
  const names = wasm.symbols.map((s) => s.name);
  assert.ok(names.some((n) => /frontmatter/i.test(n)), names.join(', '));
  assert.ok(JSON.stringify(wasm.symbols).includes('Mission Statement'));
});

test('the snippet shipped with the extension is the skeleton the server completes', () => {
  const items = Array.isArray(wasm.emptyCompletion) ? wasm.emptyCompletion : wasm.emptyCompletion.items;
  const skeleton = items.find((i) => i.label === 'role skeleton');
  assert.ok(skeleton, items.map((i) => i.label).join(', '));
  const snippets = JSON.parse(fs.readFileSync(path.join(EXT, 'snippets', 'role.code-snippets'), 'utf8'));
  const body = Object.values(snippets)[0].body.join('\n') + '\n';
  // Line for line, except two lines where the snippet is ahead of the server
  // (tests/snippet.test.mjs: the server's skeleton starts with diagnostics):
  // the role is named after the file, and section 1 has a placeholder. Once
  // the server's skeleton has them too, both are equal and this still passes.
  const ours = body.split('\n');
  const server = (skeleton.textEdit?.newText ?? skeleton.insertText).split('\n');
  assert.equal(ours.length, server.length, 'the snippet and the server\'s skeleton have different lines');
  const AHEAD = new Map([
    ['role: ${1:new-role}', 'role: ${1:${TM_FILENAME_BASE/([A-Z]+)|([^A-Za-z0-9]+)/${1:/downcase}${2:+-}/g}}'],
    ['$0', '${13:Why the role exists and what it delivers, in one or two sentences.}$0'],
  ]);
  for (let i = 0; i < ours.length; i++) {
    if (ours[i] === server[i]) continue;
    assert.equal(AHEAD.get(server[i]), ours[i], `line ${i + 1} differs: snippet ${JSON.stringify(ours[i])}, server ${JSON.stringify(server[i])}`);
  }
});

test('inherits is resolved from a parent on disk, read through the host', () => {
  assert.equal(wasm.resolved.role, 'child-engineer');
  assert.equal(wasm.resolved.tone, 'pedagogical');
  assert.ok(Array.isArray(wasm.resolved.expertise) && wasm.resolved.expertise.length > 10);
  assert.ok(!wasm.childDiagnostics.some((d) => d.code === 'unknown-parent'), JSON.stringify(wasm.childDiagnostics));
  assert.equal(wasm.notRole, null);
});

test('shutdown then exit ends the session with code 0', () => {
  assert.equal(wasm.exitCode, 0);
});

test('malformed messages get JSON-RPC errors and the session goes on', async () => {
  const session = await Session.start('wasm');
  const raw = [];
  session.reader.on('data', (chunk) => raw.push(chunk));
  const body = '{"jsonrpc":"2.0","id":1,';
  session.writer.write(`Content-Length: ${body.length}\r\n\r\n${body}`);
  session.writer.write('Content-Length: twelve\r\n\r\n{}\r\n');
  const hover = await session.request('textDocument/hover', { textDocument: { uri: 'untitled:none.md' }, position: { line: 0, character: 0 } });
  assert.equal(hover, null);
  const text = Buffer.concat(raw).toString('utf8');
  assert.match(text, /"code":-32700,"message":"Parse error: EOF while parsing/);
  assert.match(text, /Parse error: bad Content-Length `twelve`/);
  assert.equal(await session.shutdown(), 0);
});

test('closing the input without shutdown ends the session with code 1', async () => {
  const session = await Session.start('wasm');
  session.writer.end();
  assert.equal(await withTimeout(session.exited, 'exit'), 1);
});

test('settings from the client turn rules off (initializationOptions and didChangeConfiguration)', async () => {
  const session = await Session.start('wasm', { root: FIXTURES, settings: { rules: { 'invalid-enum': 'off' } } });
  const uri = fileUri(TYPO_PATH);
  const off = await session.open(uri, TYPO);
  assert.ok(!off.some((d) => d.code === 'invalid-enum'), JSON.stringify(off.map((d) => d.code)));
  const on = session.nextDiagnostics(uri, 1);
  await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: { rolekit: { rules: { 'invalid-enum': 'warning' } } } });
  const warned = (await on).find((d) => d.code === 'invalid-enum');
  assert.equal(warned?.severity, 2);
  assert.equal(await session.shutdown(), 0);
});

test('the WASM server answers exactly as the native `rolekit lsp`', async (t) => {
  if (!nativeBinary()) {
    t.skip('no native binary (cargo build -p rolekit-cli, or set ROLEKIT_BIN)');
    return;
  }
  const native = await scenario('native');
  for (const key of Object.keys(native)) {
    if (key === 'memoryBytes' || key === 'loadMs') continue;
    assert.deepEqual(wasm[key], native[key], `${key} differs`);
  }
});

test('figures: module load and memory', () => {
  const mb = (wasm.memoryBytes / (1024 * 1024)).toFixed(1);
  console.log(`# WASM server: load ${wasm.loadMs.toFixed(1)} ms, memory ${mb} MB after the scenario`);
  assert.ok(wasm.memoryBytes > 0);
});
