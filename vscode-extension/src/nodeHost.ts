// Desktop VS Code: the built-in WebAssembly server in this Node extension
// host over a pair of byte streams, its files read with Node's `fs`
// (wasmServer.ts); or a native `rolekit lsp` when `rolekit.server.path`
// names one.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, ServerOptions, StreamInfo } from 'vscode-languageclient/node';

import { quietStop } from './client';
import { HostContext, ServerHost } from './host';
import { ROLE_DOCUMENTS } from './selector';
import { openSetting } from './settings';
import { ServerKind } from './status';
import { startWasmServer } from './wasmServer';

const NodeClient = quietStop(LanguageClient);

export const nodeHost: ServerHost = {
  documents: ROLE_DOCUMENTS,
  uptimeMs: () => process.uptime() * 1000,
  createClient(options, ctx) {
    const { serverOptions, kind } = serverOptionsFor(ctx);
    // `quietStop` returns an abstract class type; LanguageClient itself is concrete.
    const Client = NodeClient as unknown as new (id: string, name: string, s: ServerOptions, c: typeof options) => LanguageClient;
    return { client: new Client('rolekit', 'rolekit Language Server', serverOptions, options), kind };
  },
};

/** A native `rolekit lsp` when `rolekit.server.path` names one, else the built-in WebAssembly server. */
function serverOptionsFor(ctx: HostContext): { serverOptions: ServerOptions; kind: ServerKind } {
  const { context, output } = ctx;
  const configured = vscode.workspace.getConfiguration('rolekit').get<string>('server.path', '').trim();
  if (configured) {
    const command = expandHome(configured);
    if (isExecutableFile(command)) {
      output.info(`using the native server: ${command} lsp`);
      const executable = { command, args: ['lsp'] };
      return { serverOptions: { run: executable, debug: executable }, kind: 'native' };
    }
    output.warn(`rolekit.server.path: ${command} is not an executable file; using the built-in WebAssembly server`);
    void vscode.window
      .showWarningMessage(`rolekit: \`${command}\` (rolekit.server.path) is not an executable file; using the built-in server.`, 'Open Settings')
      .then((choice) => {
        if (choice) void openSetting(context.extension, 'rolekit.server.path');
      });
  }
  const serverOptions = async (): Promise<StreamInfo> => {
    const server = startWasmServer({
      serverDir: context.asAbsolutePath('server'),
      log: (message) => output.error(message),
    });
    ctx.wasmStarted(server);
    return { reader: server.reader, writer: server.writer };
  };
  return { serverOptions, kind: 'wasm' };
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p;
}

function isExecutableFile(p: string): boolean {
  try {
    if (!fs.statSync(p).isFile()) return false;
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
