// VS Code for the web (vscode.dev, github.dev, code-server's browser
// extension host): the built-in WebAssembly server runs in this web-worker
// extension host, as it runs in the Node extension host on the desktop; its
// files come through `vscode.workspace.fs`. There is no native server here
// (`rolekit.server.path` is ignored).

import * as vscode from 'vscode';
import { LanguageClient, MessageTransports } from 'vscode-languageclient/browser';

import { quietStop } from '../client';
import { ServerHost } from '../host';
import { DocumentFilter, documentsIn } from '../selector';
import { loadGlue, startWebServer } from './webServer';
import { WebFiles } from './webFiles';

const WebClient = quietStop(LanguageClient);
/** How long a start may spend reading the workspace ahead of the server. */
const WARM_BUDGET_MS = 3_000;

/** Markdown documents and Cursor rules in the file systems a web window shows (and untitled ones). */
function webDocuments(): DocumentFilter[] {
  const schemes = new Set(['file', 'vscode-remote', 'vscode-vfs', 'untitled']);
  for (const folder of vscode.workspace.workspaceFolders ?? []) schemes.add(folder.uri.scheme);
  return documentsIn(schemes);
}

export function webHost(): ServerHost {
  return {
    documents: webDocuments(),
    uptimeMs: () => performance.now(),
    createClient(options, ctx) {
      const { context, output } = ctx;
      if (vscode.workspace.getConfiguration('rolekit').get<string>('server.path', '').trim()) {
        output.warn('rolekit.server.path is ignored in VS Code for the web: the built-in WebAssembly server runs');
      }
      const serverOptions = async (): Promise<MessageTransports> => {
        const started = performance.now();
        const glue = await loadGlue(context.extensionUri);
        const loadMs = performance.now() - started;
        const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
        let files: WebFiles | undefined;
        const server = startWebServer(
          glue,
          (late) => (files = new WebFiles(late)),
          (message) => output.error(message),
        );
        // The session is created at once (it only waits for `initialize`);
        // the workspace is read before the client sends it.
        const warmStart = performance.now();
        const warm = await files!.warm(folders, WARM_BUDGET_MS);
        output.info(
          `read the workspace through vscode.workspace.fs: ${warm.folders} folders, ${warm.files} files in ${(performance.now() - warmStart).toFixed(0)} ms${warm.complete ? '' : ' (the rest follows)'}`,
        );
        ctx.wasmStarted({ loadMs, exited: server.exited, memoryBytes: server.memoryBytes });
        return { reader: server.reader, writer: server.writer };
      };
      const Client = WebClient as unknown as new (id: string, name: string, s: typeof serverOptions, c: typeof options) => LanguageClient;
      return { client: new Client('rolekit', 'rolekit Language Server', serverOptions, options), kind: 'wasm' };
    },
  };
}
