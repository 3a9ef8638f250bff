// The protocol trace channel. vscode-languageclient traces only while its
// trace channel's log level is Trace (set from the Output panel); this channel
// instead follows the `rolekit.trace.server` setting, as users expect, and
// writes plain timestamped lines.

import * as vscode from 'vscode';

export class TraceChannel implements vscode.LogOutputChannel {
  readonly name = 'rolekit Language Server Trace';
  private readonly channel = vscode.window.createOutputChannel(this.name);
  private readonly changed = new vscode.EventEmitter<vscode.LogLevel>();
  private readonly watcher: vscode.Disposable;
  readonly onDidChangeLogLevel = this.changed.event;

  constructor() {
    this.watcher = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('rolekit.trace.server')) this.changed.fire(this.logLevel);
    });
  }

  get logLevel(): vscode.LogLevel {
    const setting = vscode.workspace.getConfiguration('rolekit').get<string>('trace.server', 'off');
    return setting === 'off' ? vscode.LogLevel.Off : vscode.LogLevel.Trace;
  }

  trace(message: string): void {
    this.line('trace', message);
  }
  debug(message: string): void {
    this.line('debug', message);
  }
  info(message: string): void {
    this.line('info', message);
  }
  warn(message: string): void {
    this.line('warning', message);
  }
  error(error: string | Error): void {
    this.line('error', error instanceof Error ? (error.stack ?? error.message) : error);
  }

  append(value: string): void {
    this.channel.append(value);
  }
  appendLine(value: string): void {
    this.channel.appendLine(value);
  }
  replace(value: string): void {
    this.channel.replace(value);
  }
  clear(): void {
    this.channel.clear();
  }
  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    this.channel.show(typeof columnOrPreserveFocus === 'boolean' ? columnOrPreserveFocus : preserveFocus);
  }
  hide(): void {
    this.channel.hide();
  }
  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
    this.channel.dispose();
  }

  private line(level: string, message: string): void {
    this.channel.appendLine(`${new Date().toISOString()} [${level}] ${message}`);
  }
}
