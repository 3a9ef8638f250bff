// The extension's crash handling for the WASM server, with a stand-in module
// in place of the generated glue: a trap (a Rust panic aborts in wasm32)
// ends the streams with code 101, so vscode-languageclient sees the
// connection close and restarts; each start loads a fresh instance.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import { EXT, withTimeout } from './lsp-session.mjs';

const require = createRequire(import.meta.url);
const { startWasmServer } = require(path.join(EXT, 'dist', 'wasm-server.js'));

/** A folder with a rolekit_lsp.js whose server traps on the first write. */
function trappingModule() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rolekit-fake-server-'));
  fs.writeFileSync(path.join(dir, 'rolekit_lsp.js'), `
    globalThis.__rolekitInstances = (globalThis.__rolekitInstances ?? 0) + 1;
    class LspServer {
      constructor(host) { this.host = host; }
      write() {
        this.host.log('rolekit language server panicked: at src/lib.rs:1:1: boom');
        throw new WebAssembly.RuntimeError('unreachable');
      }
      close() {}
      static memoryBytes() { return 65536; }
    }
    module.exports = { LspServer };
  `);
  return dir;
}

test('a trap ends the session with code 101 and closes the output', async () => {
  const dir = trappingModule();
  const logs = [];
  const server = startWasmServer({ serverDir: dir, log: (m) => logs.push(m) });
  let ended = false;
  server.reader.on('end', () => (ended = true));
  server.reader.resume();
  server.writer.write(Buffer.from('Content-Length: 2\r\n\r\n{}'));
  assert.equal(await withTimeout(server.exited, 'exit'), 101);
  await withTimeout(new Promise((resolve) => server.reader.once('close', resolve)), 'the output to close');
  assert.ok(ended);
  assert.ok(logs.some((m) => m.includes('panicked: at src/lib.rs:1:1: boom')), logs.join('\n'));
  // Writes after the crash are dropped, not thrown.
  await new Promise((resolve, reject) => server.writer.write(Buffer.from('x'), (e) => (e ? reject(e) : resolve())));
  fs.rmSync(dir, { recursive: true, force: true });
});

test('every start loads a fresh module instance', () => {
  const dir = trappingModule();
  const before = globalThis.__rolekitInstances ?? 0;
  startWasmServer({ serverDir: dir });
  startWasmServer({ serverDir: dir });
  assert.equal(globalThis.__rolekitInstances - before, 2);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a missing server folder is a clear error', () => {
  assert.throws(() => startWasmServer({ serverDir: path.join(os.tmpdir(), 'no-such-rolekit-server') }), /cannot load the WebAssembly server from .*no-such-rolekit-server.*reinstall the extension/);
});
