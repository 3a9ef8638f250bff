// The extension's log and trace channels (src/logChannel.ts) with a stand-in
// `vscode`: every line carries the time it was logged, in VS Code's log
// format, and the level filters what is written. (VS Code's LogOutputChannel
// stamps lines when its channel is ready, so everything logged during
// activation came out with one time; the code-server test checks the real log.)

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createFakeVscode, loadModule } from './fake-vscode.mjs';

function setup() {
  const vscode = createFakeVscode();
  const { LogChannel, editorLogLevel } = loadModule('logChannel', vscode);
  let now = new Date(2026, 0, 31, 14, 5, 9, 7);
  const channel = new LogChannel('rolekit', editorLogLevel(), () => now);
  const advance = (ms) => (now = new Date(now.getTime() + ms));
  return { vscode, channel, output: vscode.channels[0], advance };
}

test('each line is stamped when it is logged, not when it is shown', () => {
  const { channel, output, advance } = setup();
  channel.info('activating');
  advance(63);
  channel.info('server loaded');
  advance(1295);
  channel.warn('first diagnostics');
  assert.deepEqual(output.lines, [
    '2026-01-31 14:05:09.007 [info] activating\n',
    '2026-01-31 14:05:09.070 [info] server loaded\n',
    '2026-01-31 14:05:10.365 [warning] first diagnostics\n',
  ]);
  assert.equal(output.languageId, 'log');
});

test('the level follows VS Code\'s log level', () => {
  const { vscode, channel, output } = setup();
  const levels = [];
  channel.onDidChangeLogLevel((l) => levels.push(l));
  channel.debug('hidden at info');
  channel.trace('hidden at info');
  channel.error(new Error('shown'));
  vscode.setLogLevel(vscode.LogLevel.Trace);
  channel.trace('shown at trace');
  vscode.setLogLevel(vscode.LogLevel.Off);
  channel.error('hidden when off');
  assert.equal(output.lines.length, 2);
  assert.match(output.lines[0], /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \[error\] Error: shown\n/);
  assert.match(output.lines[1], /\[trace\] shown at trace\n$/);
  assert.deepEqual(levels, [vscode.LogLevel.Trace, vscode.LogLevel.Off]);
  assert.equal(channel.logLevel, vscode.LogLevel.Off);
});

test('writes after dispose are dropped, not thrown', () => {
  const { channel, output } = setup();
  channel.dispose();
  channel.error('late');
  channel.appendLine('late');
  assert.equal(output.disposed, true);
  assert.deepEqual(output.lines, []);
});
