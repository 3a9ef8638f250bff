// The status bar item: the server's state at a glance; a click opens the log.
// Shown only while the active editor holds a document rolekit serves
// (selector.ts), like a language's own status items.

import * as vscode from 'vscode';

export type ServerKind = 'wasm' | 'native';

const KIND_LABEL: Record<ServerKind, string> = {
  wasm: 'built-in WebAssembly server',
  native: 'native server',
};

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly listeners: vscode.Disposable[];

  constructor(private readonly selector: vscode.DocumentSelector) {
    this.item = vscode.window.createStatusBarItem('rolekit.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'rolekit';
    this.item.command = 'rolekit.showOutput';
    this.listeners = [
      vscode.window.onDidChangeActiveTextEditor(() => this.updateVisibility()),
      // A language change (Change Language Mode) reopens the document.
      vscode.workspace.onDidOpenTextDocument(() => this.updateVisibility()),
    ];
    this.updateVisibility();
  }

  starting(kind: ServerKind): void {
    this.set('$(sync~spin) rolekit', `rolekit: starting the ${KIND_LABEL[kind]}…`);
  }

  running(kind: ServerKind, detail: string): void {
    this.set('$(check) rolekit', `rolekit: ${KIND_LABEL[kind]} running${detail ? ` (${detail})` : ''}. Click for the log.`);
  }

  stopped(reason: string): void {
    this.set('$(error) rolekit', `rolekit: the server is not running: ${reason}. Click for the log; "rolekit: Restart Server" starts it again.`, true);
  }

  private set(text: string, tooltip: string, error = false): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = error ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  private updateVisibility(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (document && vscode.languages.match(this.selector, document) > 0) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    for (const l of this.listeners) l.dispose();
    this.item.dispose();
  }
}
