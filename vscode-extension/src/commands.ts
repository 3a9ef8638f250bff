// The commands: Restart Server, Show Resolved Role, Show Output.

import * as vscode from 'vscode';

import { ServerController } from './controller';

/** The server's custom request: the role after `inherits`, as JSON (null for other files). */
export const RESOLVED_ROLE_REQUEST = 'rolekit/resolvedRole';

export function registerCommands(context: vscode.ExtensionContext, controller: ServerController): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('rolekit.restartServer', () => controller.restart('restart requested')),
    vscode.commands.registerCommand('rolekit.showOutput', () => controller.output.show(true)),
    vscode.commands.registerCommand('rolekit.showResolvedRole', () => showResolvedRole(controller)),
  );
}

async function showResolvedRole(controller: ServerController): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage('rolekit: open a role file (Markdown) to see its resolved role.');
    return;
  }
  const client = controller.client;
  if (!client?.isRunning()) {
    void vscode.window.showWarningMessage('rolekit: the language server is not running.');
    return;
  }
  let role: unknown;
  try {
    role = await client.sendRequest(RESOLVED_ROLE_REQUEST, { uri: editor.document.uri.toString() });
  } catch (e) {
    controller.output.error(`${RESOLVED_ROLE_REQUEST} failed: ${String(e)}`);
    void vscode.window.showErrorMessage(`rolekit: could not resolve the role: ${String(e)}`);
    return;
  }
  if (role === null || role === undefined) {
    void vscode.window.showInformationMessage('rolekit: this file is not a role file.');
    return;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'json', content: `${JSON.stringify(role, null, 2)}\n` });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
}
