// rolekit for VS Code: starts the language server (built in as WebAssembly,
// or a native `rolekit lsp` when `rolekit.server.path` is set) and adds the
// commands, the resolved-role documents, the status bar item and the output
// channels around it.

import * as vscode from 'vscode';

import { registerCommands } from './commands';
import { ServerController } from './controller';
import { ResolvedRoleDocuments } from './resolvedRole';

let controller: ServerController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  controller = new ServerController(context);
  controller.output.info(`activating rolekit ${context.extension.packageJSON.version} (extension host up ${(process.uptime() * 1000).toFixed(0)} ms)`);
  context.subscriptions.push(controller);
  const resolved = new ResolvedRoleDocuments(controller);
  context.subscriptions.push(resolved);
  registerCommands(context, controller, resolved);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('rolekit.server.path')) {
        void controller?.restart('the server setting changed');
      }
    }),
  );
  await controller.start();
}

export async function deactivate(): Promise<void> {
  await controller?.stop();
  controller = undefined;
}
