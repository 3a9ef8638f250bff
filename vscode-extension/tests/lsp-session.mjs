// One LSP session over a pair of streams, for the tests and the benchmark:
// the WASM server started exactly as the extension starts it
// (dist/wasm-server.js), or the native `rolekit lsp` for comparison.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');

export const EXT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = path.resolve(EXT, '..');

/** The native binary to compare with: $ROLEKIT_BIN, else target/debug/rolekit, else none. */
export function nativeBinary() {
  const candidates = [process.env.ROLEKIT_BIN, path.join(process.env.CARGO_TARGET_DIR ?? path.join(ROOT, 'target'), 'debug', 'rolekit')];
  return candidates.find((p) => p && fs.existsSync(p));
}

export function fileUri(p) {
  return pathToFileURL(p).href;
}

/** Capabilities of a client like VS Code (UTF-16, snippets, markdown hovers, push diagnostics). */
export const CAPABILITIES = {
  general: { positionEncodings: ['utf-16'] },
  textDocument: {
    synchronization: { didSave: true },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } }, dataSupport: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
  workspace: { configuration: false, workspaceFolders: true },
};

export class Session {
  /** @param {'wasm' | 'native'} kind */
  static async start(kind, { root, settings } = {}) {
    let reader, writer, exited, wasm, child;
    if (kind === 'wasm') {
      const { startWasmServer } = require(path.join(EXT, 'dist', 'wasm-server.js'));
      wasm = startWasmServer({ serverDir: path.join(EXT, 'server'), log: (m) => process.stderr.write(`[wasm] ${m}\n`) });
      ({ reader, writer, exited } = wasm);
    } else {
      child = spawn(nativeBinary(), ['lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
      reader = child.stdout;
      writer = child.stdin;
      exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    }
    const session = new Session(kind, reader, writer, exited, wasm);
    await session.initialize(root, settings);
    return session;
  }

  constructor(kind, reader, writer, exited, wasm) {
    this.kind = kind;
    this.reader = reader;
    this.writer = writer;
    this.exited = exited;
    this.wasm = wasm;
    this.diagnostics = new Map();
    this.waiters = [];
    this.logs = [];
    this.connection = rpc.createMessageConnection(new rpc.StreamMessageReader(reader), new rpc.StreamMessageWriter(writer));
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
      this.diagnostics.set(params.uri, params);
      this.waiters = this.waiters.filter((w) => !w(params));
    });
    this.connection.onNotification('window/logMessage', (params) => this.logs.push(params.message));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
    this.connection.listen();
  }

  async initialize(root, settings) {
    const folders = root ? [{ uri: fileUri(root), name: path.basename(root) }] : null;
    this.initializeResult = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: root ? fileUri(root) : null,
      capabilities: CAPABILITIES,
      workspaceFolders: folders,
      initializationOptions: settings ? { settings } : undefined,
    });
    await this.connection.sendNotification('initialized', {});
  }

  /** Opens a document and resolves with its first diagnostics for this version. */
  open(uri, text, version = 1) {
    const published = this.nextDiagnostics(uri, version);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
    return published;
  }

  change(uri, text, version) {
    const published = this.nextDiagnostics(uri, version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return published;
  }

  nextDiagnostics(uri, version) {
    return withTimeout(
      new Promise((resolve) => {
        this.waiters.push((p) => {
          if (p.uri !== uri || (p.version !== undefined && p.version !== version)) return false;
          resolve(p.diagnostics);
          return true;
        });
      }),
      `diagnostics for ${uri}`,
    );
  }

  request(method, params) {
    return withTimeout(this.connection.sendRequest(method, params), method);
  }

  async shutdown() {
    await withTimeout(this.connection.sendRequest('shutdown'), 'shutdown');
    await this.connection.sendNotification('exit');
    const code = await withTimeout(this.exited, 'exit');
    this.connection.dispose();
    return code;
  }
}

export function withTimeout(promise, what, ms = 10_000) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Applies LSP text edits (UTF-16 positions) to `text`. */
export function applyEdits(text, edits) {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p) => lineStarts[p.line] + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const e of sorted) text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  return text;
}
