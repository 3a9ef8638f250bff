// The agent-file formats reach the server in the editor too: Cursor rules
// (`.cursor/rules/**/*.mdc`, not Markdown to VS Code) are in the document
// selector, activate the extension, and are listed by the desktop host's
// `listDirectory` (the web host's listing asks the same `isAgentFile`); the
// Markdown formats (`.claude/agents`, `SKILL.md`, `*.agent.md`, ...) are
// Markdown, served as before.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';

import { createFakeVscode, loadModule } from './fake-vscode.mjs';
import { EXT } from './lsp-session.mjs';

const require = createRequire(import.meta.url);

test('the document selector takes Markdown, Cursor rules and registries, not other .mdc or .json files', () => {
  const vscode = createFakeVscode();
  const { ROLE_DOCUMENTS, documentsIn, isAgentFile } = loadModule('selector', vscode);
  const { StatusItem } = loadModule('status', vscode);
  new StatusItem(ROLE_DOCUMENTS);
  const item = vscode.statusItems[0];
  const cases = [
    ['markdown', 'file', '/w/.claude/agents/reviewer.md', true],
    ['markdown', 'file', '/w/pdf-tools/SKILL.md', true],
    ['markdown', 'file', '/w/.github/agents/planner.agent.md', true],
    ['plaintext', 'file', '/w/.cursor/rules/style.mdc', true],
    ['mdc', 'file', '/w/app/.cursor/rules/ts/standards.mdc', true],
    ['plaintext', 'file', '/w/content/page.mdc', false],
    ['plaintext', 'git', '/w/.cursor/rules/style.mdc', false],
    ['json', 'file', '/w/data/agents/registry.json', true],
    ['json', 'file', '/w/package.json', false],
  ];
  for (const [language, scheme, file, shown] of cases) {
    vscode.openEditor(language, scheme, file);
    assert.equal(item.visible, shown, `${scheme}:${file} (${language})`);
  }
  assert.deepEqual(
    documentsIn(['vscode-vfs', 'untitled']).map((f) => f.pattern ?? f.language),
    ['markdown', '**/.cursor/rules/**/*.mdc', '**/registry.json', 'markdown'],
    'the web host: every scheme of the window, untitled documents by language only',
  );
  assert.ok(isAgentFile('a.MDC') && isAgentFile('SKILL.md') && !isAgentFile('a.mdx'));
});

test('the extension activates on Cursor rules', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(EXT, 'package.json'), 'utf8'));
  assert.ok(manifest.activationEvents.includes('onLanguage:markdown'));
  assert.ok(manifest.activationEvents.includes('workspaceContains:**/.cursor/rules/**/*.mdc'));
});

test('the desktop host lists .mdc files beside .md files', () => {
  const { listDirectory } = require(path.join(EXT, 'dist', 'wasm-server.js'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rolekit-mdc-'));
  try {
    fs.mkdirSync(path.join(dir, 'rules'));
    for (const f of ['style.mdc', 'notes.md', 'data.json']) fs.writeFileSync(path.join(dir, f), '---\n---\n');
    const folder = `${pathToFileURL(dir).href}/`;
    const listed = listDirectory(folder);
    assert.deepEqual(listed.files, [`${folder}notes.md`, `${folder}style.mdc`]);
    assert.deepEqual(listed.folders, [`${folder}rules/`]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
