// Activation, shared by desktop VS Code (extension.ts, the `main` entry) and
// VS Code for the web (web/extension.ts, the `browser` entry): starts the
// language server the host provides and adds the commands, the
// resolved-role documents, the status bar item and the output channels
// around it.

import * as vscode from 'vscode';

import { registerCommands } from './commands';
import { ServerController } from './controller';
import { ServerHost } from './host';
import { ResolvedRoleDocuments } from './resolvedRole';

let controller: ServerController | undefined;

export async function activateWith(context: vscode.ExtensionContext, host: ServerHost): Promise<void> {
  controller = new ServerController(context, host);
  controller.output.info(`activating rolekit ${context.extension.packageJSON.version} (extension host up ${host.uptimeMs().toFixed(0)} ms)`);
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

export async function deactivateAll(): Promise<void> {
  await controller?.stop();
  controller = undefined;
}
