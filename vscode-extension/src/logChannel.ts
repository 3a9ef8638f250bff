// An output channel with log levels whose every line carries the time it was
// written. VS Code's own LogOutputChannel stamps a line when the channel gets
// to write it, and lines written before the channel is ready (all of
// activation) come out with one and the same time; this channel stamps each
// line when it is logged (logFormat.ts) and writes it to a plain channel in
// the same format. The level follows a LevelSource: VS Code's log level for
// the extension's log, the `rolekit.trace.server` setting for the trace.

import * as vscode from 'vscode';

import { formatLogLine, LogLevelName } from './logFormat';

/** Where a channel's level comes from, and when it changes. */
export interface LevelSource extends vscode.Disposable {
  readonly level: vscode.LogLevel;
  readonly onDidChange: vscode.Event<vscode.LogLevel>;
}

/** VS Code's log level (Developer: Set Log Level… → Default). */
export function editorLogLevel(): LevelSource {
  return { get level() { return vscode.env.logLevel; }, onDidChange: vscode.env.onDidChangeLogLevel, dispose() {} };
}

export class LogChannel implements vscode.LogOutputChannel {
  private readonly channel: vscode.OutputChannel;
  private disposed = false;

  constructor(
    readonly name: string,
    private readonly levels: LevelSource,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.channel = vscode.window.createOutputChannel(name, 'log');
  }

  get logLevel(): vscode.LogLevel {
    return this.levels.level;
  }

  get onDidChangeLogLevel(): vscode.Event<vscode.LogLevel> {
    return this.levels.onDidChange;
  }

  trace(message: string): void {
    this.log(vscode.LogLevel.Trace, 'trace', message);
  }
  debug(message: string): void {
    this.log(vscode.LogLevel.Debug, 'debug', message);
  }
  info(message: string): void {
    this.log(vscode.LogLevel.Info, 'info', message);
  }
  warn(message: string): void {
    this.log(vscode.LogLevel.Warning, 'warning', message);
  }
  error(error: string | Error): void {
    this.log(vscode.LogLevel.Error, 'error', error instanceof Error ? (error.stack ?? error.message) : error);
  }

  append(value: string): void {
    if (!this.disposed) this.channel.append(value);
  }
  appendLine(value: string): void {
    if (!this.disposed) this.channel.appendLine(value);
  }
  replace(value: string): void {
    if (!this.disposed) this.channel.replace(value);
  }
  clear(): void {
    if (!this.disposed) this.channel.clear();
  }
  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (!this.disposed) this.channel.show(typeof columnOrPreserveFocus === 'boolean' ? columnOrPreserveFocus : preserveFocus);
  }
  hide(): void {
    if (!this.disposed) this.channel.hide();
  }
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.levels.dispose();
    this.channel.dispose();
  }

  /** Writes one line if `level` is enabled, stamped now. */
  private log(level: vscode.LogLevel, name: LogLevelName, message: string): void {
    const current = this.levels.level;
    if (this.disposed || current === vscode.LogLevel.Off || level < current) return;
    this.channel.appendLine(formatLogLine(this.now(), name, message));
  }
}
