// Starts rolekit's language server compiled to WebAssembly inside this
// process (the desktop extension host, or a Node test) and connects it to a
// pair of byte streams, ready for vscode-languageclient's `StreamInfo`. The
// session itself is wasmHost.ts, shared with VS Code for the web.
//
// No `vscode` import here: the Node tests load this module (bundled as
// dist/wasm-server.js) and drive the server exactly as the extension does.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

import { isAgentFile } from './selector';
import { encodeSegment, folderBase, Glue, MAX_FILE_BYTES, MAX_LISTED, startWasmSession } from './wasmHost';

export { MAX_FILE_BYTES, MAX_LISTED };

export interface WasmServerOptions {
  /** The folder holding rolekit_lsp.js and rolekit_lsp_bg.wasm. */
  serverDir: string;
  /** Where log lines go (panics, load failures). */
  log?: (message: string) => void;
}

export interface WasmServer {
  /** The server's output (LSP frames). */
  reader: Readable;
  /** The client's input. Ending it ends the session. */
  writer: Writable;
  /** Resolves with the exit code: 0 after `shutdown` + `exit`, 1 otherwise, 101 on a crash. */
  exited: Promise<number>;
  /** The module's memory in bytes. */
  memoryBytes(): number;
  /** Milliseconds taken to load, compile and instantiate the module. */
  loadMs: number;
}

/**
 * Loads a fresh instance of the module (a crashed instance is never reused)
 * and starts one session on it, its files read with Node's `fs`.
 */
export function startWasmServer(options: WasmServerOptions): WasmServer {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const glue = loadFresh(options.serverDir);
  const loadMs = performance.now() - started;

  const reader = new Readable({ read() {} });
  const session = startWasmSession(
    glue,
    { readFile, readFileHead, listDirectory },
    {
      output: (bytes) => {
        if (!reader.destroyed) reader.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      },
      end: () => reader.push(null),
      log,
    },
  );
  const writer = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      session.write(chunk);
      callback();
    },
    final(callback) {
      session.close();
      callback();
    },
  });

  return { reader, writer, exited: session.exited, memoryBytes: session.memoryBytes, loadMs };
}

function loadFresh(serverDir: string): Glue {
  const file = path.join(serverDir, 'rolekit_lsp.js');
  try {
    const entry = require.resolve(file);
    delete require.cache[entry];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(entry) as Glue;
  } catch (e) {
    throw new Error(`rolekit: cannot load the WebAssembly server from ${file} (reinstall the extension): ${String(e)}`);
  }
}

/** The text of a `file://` URI, or undefined (other schemes, unreadable, too large). */
export function readFile(uri: string): string | undefined {
  const file = toPath(uri);
  if (file === undefined) return undefined;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * At most the first `maxBytes` bytes of a `file://` URI's file, as text (the
 * workspace index reads no more of a file to learn its kind), or undefined.
 * Only regular files are opened (a FIFO would block the extension host).
 */
export function readFileHead(uri: string, maxBytes: number): string | undefined {
  const file = toPath(uri);
  if (file === undefined) return undefined;
  let fd: number | undefined;
  try {
    if (!fs.statSync(file).isFile()) return undefined;
    fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(Math.max(0, Math.min(maxBytes, MAX_FILE_BYTES)));
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * The `*.md` and `*.mdc` files and all the folders directly in a folder URI, sorted by
 * name; the server decides which folders it enters. The URIs extend the
 * folder's URI text as the editor wrote it, so they compare equal to the
 * URIs of open documents.
 */
export function listDirectory(folder: string): { files: string[]; folders: string[] } | undefined {
  const dir = toPath(folder);
  if (dir === undefined) return undefined;
  const base = folderBase(folder);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return { files: [], folders: [] };
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  const folders: string[] = [];
  for (const entry of entries) {
    const uri = base + encodeSegment(entry.name);
    if (entry.isDirectory()) folders.push(`${uri}/`);
    else if (entry.isFile() && isAgentFile(entry.name) && files.length < MAX_LISTED) files.push(uri);
  }
  return { files, folders };
}

function toPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
