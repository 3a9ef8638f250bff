// End to end in real VS Code: code-server (VS Code in the browser) installs
// the packaged .vsix, serves a copy of tests/fixtures/editors on 127.0.0.1
// with auth off, and Playwright drives it in Debian's headless Chromium:
// open the role file with the `tone` typo, see the diagnostic with its rule
// id in the Problems panel, trigger completion and see the enum values; then
// the status item, Show Resolved Role (a read-only document), restarts, the
// settings (schema in settings.json, the Open Settings button), the native
// server, and the extension's Details page with its images.
// Screenshots go to tests/artifacts/ (and, with UPDATE_SCREENSHOTS=1, those
// the README shows are refreshed in the extension's images/).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';

import { EXT, ROOT, nativeBinary } from '../lsp-session.mjs';
import { repositoryUrl } from '../../scripts/repository.mjs';
import { ARTIFACTS, VERSION, startCodeServer } from './code-server.mjs';

const PKG = JSON.parse(fs.readFileSync(path.join(EXT, 'package.json'), 'utf8'));
const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';

let session, tmp, workspace, userData, browser, page;

before(async () => {
  session = await startCodeServer({ prefix: 'rolekit-code-server-', settings: { 'rolekit.trace.server': 'messages' } });
  ({ tmp, workspace, userData, browser, page } = session);
  assert.match(session.install.stdout, /successfully installed/);
  assert.ok(fs.existsSync(path.join(tmp, 'extensions', `rolekit.rolekit-${VERSION}`, 'server', 'rolekit_lsp_bg.wasm')));
  await session.open();
  // A window that has finished starting: VS Code's own startup extensions are
  // active, so the figure below is the time a user waits after opening a file.
  await waitFor(() => extensionHostLog().includes('Eager extensions activated'), 60_000, 'the extension host');
});

after(() => session?.stop());

const waitFor = (check, ms, what) => session.waitFor(check, ms, what);

async function screenshot(name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `vscode-${name}.png`) });
  // Only the README's screenshots (images/*.png that exist) are refreshed.
  const readmeImage = path.join(EXT, 'images', `${name}.png`);
  if (UPDATE_SCREENSHOTS && fs.existsSync(readmeImage)) await page.screenshot({ path: readmeImage });
}

/** The text of code-server's log files whose name contains `name`. */
function logFiles(name) {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.includes(name)) out.push(fs.readFileSync(full, 'utf8'));
    }
  };
  if (fs.existsSync(path.join(userData, 'logs'))) walk(path.join(userData, 'logs'));
  return out.join('\n');
}

/** VS Code's extension host log (activation events). */
const extensionHostLog = () => logFiles('remoteexthost.log');

/** The extension's own output channel (`rolekit.log`): server starts and activation figures. */
const extensionLog = () => logFiles('rolekit.log');

let openedAt;

test('opening the role file shows the tone diagnostic with its rule id in the Problems panel', async () => {
  await page.getByRole('treeitem', { name: 'platform-engineer.md' }).click();
  openedAt = Date.now();
  await page.locator('.monaco-editor .view-lines').first().waitFor();
  // The status bar's problem counter turns to one error when the server's diagnostics land.
  const counter = page.locator('#status\\.problems');
  await waitFor(async () => /\b1\b/.test((await counter.innerText().catch(() => '')) ?? ''), 30_000, 'the error count');
  const firstDiagnosticMs = Date.now() - openedAt;
  await page.keyboard.press('Control+Shift+M');
  const problems = page.locator('.markers-panel');
  await problems.waitFor({ timeout: 30_000 });
  const row = problems.locator('.monaco-list-row', { hasText: 'concise-technicl' });
  await row.first().waitFor({ timeout: 30_000 });
  const text = await row.first().innerText();
  assert.match(text, /is not a valid `tone`/);
  assert.match(text, /invalid-enum/);
  assert.match(text, /rolekit/);
  assert.match(text, /\[Ln 6, Col 7\]/);
  await screenshot('problems');
  // The status bar item says the server runs (its tooltip names the server).
  const status = page.locator('.statusbar-item', { hasText: 'rolekit' });
  await status.first().waitFor();
  assert.ok(await status.first().locator('.codicon-check').count(), 'the status item shows a check');
  console.log(`# click on the file in the explorer → its error counted in the status bar: ${firstDiagnosticMs} ms`);
});

test('completion on the tone value lists the enum values', async () => {
  // Go to line 6, column 7 (just after `tone: `) and ask for suggestions.
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(':6:7');
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  const widget = page.locator('.editor-widget.suggest-widget');
  for (let attempt = 0; attempt < 3 && !(await widget.isVisible()); attempt++) {
    await page.keyboard.press('Control+Space');
    await widget.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {});
  }
  try {
    await widget.locator('.monaco-list-row', { hasText: 'pedagogical' }).first().waitFor({ timeout: 30_000 });
  } catch (e) {
    await screenshot('failure-completion');
    throw e;
  }
  // The list is virtualised and may be scrolled to the focused item: read it
  // from the top page and from the next one.
  const labels = new Set();
  for (const key of ['PageUp', 'PageDown']) {
    await page.keyboard.press(key);
    for (const l of await widget.locator('.monaco-list-row .label-name').allInnerTexts()) labels.add(l);
  }
  await page.keyboard.press('PageUp');
  for (const tone of ['assertive', 'collaborative', 'concise-technical', 'conversational', 'detailed-explanatory', 'pedagogical']) {
    assert.ok([...labels].some((l) => l.includes(tone)), `${tone} missing from ${[...labels].join(', ')}`);
  }
  await screenshot('completion');
  await page.keyboard.press('Escape');
});

test('hover on a key shows its documentation', async () => {
  const line = page.locator('.monaco-editor .view-line', { hasText: 'concise-technicl' }).first();
  await line.locator('span', { hasText: /^tone/ }).first().hover();
  const hover = page.locator('.monaco-hover-content', { hasText: 'concise-technical' });
  await hover.first().waitFor({ state: 'visible', timeout: 30_000 });
  await screenshot('hover');
});

/** The rolekit status bar item (its element's id ends with the item's id). */
const statusItem = () => page.locator('.statusbar-item[id$="rolekit.status"]');

test('the status item shows for Markdown editors only', async () => {
  await statusItem().waitFor({ state: 'visible' });
  await page.getByRole('treeitem', { name: 'rolekit.toml', exact: true }).click();
  await page.getByRole('tab', { name: /rolekit\.toml/ }).first().waitFor();
  await statusItem().waitFor({ state: 'detached', timeout: 10_000 });
  // (rolekit.toml took the role file's preview tab: open the file again.)
  await openRoleFile();
  await statusItem().waitFor({ state: 'visible', timeout: 10_000 });
  assert.ok(await statusItem().locator('.codicon-check').count(), 'the status item shows a check');
});

const runCommand = (title) => session.runCommand(title);

/** Opens the role file with the tone typo from the explorer. */
async function openRoleFile() {
  await page.getByRole('treeitem', { name: 'platform-engineer.md', exact: true }).click();
  await page.getByRole('tab', { name: /platform-engineer\.md/ }).first().waitFor();
}

/** The editor of the tab named `name` (the active editor of its group). */
function editorOf(name) {
  return page.locator('.editor-group-container', { has: page.locator('.tab.active', { hasText: name }) }).locator('.monaco-editor').first();
}

test('rolekit: Show Resolved Role opens a read-only document named after the role, refreshed on edits, closed without a save prompt', async () => {
  await page.getByRole('tab', { name: /platform-engineer\.md/ }).first().click();
  await runCommand('rolekit: Show Resolved Role');
  const tab = page.getByRole('tab', { name: /^platform-engineer\.resolved\.json/ });
  await tab.waitFor({ timeout: 30_000 });
  const resolved = editorOf('platform-engineer.resolved.json');
  await resolved.locator('.view-line', { hasText: '"role": "platform-engineer"' }).first().waitFor({ timeout: 30_000 });
  await resolved.locator('.view-line', { hasText: '"tone": "concise-technicl"' }).first().waitFor();
  await screenshot('resolved-role');

  // Read-only: typing is refused with VS Code's message, the text is unchanged.
  await resolved.locator('.view-line', { hasText: '"role": "platform-engineer"' }).first().click();
  await page.keyboard.type('x');
  await page.locator('.monaco-editor-overlaymessage', { hasText: /read-only/i }).first().waitFor({ timeout: 10_000 });
  assert.equal(await resolved.locator('.view-line', { hasText: 'x"role"' }).count(), 0);
  assert.equal(await resolved.locator('.view-line', { hasText: '"platform-engineerx"' }).count(), 0);

  // Refreshed when the role changes: edit the description in the source, then undo.
  const source = editorOf('platform-engineer.md');
  await source.locator('.view-line', { hasText: 'description: Senior Platform Engineer' }).first().click();
  await page.keyboard.press('End');
  await page.keyboard.type(' II');
  await resolved.locator('.view-line', { hasText: '"description": "Senior Platform Engineer II"' }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Control+Z');
  await source.locator('.view-line', { hasText: 'Engineer II' }).waitFor({ state: 'detached', timeout: 10_000 });
  await resolved.locator('.view-line', { hasText: '"description": "Senior Platform Engineer",' }).first().waitFor({ timeout: 30_000 });

  // Never dirty: closing asks nothing.
  assert.doesNotMatch((await tab.getAttribute('class')) ?? '', /\bdirty\b/);
  await tab.click();
  await runCommand('View: Close Editor');
  await tab.waitFor({ state: 'detached', timeout: 10_000 });
  assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'a dialog appeared on close');
  await openRoleFile();
});

test('the role snippet in a new empty file reports no problem: its role is named after the file', async () => {
  // The Problems panel stays open (not focused) while the editor is used.
  await runCommand('Problems: Focus on Problems View');
  fs.writeFileSync(path.join(workspace, 'qa-engineer.md'), '');
  const item = page.getByRole('treeitem', { name: 'qa-engineer.md', exact: true });
  await item.waitFor({ timeout: 30_000 });
  await item.dblclick();
  await page.getByRole('tab', { name: /qa-engineer\.md/ }).first().waitFor();
  const editor = editorOf('qa-engineer.md');
  await editor.locator('.view-lines').click();
  await page.keyboard.type('role');
  await page.keyboard.press('Control+Space');
  const snippet = page.locator('.editor-widget.suggest-widget .monaco-list-row[aria-label^="role, rolekit: new role file"]');
  await snippet.waitFor({ timeout: 30_000 });
  await snippet.click();
  await page.keyboard.press('Escape'); // leave the snippet's placeholders
  await editor.locator('.view-line', { hasText: 'role: qa-engineer' }).first().waitFor();
  await editor.locator('.view-line', { hasText: 'Why the role exists' }).first().waitFor();
  // The file is checked: renaming the role gives exactly one problem (the
  // name no longer matches the file), and undoing it leaves none at all.
  const fileRows = page.locator('.markers-panel .monaco-list-row[aria-label*="in file qa-engineer.md"]');
  await page.keyboard.press('End');
  await page.keyboard.type('x');
  await page.locator('.markers-panel .monaco-list-row[aria-label*="is `qa-engineerx` but the file is `qa-engineer.md`"]').waitFor({ timeout: 30_000 });
  assert.match(await fileRows.first().getAttribute('aria-label'), /^1 problems in file qa-engineer\.md/);
  await page.keyboard.press('Control+Z');
  await editor.locator('.view-line', { hasText: 'qa-engineerx' }).waitFor({ state: 'detached', timeout: 10_000 });
  await fileRows.waitFor({ state: 'detached', timeout: 30_000 });
  await screenshot('snippet');
  await runCommand('File: Save');
  await runCommand('View: Close Editor');
  await openRoleFile();
});

test('rolekit: Restart Server starts a new server that reports the diagnostic again', async () => {
  await runCommand('rolekit: Restart Server');
  await waitFor(() => (extensionLog().match(/WebAssembly server loaded/g) ?? []).length >= 2, 30_000, 'a second server start in the log');
  assert.match(extensionLog(), /restarting the server: restart requested/);
  const counter = page.locator('#status\\.problems');
  await waitFor(async () => /\b1\b/.test(await counter.innerText().catch(() => '')), 30_000, 'the error count after the restart');
  // An intended stop is not an error.
  assert.doesNotMatch(extensionLog(), /\[error\]|Connection to server got closed/);
});

test('rolekit.rules turns a rule off; the trace channel shows the protocol', async () => {
  // The remote (machine) settings: code-server's extension host watches them.
  const settingsFile = path.join(userData, 'Machine', 'settings.json');
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  fs.writeFileSync(settingsFile, JSON.stringify({ 'rolekit.rules': { 'invalid-enum': 'off' } }, null, 2));
  const counter = page.locator('#status\\.problems');
  try {
    await waitFor(async () => /\b0\b.*\b0\b/s.test(await counter.innerText().catch(() => '')), 30_000, 'no problems with invalid-enum off');
  } catch (e) {
    await screenshot('failure-rules');
    throw new Error(`${e.message}\nstatus: ${await counter.innerText().catch(() => '?')}\ntrace:\n${logFiles('Trace').slice(-3000)}`);
  }
  fs.writeFileSync(settingsFile, '{}');
  await waitFor(async () => /\b1\b/.test(await counter.innerText().catch(() => '')), 30_000, 'the error back with the rule on');
  const trace = logFiles('Trace');
  assert.match(trace, /Sending request 'initialize/);
  assert.match(trace, /workspace\/didChangeConfiguration/);
});

/** The machine (remote) settings: code-server's extension host reads machine-scoped settings from there. */
function writeMachineSettings(settings) {
  const file = path.join(userData, 'Machine', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
}

/** The Problems panel's rows whose text matches `text`. */
async function problemRows(text) {
  await runCommand('Problems: Focus on Problems View');
  return page.locator('.markers-panel .monaco-list-row', { hasText: text });
}

test('a misspelt rule id or level in rolekit.rules is flagged in settings.json', async () => {
  const file = path.join(userData, 'User', 'settings.json');
  const original = fs.readFileSync(file, 'utf8');
  try {
    const settings = JSON.parse(original);
    settings['rolekit.rules'] = { 'invalid-lenght': 'off', mojibake: 'of', 'missing-section': 'error' };
    fs.writeFileSync(file, JSON.stringify(settings, null, 2));
    await runCommand('Preferences: Open User Settings (JSON)');
    await page.getByRole('tab', { name: /settings\.json/ }).first().waitFor();
    const unknown = await problemRows('invalid-lenght');
    await unknown.first().waitFor({ timeout: 30_000 });
    assert.match(await unknown.first().innerText(), /not allowed/i);
    const level = await problemRows(/Value is not accepted/);
    await level.first().waitFor({ timeout: 30_000 });
    assert.match(await level.first().innerText(), /"off"/);
    // The known id with a valid level is not flagged: exactly these two problems in settings.json.
    const rows = await page.locator('.markers-panel .monaco-list-row', { hasText: /not allowed|not accepted/ }).count();
    assert.equal(rows, 2);
    await screenshot('settings-rules-typo');
  } finally {
    fs.writeFileSync(file, original);
    await runCommand('View: Close Editor');
  }
});

test('the rolekit.server.path warning opens the setting in the Remote settings (code-server is a remote window)', async () => {
  writeMachineSettings({ 'rolekit.server.path': '/nonexistent/rolekit' });
  const toast = page.locator('.notification-toast', { hasText: 'is not an executable file' });
  await toast.first().waitFor({ timeout: 30_000 });
  await toast.first().locator('.monaco-button', { hasText: 'Open Settings' }).click();
  const editor = page.locator('.settings-editor');
  await editor.waitFor({ timeout: 30_000 });
  await editor.locator('.settings-tabs-widget .action-label.checked', { hasText: /Remote/ }).waitFor({ timeout: 10_000 });
  await editor.locator('.setting-item-contents', { hasText: 'Server: Path' }).first().waitFor({ timeout: 10_000 });
  assert.match(await editor.locator('.setting-item-contents', { hasText: 'Server: Path' }).first().innerText(), /does not install/);
  await screenshot('settings-remote');
  // Back to the built-in server; the warning was a warning, not an error.
  writeMachineSettings({});
  await waitFor(() => (extensionLog().match(/restarting the server: the server setting changed/g) ?? []).length >= 2, 30_000, 'the restart back to the built-in server');
  assert.match(extensionLog(), /\[warning\] rolekit\.server\.path: \/nonexistent\/rolekit is not an executable file/);
  await runCommand('View: Close Editor');
});

test('rolekit.server.path switches to the native `rolekit lsp`, with the same diagnostic', async (t) => {
  const native = nativeBinary();
  if (!native) {
    t.skip('no native binary (cargo build -p rolekit-cli, or set ROLEKIT_BIN)');
    return;
  }
  // As a user editing the settings: the extension restarts on the change. The
  // setting is machine-overridable, so in code-server (a remote window) it is
  // read from the machine's settings, not the browser user's.
  await openRoleFile();
  writeMachineSettings({ 'rolekit.server.path': native });
  await waitFor(() => extensionLog().includes(`using the native server: ${native} lsp`), 30_000, 'the native server to start');
  const counter = page.locator('#status\\.problems');
  await waitFor(async () => /\b1\b/.test(await counter.innerText().catch(() => '')), 30_000, 'the error count from the native server');
  await page.keyboard.press('Control+Shift+M');
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'concise-technicl' });
  await row.first().waitFor({ timeout: 30_000 });
  assert.match(await row.first().innerText(), /invalid-enum/);
});

/** A file committed in this repository, for `raw/HEAD/<path>` URLs. */
function committed(file) {
  const r = spawnSync('git', ['ls-files', '--error-unmatch', file], { cwd: ROOT });
  return r.status === 0;
}

test('the extension\'s Details page shows the README with its images', async () => {
  // The page is offline here: the repository's raw/HEAD/<path> URLs are served
  // from this checkout (committed files only), anything else is a 404, so an
  // image shows only if the packaged README names a real file of the repository.
  const REPO = repositoryUrl(PKG);
  const requested = [];
  await browser.route('https://github.com/**', (route) => {
    const url = route.request().url();
    requested.push(url);
    const m = url.match(new RegExp(`^${REPO.replace(/[.]/g, '\\.')}/raw/HEAD/([^?#]+)`));
    const file = m && decodeURIComponent(m[1]);
    if (file && committed(file)) return route.fulfill({ path: path.join(ROOT, file), contentType: 'image/png' });
    return route.fulfill({ status: 404, body: 'not found' });
  });
  try {
    await page.keyboard.press('Control+Shift+X');
    const row = page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'rolekit: Role Files' });
    await row.first().waitFor({ timeout: 30_000 });
    await row.first().click();
    await page.locator('.extension-editor').waitFor({ timeout: 30_000 });
    const details = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await details.locator('h1, h2', { hasText: 'Features' }).first().waitFor({ timeout: 30_000 });
    const images = details.locator('img');
    let state = [];
    await waitFor(async () => {
      state = await images.evaluateAll((all) => all.map((i) => ({ src: i.src, loaded: i.complete && i.naturalWidth > 0, done: i.complete })));
      return state.length >= 3 && state.every((i) => i.done);
    }, 30_000, 'the README images to load or fail');
    assert.deepEqual(state.filter((i) => !i.loaded).map((i) => i.src), [], `images that did not load (requested: ${requested.join(', ')})`);
    for (const i of state) assert.match(i.src, new RegExp(`^${REPO.replace(/[.]/g, '\\.')}/raw/HEAD/vscode-extension/images/`));
    await screenshot('details');
  } finally {
    await browser.unroute('https://github.com/**');
    await runCommand('View: Close Editor');
  }
});

test('the extension logged its activation figures', () => {
  const log = extensionLog();
  const match = log.match(/first diagnostics \(.*?\) (\d+) ms after activation; wasm server, ([\d.]+) MB of memory \((.*)\)/);
  assert.ok(match, `no activation line in the extension's log:\n${log.slice(-2000)}`);
  console.log(`# activation → first diagnostics: ${match[1]} ms (WASM server, ${match[2]} MB; ${match[3]})`);
  const load = log.match(/WebAssembly server loaded in ([\d.]+) ms/);
  if (load) console.log(`# WASM module load in the extension host: ${load[1]} ms`);
  // Each line carries the time it was written: the first-diagnostics line is
  // stamped as many milliseconds after the activation line as it says.
  const stamp = (re) => {
    const line = log.split('\n').find((l) => re.test(l));
    assert.ok(line, `no line matching ${re}`);
    const [, date, time] = line.match(/^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}) \[/);
    return new Date(`${date}T${time}`).getTime();
  };
  const gap = stamp(/first diagnostics/) - stamp(/activating rolekit/);
  assert.ok(Math.abs(gap - Number(match[1])) <= 50, `the lines are ${gap} ms apart; the first diagnostics came ${match[1]} ms after activation`);
  assert.doesNotMatch(log, /\[error\]/);
});
