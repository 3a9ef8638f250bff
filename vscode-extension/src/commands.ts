// The commands: Restart Server, Show Resolved Role, Show Output, and
// `rolekit.showReferences`, which the server's "inherited by N" code lens runs.

import * as vscode from 'vscode';

import { ServerController } from './controller';
import { ResolvedRoleDocuments } from './resolvedRole';

export function registerCommands(context: vscode.ExtensionContext, controller: ServerController, resolved: ResolvedRoleDocuments): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('rolekit.restartServer', () => controller.restart('restart requested')),
    vscode.commands.registerCommand('rolekit.showOutput', () => controller.output.show(true)),
    vscode.commands.registerCommand('rolekit.showResolvedRole', () => showResolvedRole(resolved)),
    vscode.commands.registerCommand('rolekit.showReferences', showReferences),
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

interface LspPosition {
  line: number;
  character: number;
}
interface LspLocation {
  uri: string;
  range: { start: LspPosition; end: LspPosition };
}

/** The code lens's arguments (LSP JSON: uri, position, locations) shown in VS Code's references peek. */
async function showReferences(uri: string, position: LspPosition, locations: LspLocation[]): Promise<void> {
  const pos = (p: LspPosition) => new vscode.Position(p.line, p.character);
  await vscode.commands.executeCommand(
    'editor.action.showReferences',
    vscode.Uri.parse(uri),
    pos(position),
    (locations ?? []).map((l) => new vscode.Location(vscode.Uri.parse(l.uri), new vscode.Range(pos(l.range.start), pos(l.range.end)))),
  );
}
