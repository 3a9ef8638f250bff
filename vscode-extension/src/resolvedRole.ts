// "Show Resolved Role": the role as a loader sees it after `inherits`, as a
// read-only virtual JSON document (`rolekit-resolved:/<role>.resolved.json`,
// the source's URI in the query) that is never dirty, so closing it asks
// nothing. Its text comes from the server (`rolekit/resolvedRole`) and is
// fetched again when a Markdown document changes or the server restarts.

import * as vscode from 'vscode';

import { ServerController } from './controller';
import { resolvedRoleFileName } from './resolvedRoleName';

export const RESOLVED_ROLE_SCHEME = 'rolekit-resolved';
/** The server's custom request: the role after `inherits`, as JSON (null for other files). */
export const RESOLVED_ROLE_REQUEST = 'rolekit/resolvedRole';
/** Edits are coalesced: the documents are fetched again this long after the last one. */
const REFRESH_DELAY_MS = 300;

export class ResolvedRoleDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** The text of each open resolved-role document, by URI. */
  private readonly texts = new Map<string, string>();
  private readonly disposables: vscode.Disposable[];
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly controller: ServerController) {
    this.disposables = [
      vscode.workspace.registerTextDocumentContentProvider(RESOLVED_ROLE_SCHEME, this),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.languageId === 'markdown' && e.contentChanges.length > 0) this.scheduleRefresh();
      }),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (d.languageId === 'markdown') this.scheduleRefresh();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.scheme === RESOLVED_ROLE_SCHEME) this.texts.delete(d.uri.toString());
      }),
      controller.onDidStart(() => this.scheduleRefresh()),
    ];
  }

  /** Opens the resolved role of `source` beside the editor. */
  async show(source: vscode.Uri): Promise<void> {
    let role: unknown;
    try {
      role = await this.fetch(source);
    } catch (e) {
      this.controller.output.error(`${RESOLVED_ROLE_REQUEST} failed: ${String(e)}`);
      void vscode.window.showErrorMessage(`rolekit: could not resolve the role: ${String(e)}`);
      return;
    }
    if (role === null || role === undefined) {
      void vscode.window.showInformationMessage('rolekit: this file is not a role file.');
      return;
    }
    const uri = vscode.Uri.from({
      scheme: RESOLVED_ROLE_SCHEME,
      path: `/${resolvedRoleFileName(role, source.path)}`,
      query: source.toString(),
    });
    this.update(uri, render(role));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const text = this.texts.get(uri.toString());
    if (text !== undefined) return text;
    // Restored with the window before the server answered: filled in once it runs.
    this.scheduleRefresh();
    return '';
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }

  private async fetch(source: vscode.Uri): Promise<unknown> {
    const client = this.controller.client;
    if (!client?.isRunning()) throw new Error('the language server is not running');
    return client.sendRequest(RESOLVED_ROLE_REQUEST, { uri: source.toString() });
  }

  private update(uri: vscode.Uri, text: string): void {
    const key = uri.toString();
    if (this.texts.get(key) === text) return;
    this.texts.set(key, text);
    this.changed.fire(uri);
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  /** Fetches every open resolved-role document again. */
  private async refresh(): Promise<void> {
    const open = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === RESOLVED_ROLE_SCHEME && !d.isClosed);
    for (const document of open) {
      try {
        const role = await this.fetch(vscode.Uri.parse(document.uri.query, true));
        this.update(document.uri, role === null || role === undefined ? '' : render(role));
      } catch (e) {
        this.controller.output.warn(`refreshing ${document.uri.path.slice(1)}: ${String(e)}`);
      }
    }
  }
}

function render(role: unknown): string {
  return `${JSON.stringify(role, null, 2)}\n`;
}
