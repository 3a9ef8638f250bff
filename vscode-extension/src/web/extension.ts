// rolekit for VS Code for the web (the `browser` entry): the same
// activation, client and commands as the desktop (activate.ts), with the
// built-in WebAssembly server in the web-worker extension host (webHost.ts).

import * as vscode from 'vscode';

import { activateWith, deactivateAll } from '../activate';
import { webHost } from './webHost';

export function activate(context: vscode.ExtensionContext): Promise<void> {
  return activateWith(context, webHost());
}

export function deactivate(): Promise<void> {
  return deactivateAll();
}
