// What differs between desktop VS Code and VS Code for the web: which
// server runs and how its bytes and files travel. Everything else (the
// client's options, its life cycle, the status item, the log, the commands)
// is shared (controller.ts, activate.ts).

import type * as vscode from 'vscode';
import type { LanguageClientOptions } from 'vscode-languageclient';

import type { RolekitLanguageClient } from './client';
import type { LogChannel } from './logChannel';
import type { ServerKind } from './status';
import type { DocumentFilter } from './selector';

/** A WebAssembly server instance as the controller sees it. */
export interface WasmInstance {
  /** Milliseconds taken to load, compile and instantiate the module. */
  loadMs: number;
  exited: Promise<number>;
  memoryBytes(): number;
}

export interface HostContext {
  context: vscode.ExtensionContext;
  output: LogChannel;
  /** Called each time the built-in server is loaded (the first start and every restart). */
  wasmStarted(server: WasmInstance): void;
}

export interface ServerHost {
  /** The documents the client serves (and the status item shows for). */
  readonly documents: DocumentFilter[];
  /** Milliseconds since the extension host started (for the activation log line). */
  uptimeMs(): number;
  /** A client for the server to run, chosen from the settings on each (re)start. */
  createClient(options: LanguageClientOptions, ctx: HostContext): { client: RolekitLanguageClient; kind: ServerKind };
}
