// The web host's server (src/web/webServer.ts, bundled as
// dist/modules/webServer.js) in Node, over a stand-in `vscode.workspace.fs`
// whose reads can be held back: the glue evaluated as in the web worker,
// the message transports, and the file cache that answers the server's
// synchronous reads: a parent read late is announced to the server, which
// checks its child again; VS Code's watcher notifications refresh the cache
// before the server sees them.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { test } from 'node:test';

import { loadModule } from './fake-vscode.mjs';
import { CAPABILITIES, EXT } from './lsp-session.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');

const ROOT = 'file:///w/';
const BASE = `${ROOT}base.md`;
const CHILD = `${ROOT}child.md`;
const BASE_TEXT = '---\nrole: base\nversion: 1.0.0\ndescription: The base role of these tests\n---\n# Base\n';
const CHILD_TEXT = '---\nrole: child\ninherits: base\n---\n# Child\n';

/** A stand-in `vscode` whose file system is `files` (URI → text); reads of URIs in `held` wait for their release. */
function fakeVscode(files, held) {
  const uri = (s) => ({ s, toString: () => s });
  const wait = async (u) => {
    await held.get(u.s)?.promise;
  };
  const isDir = (s) => [...files.keys()].some((f) => f.startsWith(s.endsWith('/') ? s : `${s}/`));
  return {
    FileType: { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 },
    Uri: {
      parse: (s) => uri(s),
      joinPath: (base, ...segments) => uri([base.s, ...segments].join('/')),
    },
    workspace: {
      fs: {
        async stat(u) {
          await wait(u);
          if (files.has(u.s)) return { type: 1, size: Buffer.byteLength(files.get(u.s)) };
          if (isDir(u.s)) return { type: 2, size: 0 };
          throw new Error(`ENOENT ${u.s}`);
        },
        async readFile(u) {
          if (u.s.startsWith('ext:')) return new Uint8Array(fs.readFileSync(u.s.slice('ext:'.length)));
          await wait(u);
          if (!files.has(u.s)) throw new Error(`ENOENT ${u.s}`);
          return new Uint8Array(Buffer.from(files.get(u.s)));
        },
        async readDirectory(u) {
          const dir = u.s.endsWith('/') ? u.s : `${u.s}/`;
          const names = new Map();
          for (const f of files.keys()) {
            if (!f.startsWith(dir)) continue;
            const [name, ...rest] = f.slice(dir.length).split('/');
            names.set(decodeURIComponent(name), rest.length > 0 ? 2 : 1);
          }
          return [...names];
        },
      },
    },
  };
}

function hold() {
  let release;
  const promise = new Promise((r) => (release = r));
  return { promise, release };
}

async function session(files, held, { warm }) {
  const vscode = fakeVscode(files, held);
  const web = loadModule('webServer', vscode);
  const glue = await web.loadGlue(vscode.Uri.parse(`ext:${EXT}`));
  let cache;
  const server = web.startWebServer(glue, (late) => (cache = new web.WebFiles(late)), (m) => process.stderr.write(`[wasm] ${m}\n`));
  if (warm) await cache.warm([ROOT], 3000);
  const connection = rpc.createMessageConnection(server.reader, server.writer);
  const published = new Map();
  const waiters = [];
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    published.set(p.uri, p.diagnostics);
    for (const w of waiters.splice(0)) w();
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  await connection.sendRequest('initialize', { processId: null, rootUri: ROOT, capabilities: CAPABILITIES, workspaceFolders: [{ uri: ROOT, name: 'w' }] });
  await connection.sendNotification('initialized', {});
  const codes = (u) => (published.get(u) ?? []).map((d) => d.code);
  const until = async (check, what) => {
    const end = Date.now() + 10_000;
    while (!check()) {
      if (Date.now() > end) throw new Error(`timed out: ${what}; diagnostics: ${JSON.stringify([...published])}`);
      await new Promise((r) => {
        waiters.push(r);
        setTimeout(r, 50);
      });
    }
  };
  return { connection, server, codes, until };
}

test('the glue evaluated as in the web worker: every start is a fresh module instance', async () => {
  const vscode = fakeVscode(new Map(), new Map());
  const web = loadModule('webServer', vscode);
  const a = await web.loadGlue(vscode.Uri.parse(`ext:${EXT}`));
  const b = await web.loadGlue(vscode.Uri.parse(`ext:${EXT}`));
  assert.equal(typeof a.LspServer, 'function');
  assert.notEqual(a.LspServer, b.LspServer);
});

test('a parent read after the server asked for it is announced: the child is checked again', async () => {
  const files = new Map([[BASE, BASE_TEXT], [CHILD, CHILD_TEXT]]);
  const held = new Map([[BASE, hold()]]);
  const s = await session(files, held, { warm: false });
  await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: CHILD, languageId: 'markdown', version: 1, text: CHILD_TEXT } });
  await s.until(() => s.codes(CHILD).includes('inherits-unknown-parent'), 'the parent missing while it is read');
  held.get(BASE).release();
  await s.until(() => s.codes(CHILD).length > 0 && !s.codes(CHILD).includes('inherits-unknown-parent'), 'the parent found once read');
  await s.connection.sendRequest('shutdown');
  await s.connection.sendNotification('exit');
  assert.equal(await s.server.exited, 0);
  s.connection.dispose();
});

test('warmed ahead of the server; VS Code\'s watcher notifications refresh the cache before the server sees them', async () => {
  const files = new Map([[BASE, BASE_TEXT], [CHILD, CHILD_TEXT]]);
  const s = await session(files, new Map(), { warm: true });
  await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: CHILD, languageId: 'markdown', version: 1, text: CHILD_TEXT } });
  await s.until(() => s.codes(CHILD).length > 0, 'the first diagnostics');
  assert.ok(!s.codes(CHILD).includes('inherits-unknown-parent'), `read ahead: ${s.codes(CHILD)}`);
  files.delete(BASE);
  await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: BASE, type: 3 }] });
  await s.until(() => s.codes(CHILD).includes('inherits-unknown-parent'), 'the parent gone');
  files.set(BASE, BASE_TEXT);
  await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: BASE, type: 1 }] });
  await s.until(() => !s.codes(CHILD).includes('inherits-unknown-parent'), 'the parent back');
  await s.connection.sendRequest('shutdown');
  await s.connection.sendNotification('exit');
  assert.equal(await s.server.exited, 0);
  s.connection.dispose();
});
