// The status bar item (src/status.ts) with a stand-in `vscode`: shown only
// while the active editor holds a document rolekit serves (Markdown, on disk
// or untitled); the code-server test checks it in real VS Code.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createFakeVscode, loadModule } from './fake-vscode.mjs';

const SELECTOR = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'untitled', language: 'markdown' },
];

test('the status item shows only for Markdown editors', () => {
  const vscode = createFakeVscode();
  const { StatusItem } = loadModule('status', vscode);
  const status = new StatusItem(SELECTOR);
  const item = vscode.statusItems[0];
  assert.equal(item.visible, false, 'no editor: hidden');
  vscode.openEditor('markdown');
  assert.equal(item.visible, true, 'a Markdown file');
  vscode.openEditor('json');
  assert.equal(item.visible, false, 'a JSON file');
  vscode.openEditor('markdown', 'untitled');
  assert.equal(item.visible, true, 'an untitled Markdown file');
  vscode.openEditor('markdown', 'git');
  assert.equal(item.visible, false, 'a Markdown file at a git revision (not served)');
  vscode.closeEditors();
  assert.equal(item.visible, false, 'no editor');
  status.dispose();
});

test('the state is kept while hidden and shown again with the editor', () => {
  const vscode = createFakeVscode();
  const { StatusItem } = loadModule('status', vscode);
  const status = new StatusItem(SELECTOR);
  const item = vscode.statusItems[0];
  vscode.openEditor('plaintext');
  status.stopped('the server crashed');
  assert.equal(item.visible, false);
  vscode.openEditor('markdown');
  assert.equal(item.visible, true);
  assert.match(item.text, /\$\(error\) rolekit/);
  assert.equal(item.backgroundColor.id, 'statusBarItem.errorBackground');
  status.running('wasm', '1.5 MB of memory');
  assert.match(item.tooltip, /built-in WebAssembly server running \(1\.5 MB of memory\)/);
  assert.equal(item.backgroundColor, undefined);
  status.dispose();
});
