// One session of rolekit's language server compiled to WebAssembly, in
// this realm (desktop: the Node extension host; the web: the browser's
// web-worker extension host), whatever carries its bytes and reads its
// files. The desktop wraps it in Node streams (wasmServer.ts), the web in
// message transports (web/webServer.ts); the files come from Node's `fs` or
// `vscode.workspace.fs` (web/webFiles.ts).
//
// No `vscode` and no Node import here: both hosts and the Node tests use it.

import type { LspHost, LspServer } from '../server/rolekit_lsp';

/** The wasm-bindgen glue (server/rolekit_lsp.js), loaded fresh per start. */
export type Glue = typeof import('../server/rolekit_lsp');

/** Files larger than this are not read (`rolekit_core::policy::MAX_FILE_BYTES`). */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;
/** At most this many Markdown files are listed per folder. */
export const MAX_LISTED = 20_000;

/** The server's synchronous window on files (the `LspHost` file callbacks). */
export interface HostFiles {
  readFile(uri: string): string | undefined;
  readFileHead(uri: string, maxBytes: number): string | undefined;
  listDirectory(folder: string): { files: string[]; folders: string[] } | undefined;
}

export interface WasmSession {
  /** The client's bytes (any chunking). */
  write(bytes: Uint8Array): void;
  /** Ends the client's input: the session ends. */
  close(): void;
  /** Resolves with the exit code: 0 after `shutdown` + `exit`, 1 otherwise, 101 on a crash. */
  exited: Promise<number>;
  /** The module's memory in bytes. */
  memoryBytes(): number;
}

export interface SessionCallbacks {
  /** Server frames (a copy, delivered after the call that produced them returned). */
  output(bytes: Uint8Array): void;
  /** After the last frame: the session ended. */
  end(): void;
  /** Log lines (panics, crashes). */
  log(message: string): void;
}

/** Starts one session on `glue` (a fresh module instance: a crashed one is never reused). */
export function startWasmSession(glue: Glue, files: HostFiles, callbacks: SessionCallbacks): WasmSession {
  let finished = false;
  let resolveExit: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => (resolveExit = resolve));
  const finish = (code: number) => {
    if (finished) return;
    finished = true;
    resolveExit(code);
    // After the last frame already queued.
    queueMicrotask(() => callbacks.end());
  };

  const host: LspHost = {
    output(bytes: Uint8Array) {
      // `bytes` is a view into the module's memory: copy it. Delivery is
      // deferred so that the client never re-enters the server from inside
      // one of its callbacks.
      const copy = bytes.slice();
      queueMicrotask(() => callbacks.output(copy));
    },
    exit: (code: number) => finish(code),
    readFile: (uri) => files.readFile(uri),
    readFileHead: (uri, maxBytes) => files.readFileHead(uri, maxBytes),
    listDirectory: (folder) => files.listDirectory(folder),
    log(message: string) {
      callbacks.log(message);
      if (message.includes('panicked')) finish(101);
    },
  };

  let server: LspServer;
  try {
    server = new glue.LspServer(host);
  } catch (e) {
    throw new Error(`rolekit: cannot start the WebAssembly server: ${String(e)}`);
  }

  return {
    write(bytes) {
      if (finished) return;
      try {
        server.write(bytes);
      } catch (e) {
        // The module trapped (a panic aborts in WebAssembly).
        callbacks.log(`rolekit: the WebAssembly server crashed: ${String(e)}`);
        finish(101);
      }
    },
    close() {
      if (finished) return;
      try {
        server.close();
      } catch {
        finish(101);
      }
    },
    exited,
    memoryBytes: () => glue.LspServer.memoryBytes(),
  };
}

/** A path segment encoded as VS Code's URIs encode it (RFC 3986 unreserved characters stay). */
export function encodeSegment(name: string): string {
  return encodeURIComponent(name).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `folder` as a URI prefix ending in `/`. */
export function folderBase(folder: string): string {
  return folder.endsWith('/') ? folder : `${folder}/`;
}
