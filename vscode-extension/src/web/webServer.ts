// The built-in server in VS Code for the web: the same module and glue as
// on the desktop (server/rolekit_lsp.js + rolekit_lsp_bg.wasm), run in this
// web-worker extension host, its messages carried by vscode-jsonrpc message
// transports instead of Node streams and its files read through
// `vscode.workspace.fs` (webFiles.ts).
//
// The glue is wasm-bindgen's CommonJS (`--target nodejs`): it needs only
// `require('fs').readFileSync` for the module's bytes and `__dirname`. It is
// evaluated here the way VS Code's web extension host evaluates extensions
// (`new Function('module', 'exports', 'require', source)`), once per start,
// so that every start gets a fresh module instance, as on the desktop.

import * as vscode from 'vscode';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  DataCallback,
  Disposable,
  Message,
  MessageReader,
  MessageWriter,
} from 'vscode-jsonrpc';

import { Glue, startWasmSession, WasmSession } from '../wasmHost';
import { WebFiles } from './webFiles';

export { WebFiles };

const WATCHED_FILES = 'workspace/didChangeWatchedFiles';

let sources: Promise<{ glue: string; wasm: Uint8Array }> | undefined;

/** The glue's source and the module's bytes, read once per extension host. */
function readSources(extensionUri: vscode.Uri): Promise<{ glue: string; wasm: Uint8Array }> {
  sources ??= (async () => {
    const [glue, wasm] = await Promise.all([
      readExtensionFile(vscode.Uri.joinPath(extensionUri, 'server', 'rolekit_lsp.js')),
      readExtensionFile(vscode.Uri.joinPath(extensionUri, 'server', 'rolekit_lsp_bg.wasm')),
    ]);
    return { glue: new TextDecoder().decode(glue), wasm };
  })();
  sources.catch(() => (sources = undefined));
  return sources;
}

/** A file of the extension: through `workspace.fs`, else `fetch` (extensions served over https). */
async function readExtensionFile(uri: vscode.Uri): Promise<Uint8Array> {
  try {
    return await vscode.workspace.fs.readFile(uri);
  } catch (e) {
    const response = await fetch(uri.toString(true));
    if (!response.ok) throw new Error(`${uri.toString(true)}: ${response.status} ${response.statusText} (${String(e)})`);
    return new Uint8Array(await response.arrayBuffer());
  }
}

/** A fresh instance of the glue and its module. */
export async function loadGlue(extensionUri: vscode.Uri): Promise<Glue> {
  const { glue, wasm } = await readSources(extensionUri);
  const module = { exports: {} as Record<string, unknown> };
  const require = (name: string) => {
    if (name === 'fs') return { readFileSync: () => wasm };
    throw new Error(`rolekit: the server glue asked for ${name}`);
  };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const init = new Function('module', 'exports', 'require', '__dirname', `${glue}\n//# sourceURL=rolekit_lsp.js`);
  init(module, module.exports, require, '');
  return module.exports as unknown as Glue;
}

export interface WebServer {
  reader: MessageReader;
  writer: MessageWriter;
  exited: Promise<number>;
  memoryBytes(): number;
}

/** Starts one session on `glue`, its files from `files` (which tells it of late files). */
export function startWebServer(glue: Glue, makeFiles: (late: (uris: string[]) => void) => WebFiles, log: (message: string) => void): WebServer {
  const reader = new FrameReader();
  let session: WasmSession | undefined;
  const send = (message: Message) => session?.write(frame(message));
  const files = makeFiles((uris) => send({ jsonrpc: '2.0', method: WATCHED_FILES, params: { changes: uris.map((uri) => ({ uri, type: 1 })) } } as Message));
  session = startWasmSession(glue, files, {
    output: (bytes) => reader.push(bytes),
    end: () => {
      files.dispose();
      reader.end();
    },
    log,
  });
  const writer = new SessionWriter(session, files);
  return { reader, writer, exited: session.exited, memoryBytes: session.memoryBytes };
}

const encoder = new TextEncoder();

function frame(message: Message): Uint8Array {
  const body = encoder.encode(JSON.stringify(message));
  const header = encoder.encode(`Content-Length: ${body.byteLength}\r\n\r\n`);
  const out = new Uint8Array(header.byteLength + body.byteLength);
  out.set(header, 0);
  out.set(body, header.byteLength);
  return out;
}

/** The server's frames, parsed into messages for the client. */
class FrameReader extends AbstractMessageReader implements MessageReader {
  private callback: DataCallback | undefined;
  private pending: Uint8Array[] = [];
  private buffer = new Uint8Array(0);
  private readonly decoder = new TextDecoder();

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    for (const bytes of this.pending.splice(0)) this.push(bytes);
    return { dispose: () => (this.callback = undefined) };
  }

  push(bytes: Uint8Array): void {
    if (!this.callback) {
      this.pending.push(bytes);
      return;
    }
    const joined = new Uint8Array(this.buffer.byteLength + bytes.byteLength);
    joined.set(this.buffer, 0);
    joined.set(bytes, this.buffer.byteLength);
    let start = 0;
    for (;;) {
      const headerEnd = indexOfHeaderEnd(joined, start);
      if (headerEnd < 0) break;
      const header = this.decoder.decode(joined.subarray(start, headerEnd));
      const match = /Content-Length:\s*(\d+)/i.exec(header);
      if (!match) {
        this.fireError(new Error(`rolekit: a frame without Content-Length: ${header}`));
        start = headerEnd + 4;
        continue;
      }
      const bodyStart = headerEnd + 4;
      const bodyEnd = bodyStart + Number(match[1]);
      if (bodyEnd > joined.byteLength) break;
      const text = this.decoder.decode(joined.subarray(bodyStart, bodyEnd));
      start = bodyEnd;
      try {
        this.callback(JSON.parse(text) as Message);
      } catch (e) {
        this.fireError(e);
      }
    }
    this.buffer = joined.slice(start);
  }

  end(): void {
    this.fireClose();
  }
}

function indexOfHeaderEnd(bytes: Uint8Array, from: number): number {
  for (let i = from; i + 3 < bytes.byteLength; i++) {
    if (bytes[i] === 13 && bytes[i + 1] === 10 && bytes[i + 2] === 13 && bytes[i + 3] === 10) return i;
  }
  return -1;
}

/**
 * The client's messages, framed for the server. VS Code's file-watcher
 * notifications first refresh the file cache; messages after one wait for
 * it, so the server sees them in order.
 */
class SessionWriter extends AbstractMessageWriter implements MessageWriter {
  private queue: Promise<void> | undefined;

  constructor(
    private readonly session: WasmSession,
    private readonly files: WebFiles,
  ) {
    super();
  }

  write(message: Message): Promise<void> {
    const deliver = async () => {
      const m = message as { method?: string; params?: { changes?: { uri: string; type: number }[] } };
      if (m.method === WATCHED_FILES && m.params?.changes) await this.files.refresh(m.params.changes);
      this.session.write(frame(message));
    };
    if (!this.queue && (message as { method?: string }).method !== WATCHED_FILES) {
      this.session.write(frame(message));
      return Promise.resolve();
    }
    const next = (this.queue ?? Promise.resolve()).then(deliver).catch((e) => this.fireError(e, message, 0));
    this.queue = next;
    void next.then(() => {
      if (this.queue === next) this.queue = undefined;
    });
    return next;
  }

  end(): void {
    this.session.close();
  }
}
