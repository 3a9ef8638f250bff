// The protocol trace channel. vscode-languageclient traces only while its
// trace channel's log level is Trace (set from the Output panel); this channel
// instead follows the `rolekit.trace.server` setting, as users expect.

import * as vscode from 'vscode';

import { LevelSource, LogChannel } from './logChannel';

export const TRACE_CHANNEL_NAME = 'rolekit Language Server Trace';

/** Trace while `rolekit.trace.server` is `messages` or `verbose`, off otherwise. */
function traceSetting(): LevelSource {
  const read = (): vscode.LogLevel =>
    vscode.workspace.getConfiguration('rolekit').get<string>('trace.server', 'off') === 'off' ? vscode.LogLevel.Off : vscode.LogLevel.Trace;
  const changed = new vscode.EventEmitter<vscode.LogLevel>();
  const watcher = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('rolekit.trace.server')) changed.fire(read());
  });
  return {
    get level() {
      return read();
    },
    onDidChange: changed.event,
    dispose() {
      watcher.dispose();
      changed.dispose();
    },
  };
}

export function createTraceChannel(): LogChannel {
  return new LogChannel(TRACE_CHANNEL_NAME, traceSetting());
}
