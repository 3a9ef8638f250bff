// The commands: Restart Server, Show Resolved Role, Show Output.

import * as vscode from 'vscode';

import { ServerController } from './controller';
import { ResolvedRoleDocuments } from './resolvedRole';

export function registerCommands(context: vscode.ExtensionContext, controller: ServerController, resolved: ResolvedRoleDocuments): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('rolekit.restartServer', () => controller.restart('restart requested')),
    vscode.commands.registerCommand('rolekit.showOutput', () => controller.output.show(true)),
    vscode.commands.registerCommand('rolekit.showResolvedRole', () => showResolvedRole(resolved)),
  );
}

async function showResolvedRole(resolved: ResolvedRoleDocuments): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage('rolekit: open a role file (Markdown) to see its resolved role.');
    return;
  }
  await resolved.show(editor.document.uri);
}
