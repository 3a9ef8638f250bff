// What both code-server end-to-end tests start: code-server (VS Code in the
// browser) with the packaged .vsix installed, a copy of tests/fixtures/editors
// as the workspace, auth off on 127.0.0.1, and Debian's headless Chromium
// (Playwright) on the window, waiting until the explorer lists the workspace.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';

import { EXT, ROOT } from '../lsp-session.mjs';

export const CODE_SERVER =
  process.env.CODE_SERVER ?? path.join(ROOT, 'scripts', 'tools', 'code-server', 'node_modules', '.bin', 'code-server');
export const VERSION = JSON.parse(fs.readFileSync(path.join(EXT, 'package.json'), 'utf8')).version;
export const VSIX = process.env.ROLEKIT_VSIX ?? path.join(EXT, `rolekit-${VERSION}.vsix`);
export const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts');
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The user settings both tests start from: a quiet window. */
const QUIET = {
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
};

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

/**
 * Starts code-server and Chromium. `settings` are added to the quiet user
 * settings; `describe()` adds lines to a timeout's message. Returns the
 * session: `{ tmp, workspace, userData, port, page, browser, serverLog,
 * args, install, waitFor, open, runCommand, stop }`.
 */
export async function startCodeServer({ prefix, settings = {}, describe = () => '' }) {
  assert.ok(fs.existsSync(CODE_SERVER), `code-server missing at ${CODE_SERVER} (bash scripts/setup.sh vscode)`);
  assert.ok(fs.existsSync(VSIX), `${VSIX} missing (bash scripts/build-vscode.sh --package)`);
  const s = { serverLog: [] };
  s.tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  s.workspace = path.join(s.tmp, 'workspace');
  s.userData = path.join(s.tmp, 'user-data');
  fs.cpSync(path.join(ROOT, 'tests', 'fixtures', 'editors'), s.workspace, { recursive: true });
  fs.writeFileSync(path.join(s.tmp, 'config.yaml'), 'auth: none\ncert: false\n');
  fs.mkdirSync(path.join(s.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(s.userData, 'User', 'settings.json'), JSON.stringify({ ...QUIET, ...settings }, null, 2));
  s.args = ['--config', path.join(s.tmp, 'config.yaml'), '--user-data-dir', s.userData, '--extensions-dir', path.join(s.tmp, 'extensions')];
  s.waitFor = async (check, ms, what) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}\ncode-server:\n${s.serverLog.join('').slice(-3000)}${describe()}`);
  };
  s.install = spawnSync(CODE_SERVER, [...s.args, '--install-extension', VSIX], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(s.install.status, 0, `--install-extension failed:\n${s.install.stdout}\n${s.install.stderr}`);

  s.port = await freePort();
  s.server = spawn(CODE_SERVER, [
    ...s.args, '--auth', 'none', '--bind-addr', `127.0.0.1:${s.port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--ignore-last-opened', s.workspace,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  s.server.stdout.on('data', (d) => s.serverLog.push(d.toString()));
  s.server.stderr.on('data', (d) => s.serverLog.push(d.toString()));
  await s.waitFor(() => s.serverLog.join('').includes('HTTP server listening'), 60_000, 'code-server to listen');

  // A fresh profile each run (Playwright passes it as --user-data-dir).
  s.browser = await chromium.launchPersistentContext(path.join(s.tmp, 'chromium'), {
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
    viewport: { width: 1400, height: 860 },
  });
  s.page = s.browser.pages()[0] ?? (await s.browser.newPage());
  s.open = async () => {
    await s.page.goto(`http://127.0.0.1:${s.port}/?folder=${encodeURIComponent(s.workspace)}`);
    await s.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The explorer lists the workspace once the window is ready.
    await s.page.getByRole('treeitem', { name: 'platform-engineer.md' }).waitFor({ timeout: 60_000 });
  };
  /**
   * Runs the command titled exactly `title` from the Command Palette (the
   * fuzzy match may rank another one first: "View: Close Editor" lists "View:
   * Close All Editor Groups" above it once that was used).
   */
  s.runCommand = async (title) => {
    await s.page.keyboard.press('F1');
    const input = s.page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = s.page.locator(`.quick-input-list .monaco-list-row[aria-label="${title}"], .quick-input-list .monaco-list-row[aria-label^="${title}, "]`);
    await row.first().waitFor({ timeout: 30_000 });
    await row.first().click();
    await s.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  };
  s.stop = async () => {
    await s.browser?.close();
    s.server?.kill();
    if (s.tmp && !process.env.KEEP_TMP) fs.rmSync(s.tmp, { recursive: true, force: true });
    else if (s.tmp) console.log(`# kept ${s.tmp}`);
  };
  return s;
}
