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
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';

import { EXT, ROOT } from '../lsp-session.mjs';

const CODE_SERVER = process.env.CODE_SERVER ?? path.join(ROOT, 'scripts', 'tools', 'code-server', 'node_modules', '.bin', 'code-server');
const VERSION = JSON.parse(fs.readFileSync(path.join(EXT, 'package.json'), 'utf8')).version;
const VSIX = process.env.ROLEKIT_VSIX ?? path.join(EXT, `rolekit-${VERSION}.vsix`);
const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts');
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let tmp, workspace, userData, server, browser, page;
const serverLog = [];
const workerConsole = [];

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitFor(check, ms, what) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}\ncode-server:\n${serverLog.join('').slice(-2000)}\nworker console:\n${workerConsole.slice(-40).join('\n')}`);
}

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

before(async () => {
  assert.ok(fs.existsSync(CODE_SERVER), `code-server missing at ${CODE_SERVER} (bash scripts/setup.sh vscode)`);
  assert.ok(fs.existsSync(VSIX), `${VSIX} missing (bash scripts/build-vscode.sh --package)`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rolekit-code-server-web-'));
  workspace = path.join(tmp, 'workspace');
  userData = path.join(tmp, 'user-data');
  fs.cpSync(path.join(ROOT, 'tests', 'fixtures', 'editors'), workspace, { recursive: true });
  fs.writeFileSync(path.join(tmp, 'config.yaml'), 'auth: none\ncert: false\n');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'update.mode': 'none',
    'chat.commandCenter.enabled': false,
    'markdown.validate.enabled': false,
    // Run the extension as a web extension: its `browser` entry, in the web worker.
    'remote.extensionKind': { 'rolekit.rolekit': ['web'] },
  }, null, 2));
  const args = ['--config', path.join(tmp, 'config.yaml'), '--user-data-dir', userData, '--extensions-dir', path.join(tmp, 'extensions')];
  const install = spawnSync(CODE_SERVER, [...args, '--install-extension', VSIX], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(install.status, 0, `--install-extension failed:\n${install.stdout}\n${install.stderr}`);

  const port = await freePort();
  server = spawn(CODE_SERVER, [
    ...args, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--ignore-last-opened', workspace,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.on('data', (d) => serverLog.push(d.toString()));
  server.stderr.on('data', (d) => serverLog.push(d.toString()));
  await waitFor(() => serverLog.join('').includes('HTTP server listening'), 60_000, 'code-server to listen');

  browser = await chromium.launchPersistentContext(path.join(tmp, 'chromium'), {
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
    viewport: { width: 1400, height: 860 },
  });
  page = browser.pages()[0] ?? (await browser.newPage());
  // The web worker extension host's console (its errors, if any).
  page.on('worker', (w) => workerConsole.push(`[worker] ${w.url()}`));
  page.on('console', (m) => workerConsole.push(`[${m.type()}] ${m.text()}`));
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.getByRole('treeitem', { name: 'platform-engineer.md' }).waitFor({ timeout: 60_000 });
});

after(async () => {
  await browser?.close();
  server?.kill();
  if (tmp && !process.env.KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
  else if (tmp) console.log(`# kept ${tmp}`);
});

/** Runs the command titled exactly `title` from the Command Palette. */
async function runCommand(title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const row = page.locator(`.quick-input-list .monaco-list-row[aria-label="${title}"], .quick-input-list .monaco-list-row[aria-label^="${title}, "]`);
  await row.first().waitFor({ timeout: 30_000 });
  await row.first().click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

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
  assert.match(text, /read the workspace through vscode\.workspace\.fs: \d+ folders, \d+ files/);
  assert.match(text, /WebAssembly server loaded in [\d.]+ ms/);
  const first = text.match(/first diagnostics \(.*?\) (\d+) ms after activation; wasm server, ([\d.]+) MB of memory/);
  assert.ok(first, text.slice(-2000));
  console.log(`# web worker: activation → first diagnostics ${first[1]} ms, ${first[2]} MB; ${text.match(/WebAssembly server loaded in [\d.]+ ms/)[0]}`);
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
