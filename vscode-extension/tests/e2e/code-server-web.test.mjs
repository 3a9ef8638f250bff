// VS Code for the web, end to end: the extension's `browser` entry in the
// browser's web-worker extension host. code-server installs the packaged
// .vsix (the same package as the desktop test), and the user setting
// `remote.extensionKind` ({ "rolekit.rolekit": ["web"] }) makes the window
// run it as a web extension, as vscode.dev and github.dev do: in a Web
// Worker in Chromium, the server's files read through
// `vscode.workspace.fs` (here code-server's `vscode-remote:` file system).
// Playwright drives Debian's headless Chromium: the `tone` typo's
// diagnostic, completion of the tone values, a hover, the quick fix. The
// extension's log (the Output panel: its log file lives in the browser)
// shows the web host ran it, and code-server's own extension host never
// loaded it.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';

import { ARTIFACTS, startCodeServer } from './code-server.mjs';

let session, userData, page;
const workerConsole = [];

before(async () => {
  session = await startCodeServer({
    prefix: 'rolekit-code-server-web-',
    // Run the extension as a web extension: its `browser` entry, in the web worker.
    settings: { 'remote.extensionKind': { 'rolekit.rolekit': ['web'] } },
    describe: () => `\nworker console:\n${workerConsole.slice(-40).join('\n')}`,
  });
  ({ userData, page } = session);
  // The web worker extension host's console (its errors, if any).
  page.on('worker', (w) => workerConsole.push(`[worker] ${w.url()}`));
  page.on('console', (m) => workerConsole.push(`[${m.type()}] ${m.text()}`));
  await session.open();
});

after(() => session?.stop());

const waitFor = (check, ms, what) => session.waitFor(check, ms, what);

async function screenshot(name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `vscode-web-${name}.png`) });
}

/** Wraps `fn` so that a failure leaves a screenshot. */
async function shot(name, fn) {
  try {
    return await fn();
  } catch (e) {
    await screenshot(`failure-${name}`).catch(() => {});
    throw e;
  }
}

const runCommand = (title) => session.runCommand(title);

/** Moves the cursor to `line`:`column` (1-based) in the active editor. */
async function goTo(line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

const problemCount = () => page.locator('#status\\.problems').innerText().catch(() => '');
const editor = () => page.locator('.monaco-editor .view-lines').first();

test('in the web worker: the tone typo is diagnosed with its rule id', async () => {
  await page.getByRole('treeitem', { name: 'platform-engineer.md' }).click();
  const opened = Date.now();
  await editor().waitFor();
  await shot('diagnostic', async () => {
    await waitFor(async () => /\b1\b/.test(await problemCount()), 60_000, 'the error count');
    console.log(`# click on the file → its error counted in the status bar: ${Date.now() - opened} ms`);
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'concise-technicl' });
    await row.first().waitFor({ timeout: 30_000 });
    const text = await row.first().innerText();
    assert.match(text, /is not a valid `tone`/);
    assert.match(text, /invalid-enum/);
    assert.match(text, /\[Ln 6, Col 7\]/);
  });
  await screenshot('problems');
});

test('in the web worker: completion of the tone values', async () => {
  await editor().click();
  await goTo(6, 7);
  const widget = page.locator('.editor-widget.suggest-widget');
  for (let attempt = 0; attempt < 3 && !(await widget.isVisible()); attempt++) {
    await page.keyboard.press('Control+Space');
    await widget.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {});
  }
  await shot('completion', async () => {
    await widget.locator('.monaco-list-row', { hasText: 'pedagogical' }).first().waitFor({ timeout: 30_000 });
    const labels = (await widget.locator('.monaco-list-row .label-name').allInnerTexts()).join(', ');
    assert.match(labels, /assertive/);
    assert.match(labels, /collaborative/);
  });
  await screenshot('completion');
  await page.keyboard.press('Escape');
});

test('in the web worker: hover on a key shows its documentation', async () => {
  const line = page.locator('.monaco-editor .view-line', { hasText: 'concise-technicl' }).first();
  await line.locator('span', { hasText: /^tone/ }).first().hover();
  await shot('hover', () => page.locator('.monaco-hover-content', { hasText: 'concise-technical' }).first().waitFor({ state: 'visible', timeout: 30_000 }));
  await screenshot('hover');
  await page.mouse.move(0, 0);
});

test('in the web worker: the quick fix corrects the typo and the error goes', async () => {
  await editor().click();
  await goTo(6, 8);
  await page.keyboard.press('Control+.');
  const action = page.locator('.action-widget .monaco-list-row', { hasText: 'concise-technical' });
  await shot('quick-fix', () => action.first().waitFor({ timeout: 30_000 }));
  await screenshot('quick-fix');
  // The action list takes the keyboard (a pointer block covers it): move to the fix, apply it.
  const focused = page.locator('.action-widget .monaco-list-row.focused');
  for (let i = 0; i < 5 && !/concise-technical/.test((await focused.getAttribute('aria-label').catch(() => '')) ?? ''); i++) {
    await page.keyboard.press('ArrowDown');
  }
  assert.match(await focused.getAttribute('aria-label'), /Change to `concise-technical`/);
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-line', { hasText: 'tone: concise-technical' }).first().waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('.monaco-editor .view-line', { hasText: 'concise-technicl' }).count(), 0);
  await shot('fixed', () => waitFor(async () => /\b0\b.*\b0\b/s.test(await problemCount()), 30_000, 'no problem left'));
});

test('the web host ran it: the log says so, and code-server\'s own extension host never loaded it', async () => {
  await runCommand('rolekit: Show Output');
  const output = page.locator('.output-view, .panel .monaco-editor').first();
  let text = '';
  await shot('output', () => waitFor(async () => {
    text = (await page.locator('.panel .monaco-editor .view-lines').first().innerText().catch(() => '')).replace(/\s+/g, ' ');
    return /first diagnostics/.test(text);
  }, 30_000, 'the rolekit log in the Output panel'));
  assert.ok(await output.count());
  // The Output panel wraps long lines, at punctuation too (`1.` + `5 MB`): match without white space.
  const flat = text.replace(/\s+/g, '');
  assert.match(flat, /readtheworkspacethroughvscode\.workspace\.fs:\d+folders,\d+files/);
  const loaded = flat.match(/WebAssemblyserverloadedin([\d.]+)ms/);
  assert.ok(loaded, text.slice(-2000));
  const first = flat.match(/firstdiagnostics\(.*?\)(\d+)msafteractivation;wasmserver,([\d.]+)MBofmemory/);
  assert.ok(first, text.slice(-2000));
  console.log(`# web worker: activation → first diagnostics ${first[1]} ms, ${first[2]} MB; WebAssembly server loaded in ${loaded[1]} ms`);
  assert.doesNotMatch(text, /\[error\]/);
  // code-server's Node extension host writes its extensions' logs to disk: none from rolekit.
  const logs = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else logs.push(e.name);
    }
  };
  if (fs.existsSync(path.join(userData, 'logs'))) walk(path.join(userData, 'logs'));
  assert.ok(!logs.some((n) => n.includes('rolekit')), `code-server wrote rolekit logs: ${logs.join(', ')}`);
});
