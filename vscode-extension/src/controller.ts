// The language client's life cycle: start, stop, restart, and what the
// status bar and the log say about it; the same on the desktop and the web
// (the host, host.ts, decides which server runs and how).

import * as vscode from 'vscode';
import { LanguageClientOptions, State } from 'vscode-languageclient';

import { RolekitLanguageClient } from './client';
import { ServerHost, WasmInstance } from './host';
import { editorLogLevel, LogChannel } from './logChannel';
import { CURSOR_RULES } from './selector';
import { ServerKind, StatusItem } from './status';
import { createTraceChannel } from './traceChannel';

/** The `rolekit` settings the server reads (`rolekit.rules`, `rolekit.roleGlobs`). */
function serverSettings(): { rules: Record<string, string>; roleGlobs: string[] } {
  const config = vscode.workspace.getConfiguration('rolekit');
  return { rules: config.get('rules', {}), roleGlobs: config.get('roleGlobs', []) };
}

export class ServerController implements vscode.Disposable {
  readonly output: LogChannel;
  private readonly trace: LogChannel;
  private readonly status: StatusItem;
  private readonly started = new vscode.EventEmitter<void>();
  /** Fires each time a server is up (the first start and every restart). */
  readonly onDidStart = this.started.event;
  private readonly activatedAt = performance.now();
  private languageClient: RolekitLanguageClient | undefined;
  private wasm: WasmInstance | undefined;
  private kind: ServerKind = 'wasm';
  private firstDiagnosticsLogged = false;
  private cursorRulesWatcher: vscode.FileSystemWatcher | undefined;
  /** Milliseconds after activation: the server loaded, the client initialized. */
  private readonly marks: string[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly host: ServerHost,
  ) {
    this.output = new LogChannel('rolekit', editorLogLevel());
    this.status = new StatusItem(host.documents);
    this.trace = createTraceChannel();
    // Pushed or pulled, the server's diagnostics land in VS Code's collection.
    const watch = vscode.languages.onDidChangeDiagnostics((e) => {
      for (const uri of e.uris) {
        const ours = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'rolekit');
        if (ours.length > 0) {
          this.noteFirstDiagnostics(uri, ours.length);
          watch.dispose();
          return;
        }
      }
    });
    context.subscriptions.push(watch);
  }

  get client(): RolekitLanguageClient | undefined {
    return this.languageClient;
  }

  async start(): Promise<void> {
    const clientOptions: LanguageClientOptions = {
      // Every Markdown file and Cursor rule goes to the server; it decides which are role or agent files.
      documentSelector: this.host.documents,
      // The server watches `**/*.md` itself; Cursor rules are watched here.
      synchronize: { configurationSection: 'rolekit', fileEvents: this.cursorRules() },
      initializationOptions: { settings: serverSettings() },
      outputChannel: this.output,
      traceOutputChannel: this.trace,
    };
    const { client, kind } = this.host.createClient(clientOptions, {
      context: this.context,
      output: this.output,
      wasmStarted: (server) => {
        this.wasm = server;
        this.output.info(`WebAssembly server loaded in ${server.loadMs.toFixed(1)} ms`);
        this.mark('server loaded');
        void server.exited.then((code) => {
          if (code !== 0) this.output.warn(`the WebAssembly server ended with code ${code}`);
        });
      },
    });
    this.kind = kind;
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) {
        this.status.running(this.kind, this.detail());
        this.started.fire();
      } else if (e.newState === State.Starting) this.status.starting(this.kind);
      else this.status.stopped('stopped');
    });
    this.languageClient = client;
    this.status.starting(this.kind);
    try {
      await client.start();
      this.mark('initialized');
      this.status.running(this.kind, this.detail());
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.output.error(`the server did not start: ${message}`);
      this.status.stopped(message);
      void vscode.window.showErrorMessage(`rolekit: the language server did not start: ${message}`, 'Show Log').then((choice) => {
        if (choice) this.output.show(true);
      });
    }
  }

  async stop(): Promise<void> {
    const client = this.languageClient;
    this.languageClient = undefined;
    this.wasm = undefined;
    if (!client) return;
    try {
      if (client.needsStop()) await client.stop(2000);
    } catch (e) {
      this.output.warn(`stopping the server: ${String(e)}`);
    }
    await client.dispose().catch(() => {});
  }

  async restart(reason: string): Promise<void> {
    this.output.info(`restarting the server: ${reason}`);
    await this.stop();
    await this.start();
  }

  dispose(): void {
    void this.stop();
    this.status.dispose();
    this.started.dispose();
    this.trace.dispose();
    this.output.dispose();
  }

  /** The watcher of Cursor rules, made once and kept across restarts of the server. */
  private cursorRules(): vscode.FileSystemWatcher {
    if (!this.cursorRulesWatcher) {
      this.cursorRulesWatcher = vscode.workspace.createFileSystemWatcher(CURSOR_RULES);
      this.context.subscriptions.push(this.cursorRulesWatcher);
    }
    return this.cursorRulesWatcher;
  }

  private mark(what: string): void {
    if (!this.firstDiagnosticsLogged) this.marks.push(`${what} at ${(performance.now() - this.activatedAt).toFixed(0)} ms`);
  }

  private detail(): string {
    if (this.kind === 'wasm' && this.wasm) return `${(this.wasm.memoryBytes() / (1024 * 1024)).toFixed(1)} MB of memory`;
    return '';
  }

  /** Logs how long the first diagnostics took (the activation-time figure). */
  private noteFirstDiagnostics(uri: vscode.Uri, count: number): void {
    if (this.firstDiagnosticsLogged) return;
    this.firstDiagnosticsLogged = true;
    const ms = performance.now() - this.activatedAt;
    const file = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    const memory = this.kind === 'wasm' && this.wasm ? `, ${this.detail()}` : '';
    this.output.info(`first diagnostics (${count} for ${file}) ${ms.toFixed(0)} ms after activation; ${this.kind} server${memory} (${this.marks.join(', ')})`);
    this.status.running(this.kind, this.detail());
  }
}
