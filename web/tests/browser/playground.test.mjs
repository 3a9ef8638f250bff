// The built playground (web/dist, `npm run build`) in real headless Chromium:
// served by a tiny static server on 127.0.0.1, driven with playwright-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(here, '../../dist');
const artifacts = resolve(here, '../../../tests/artifacts');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.json': 'application/json' };

let server;
let browser;
let page;
let base;
let profile;
const consoleErrors = [];

before(async () => {
  assert.ok(existsSync(join(dist, 'index.html')), 'web/dist is missing: run `npm run build` in web/');
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = normalize(join(dist, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${server.address().port}/`;
  profile = mkdtempSync(join(tmpdir(), 'rolekit-chromium-'));
  // A fresh profile each run (Playwright passes it to Chromium as --user-data-dir).
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = browser.pages()[0] ?? (await browser.newPage());
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  await page.goto(base);
  await page.waitForSelector('body[data-ready="true"] .cm-editor', { timeout: 20000 });
});

after(async () => {
  await browser?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok()));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Offset of `needle` in the active editor's text. */
const offsetOf = (needle) => page.evaluate((n) => window.rolekitPlayground.view.state.doc.toString().indexOf(n), needle);
const editorText = () => page.evaluate(() => window.rolekitPlayground.view.state.doc.toString());

async function putCursor(offset) {
  await page.evaluate((o) => {
    const { view } = window.rolekitPlayground;
    view.dispatch({ selection: { anchor: o }, scrollIntoView: true });
    view.focus();
  }, offset);
}

test('the seed loads with its tabs, outline and parsed JSON', async () => {
  const tabs = await page.locator('.tab-name').allTextContents();
  assert.deepEqual(tabs, ['platform-engineer.md', 'secops-engineer.md', 'broken.md']);
  await page.waitForSelector('.outline button');
  assert.ok((await page.locator('.outline').textContent()).includes('role'));
  assert.match(await page.locator('#json').textContent(), /"role": "platform-engineer"/);
  assert.deepEqual(consoleErrors, []);
});

test('a `tone:` typo gets its diagnostic, underlined and listed', async () => {
  const at = await offsetOf('tone: concise-technical');
  await putCursor(at + 'tone: concise-techn'.length);
  await page.keyboard.type('i', { delay: 30 });
  assert.match(await editorText(), /tone: concise-techniical/);
  const problem = page.locator('.problem[data-rule="invalid-enum"]');
  await problem.first().waitFor({ timeout: 5000 });
  assert.match(await problem.first().textContent(), /tone/);
  await page.waitForSelector('.cm-lintRange-error, .cm-lintRange-warning');
});

test('a rule id in the problems list opens the rule docs', async () => {
  await page.locator('.problem[data-rule="invalid-enum"] .rule-link').first().click();
  await page.waitForSelector('#rule-dialog[open]');
  assert.match(await page.locator('#rule-doc').textContent(), /invalid-enum/);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.getElementById('rule-dialog').open);
});

test('hovering a key shows its documentation', async () => {
  const at = await offsetOf('tone:');
  const box = await page.evaluate((o) => {
    const r = window.rolekitPlayground.view.coordsAtPos(o + 1);
    return r && { x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2 };
  }, at);
  assert.ok(box, 'the tone key is on screen');
  await page.mouse.move(box.x, box.y);
  const tip = page.locator('.cm-tooltip-hover');
  await tip.waitFor({ timeout: 5000 });
  assert.match(await tip.textContent(), /tone/i);
  await page.mouse.move(5, 5);
});

test('completion offers the tone enum values', async () => {
  const at = await offsetOf('tone: ');
  const end = await page.evaluate((o) => window.rolekitPlayground.view.state.doc.lineAt(o).to, at);
  await page.evaluate(([from, to]) => {
    const { view } = window.rolekitPlayground;
    view.dispatch({ changes: { from, to }, selection: { anchor: from } });
    view.focus();
  }, [at + 'tone: '.length, end]);
  await page.keyboard.press('Control+Space');
  const list = page.locator('.cm-tooltip-autocomplete');
  await list.waitFor({ timeout: 5000 });
  const labels = await list.locator('.cm-completionLabel').allTextContents();
  assert.ok(labels.includes('concise-technical'), labels.join(', '));
  assert.ok(labels.includes('assertive'), labels.join(', '));
  await page.keyboard.type('concise-tech');
  await page.keyboard.press('Enter');
  assert.match(await editorText(), /\ntone: concise-technical\n/);
});

test('a quick fix changes the text', async () => {
  await page.locator('.tab-name', { hasText: 'broken.md' }).click();
  const fix = page.locator('.problem .fix').first();
  await fix.waitFor({ timeout: 5000 });
  const before = await editorText();
  const rule = await fix.evaluate((b) => b.closest('.problem').dataset.rule);
  await fix.click();
  await page.waitForFunction((t) => window.rolekitPlayground.view.state.doc.toString() !== t, before);
  assert.notEqual(await editorText(), before, `the fix for ${rule} changed the text`);
});

test('a refactoring from the actions menu rewrites `constraints`', async () => {
  await page.locator('.tab-name', { hasText: 'platform-engineer.md' }).click();
  await putCursor((await offsetOf('constraints:')) + 2);
  const option = page.locator('#actions option', { hasText: 'to object form' });
  await option.waitFor({ state: 'attached', timeout: 5000 });
  await page.selectOption('#actions', { label: await option.textContent() });
  await page.waitForFunction(() => /\nconstraints:\n  requires_approval_for:/.test(window.rolekitPlayground.view.state.doc.toString()));
});

test('the URL hash carries the documents', async () => {
  await page.waitForFunction(() => location.hash.startsWith('#s='));
  // The hash is written 400 ms after the last edit; flush it rather than sleep.
  await page.evaluate(() => window.rolekitPlayground.saveHash());
  const url = page.url();
  const text = await editorText();
  const other = await browser.newPage();
  await other.goto(url);
  await other.waitForSelector('body[data-ready="true"] .cm-editor');
  assert.equal(await other.evaluate(() => window.rolekitPlayground.view.state.doc.toString()), text);
  await other.close();
});

test('the resolved panel shows the role after inherits', async () => {
  await page.locator('.tab-name', { hasText: 'secops-engineer.md' }).click();
  await page.locator('.json-tabs button[data-view="resolved"]').click();
  await page.waitForFunction(() => document.getElementById('json').textContent.includes('"can_write_code"'));
  assert.match(await page.locator('#json-note').textContent(), /platform-engineer\.md/);
  mkdirSync(artifacts, { recursive: true });
  await page.locator('.tab-name', { hasText: 'broken.md' }).click();
  await page.locator('.json-tabs button[data-view="parsed"]').click();
  await page.screenshot({ path: join(artifacts, 'playground.png') });
  assert.deepEqual(consoleErrors, []);
});
