// rolekit for desktop VS Code (the `main` entry): the built-in WebAssembly
// server in the Node extension host, or a native `rolekit lsp` when
// `rolekit.server.path` is set (nodeHost.ts). VS Code for the web runs
// web/extension.ts instead; both activate through activate.ts.

import * as vscode from 'vscode';

import { activateWith, deactivateAll } from './activate';
import { nodeHost } from './nodeHost';

export function activate(context: vscode.ExtensionContext): Promise<void> {
  return activateWith(context, nodeHost);
}

export function deactivate(): Promise<void> {
  return deactivateAll();
}
