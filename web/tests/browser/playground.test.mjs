// The built playground (web/dist, `npm run build`) in real headless Chromium,
// driven with playwright-core, at 1440 and 375 px wide, in light and dark.
// Every test waits for a condition (an analysis of the current text, an
// element), never for a fixed time. Screenshots go to tests/artifacts/.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import LZString from 'lz-string';
import { artifacts, bigRole, launch, root, serve } from '../lib/harness.mjs';

const CONFIGS = [
  { name: '1440-light', width: 1440, colorScheme: 'light' },
  { name: '1440-dark', width: 1440, colorScheme: 'dark' },
  { name: '375-light', width: 375, colorScheme: 'light' },
  { name: '375-dark', width: 375, colorScheme: 'dark' },
];
const only = process.env.PLAYGROUND_CONFIG;
const SEED = readFileSync(join(root, 'web/samples/platform-engineer.md'), 'utf8');
mkdirSync(artifacts, { recursive: true });

let server;
before(async () => (server = await serve()));
after(async () => server?.close());

for (const cfg of CONFIGS.filter((c) => !only || c.name === only)) {
  describe(`playground at ${cfg.name}`, () => {
    let browser;
    let page;
    const errors = [];
    const shot = (what) => page.screenshot({ path: join(artifacts, `playground-${what}-${cfg.name}.png`) });

    // ---- helpers (all wait for conditions).
    const text = () => page.evaluate(() => window.rolekitPlayground.view().state.doc.toString());
    const offsetOf = (needle) => page.evaluate((n) => window.rolekitPlayground.view().state.doc.toString().indexOf(n), needle);
    /** Waits until the active tab's problems describe its current text. */
    const analysed = () =>
      page.waitForFunction(() => {
        const d = window.rolekitPlayground.docs.active;
        return d && d.fresh && document.body.dataset.analysed === `${d.name}@${d.version}`;
      }, null, { timeout: 20000 });
    const rules = () => page.$$eval('.problem', (rows) => rows.map((r) => r.dataset.rule));
    const activeName = () => page.evaluate(() => window.rolekitPlayground.active());
    const openTab = async (name) => {
      await page.locator(`.tab-name[data-name="${name}"]`).click();
      await page.waitForFunction((n) => window.rolekitPlayground.active() === n, name);
      await analysed();
    };
    const cursor = async (offset) => {
      await page.evaluate((o) => {
        const v = window.rolekitPlayground.view();
        v.dispatch({ selection: { anchor: o }, scrollIntoView: true });
        v.focus();
      }, offset);
    };
    const setText = (t) =>
      page.evaluate((t) => {
        const v = window.rolekitPlayground.view();
        v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: t } });
      }, t);
    const paste = (t) =>
      page.evaluate((t) => {
        const v = window.rolekitPlayground.view();
        v.dispatch({ selection: { anchor: 0, head: v.state.doc.length } });
        const dt = new DataTransfer();
        dt.setData('text/plain', t);
        v.contentDOM.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      }, t);
    const caretBox = () =>
      page.evaluate(() => {
        const v = window.rolekitPlayground.view();
        const r = v.coordsAtPos(v.state.selection.main.head);
        return r && { x: r.left, y: r.bottom };
      });

    before(async () => {
      browser = await launch({ width: cfg.width, height: 900, colorScheme: cfg.colorScheme });
      page = browser.context.pages()[0] ?? (await browser.context.newPage());
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(server.base);
      await page.waitForSelector('body[data-ready="true"] .cm-editor', { timeout: 20000 });
    });
    after(async () => browser?.close());

    test('loads the seed: tabs, outline, parsed JSON, intro, no errors', async () => {
      assert.deepEqual(await page.locator('.tab-name').allTextContents(), ['platform-engineer.md', 'secops-engineer.md', 'broken.md']);
      await page.waitForSelector('.outline button');
      assert.ok((await page.locator('.outline').textContent()).includes('role'));
      assert.match(await page.locator('#json').textContent(), /"role": "platform-engineer"/);
      assert.match(await page.locator('.intro').textContent(), /role files.*YAML frontmatter.*AI agent/s);
      assert.ok(await page.locator('.intro').isVisible());
      await shot('load');
      assert.deepEqual(errors, []);
    });

    test('the outline shows estimated tokens per section and with what a role inherits', async () => {
      await openTab('secops-engineer.md');
      await page.locator('.outline .tokens').first().waitFor();
      const counts = await page.$$eval('.outline .sym.heading .tokens', (spans) => spans.map((s) => Number(s.textContent.trim().slice(1))));
      assert.ok(counts.length >= 1 && counts.every((n) => n > 0), counts.join(','));
      const total = await page.locator('.outline .tokens-total').textContent();
      const [, own, withParents] = total.match(/^~(\d+) tokens, ~(\d+) with what it inherits/) ?? [];
      assert.ok(Number(withParents) > Number(own) && Number(own) >= counts.reduce((a, b) => a + b, 0), total);
      await openTab('platform-engineer.md');
    });

    test('layout: the editor takes the width, the theme follows the system', async () => {
      const box = await page.locator('.cm-editor').boundingBox();
      assert.ok(box && box.width >= Math.min(600, cfg.width - 20), `editor ${box?.width}px wide at ${cfg.width}px`);
      assert.ok(box.x >= 0 && box.x + box.width <= cfg.width + 1, 'the editor fits the viewport');
      const bg = await page.evaluate(() => getComputedStyle(document.querySelector('.cm-editor')).backgroundColor);
      const [r, g, b] = bg.match(/\d+/g).map(Number);
      const light = (r + g + b) / 3 > 128;
      assert.equal(light, cfg.colorScheme === 'light', `editor background ${bg} in ${cfg.colorScheme}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= cfg.width + 1, `no horizontal scroll (${width}px)`);
      // The theme button: system → dark → light → system, the editor following.
      const editorIsLight = () =>
        page.evaluate(() => {
          const [r, g, b] = getComputedStyle(document.querySelector('.cm-editor')).backgroundColor.match(/\d+/g).map(Number);
          return (r + g + b) / 3 > 128;
        });
      await page.click('#theme');
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
      assert.equal(await editorIsLight(), false);
      await page.click('#theme');
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
      assert.equal(await editorIsLight(), true);
      await page.click('#theme');
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), undefined);
      assert.equal(await editorIsLight(), cfg.colorScheme === 'light');
    });

    test('a typo is underlined and listed; backticks in messages are code', async () => {
      await openTab('platform-engineer.md');
      const at = await offsetOf('tone: concise-technical');
      await cursor(at + 'tone: concise-techn'.length);
      await page.keyboard.type('i');
      assert.match(await text(), /tone: concise-techniical/);
      await analysed();
      const problem = page.locator('.problem[data-rule="invalid-enum"]');
      await problem.first().waitFor();
      assert.match(await problem.first().textContent(), /tone/);
      assert.ok((await problem.first().locator('.message code').count()) > 0, 'code spans rendered');
      assert.doesNotMatch(await problem.first().locator('.message').textContent(), /`/);
      await page.waitForSelector('.cm-lintRange-error');
    });

    test('hover: documentation in a bounded tooltip that does not repeat the problem', async () => {
      const at = await offsetOf('tone: concise-techniical');
      const point = await page.evaluate((o) => {
        const v = window.rolekitPlayground.view();
        v.dispatch({ effects: [], scrollIntoView: true, selection: { anchor: o } });
        const r = v.coordsAtPos(o + 9);
        return r && { x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2 };
      }, at);
      assert.ok(point, 'the tone value is on screen');
      await page.mouse.move(point.x, point.y);
      const hover = page.locator('.cm-tooltip-hover .hover-doc');
      await hover.waitFor();
      assert.match(await hover.textContent(), /communication style/i);
      assert.doesNotMatch(await hover.textContent(), /is not a valid/, 'the problem is not repeated in the docs');
      const lint = page.locator('.cm-tooltip-lint .lint-message');
      await lint.waitFor();
      assert.ok((await lint.locator('code').count()) > 0, 'backticks as code in the underline tooltip');
      for (const tip of await page.locator('.cm-tooltip').all()) {
        const b = await tip.boundingBox();
        assert.ok(b.width <= Math.min(560, cfg.width - 16) + 2, `tooltip ${b.width}px wide`);
        assert.ok(b.x >= 0 && b.x + b.width <= cfg.width + 1, `tooltip at x=${b.x}`);
      }
      await shot('hover');
      await page.mouse.move(2, 2);
      await page.locator('.cm-tooltip-hover').waitFor({ state: 'detached' });
    });

    test('completion: enum values, the core’s order, snippets without LSP syntax', async () => {
      const at = await offsetOf('tone: ');
      await page.evaluate((from) => {
        const v = window.rolekitPlayground.view();
        v.dispatch({ changes: { from, to: v.state.doc.lineAt(from).to }, selection: { anchor: from } });
        v.focus();
      }, at + 'tone: '.length);
      await page.keyboard.press('Control+Space');
      const list = page.locator('.cm-tooltip-autocomplete');
      await list.waitFor();
      const labels = await list.locator('.cm-completionLabel').allTextContents();
      assert.ok(labels.includes('concise-technical') && labels.includes('assertive'), labels.join(', '));
      await page.keyboard.type('concise-tech');
      await page.keyboard.press('Enter');
      assert.match(await text(), /\ntone: concise-technical\n/);

      // Every snippet key offered in a fresh role inserts plain YAML with its first choice.
      await page.click('#new-tab');
      await analysed();
      const base = '---\nrole: x\n\n---\n# X\n';
      await setText(base);
      const snippets = await page.evaluate(async () => {
        const { client, docs } = window.rolekitPlayground;
        docs.flush(docs.active);
        const items = await client.request('complete', { name: docs.active.name, at: { line: 2, character: 0 } });
        return items.filter((i) => i.isSnippet).map((i) => i.label);
      });
      assert.ok(snippets.length >= 8 && snippets.includes('capabilities'), `snippet keys: ${snippets.join(', ')}`);
      const lineStart = base.indexOf('\n\n') + 1;
      for (const label of snippets) {
        await setText(base);
        await cursor(lineStart);
        await page.evaluate(() => window.rolekitPlayground.completion.start());
        await page.waitForFunction((l) => window.rolekitPlayground.completion.labels().includes(l), label);
        // CodeMirror ignores an accept in the first 75 ms of a list (interactionDelay): retry until taken.
        await page.waitForFunction((l) => window.rolekitPlayground.completion.accept(l), label);
        const inserted = (await text()).slice(lineStart, lineStart + 400);
        assert.doesNotMatch(inserted, /\$\{|\$\d|\|[^|\n]*,[^|\n]*\||\\[{}]/, `${label} inserted ${JSON.stringify(inserted)}`);
        if (label === 'capabilities') assert.match(inserted, /can_write_knowledge: (true|false)\n/);
        await page.keyboard.press('Escape');
      }
      // Sections come in the core's order (sortText), not alphabetically.
      await setText('---\nrole: x\n---\n# X\n\n## ');
      await cursor((await text()).length);
      await page.evaluate(() => window.rolekitPlayground.completion.start());
      await page.waitForFunction(() => window.rolekitPlayground.completion.labels().length > 5);
      const shown = await page.evaluate(() => window.rolekitPlayground.completion.labels());
      const core = await page.evaluate(async () => {
        const { client, docs } = window.rolekitPlayground;
        docs.flush(docs.active);
        const items = await client.request('complete', { name: docs.active.name, at: { line: 5, character: 3 } });
        return items.sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : a.label.localeCompare(b.label))).map((i) => i.label);
      });
      assert.deepEqual(shown, core);
      assert.match(shown[0], /^(## )?1\. Mission/);
      await page.keyboard.press('Escape');
    });

    test('a new tab starts without errors; a pasted role names its tab; F2 renames', async () => {
      await page.click('#new-tab');
      await analysed();
      assert.deepEqual(await rules(), [], 'the template checks clean');
      const name = await activeName();
      assert.match(name, /^untitled-\d+\.md$/);
      await paste('---\nrole: pasted-role\nversion: 1.0.0\ndescription: A role pasted from the clipboard\n---\n# Pasted\n');
      await page.waitForFunction(() => window.rolekitPlayground.active() === 'pasted-role.md');
      await analysed();
      assert.ok(!(await rules()).includes('role-filename-mismatch'));
      await page.locator('.tab-name', { hasText: 'pasted-role.md' }).press('F2');
      const input = page.locator('.tab-rename');
      await input.fill('renamed');
      await input.press('Enter');
      await page.waitForFunction(() => window.rolekitPlayground.active() === 'renamed.md');
      await analysed();
      assert.ok((await rules()).includes('role-filename-mismatch'), 'the role no longer matches the new name');
      await shot('tabs');
    });

    test('problems come with their fixes: no code-action call per problem', async () => {
      await openTab('broken.md');
      const before = await page.evaluate(() => window.rolekitPlayground.client.counts.codeActions ?? 0);
      await cursor(0);
      await page.keyboard.type(' ');
      await page.keyboard.press('Backspace');
      await analysed();
      assert.equal(await page.evaluate(() => window.rolekitPlayground.client.counts.codeActions ?? 0), before);
      const fix = page.locator('.problem .fix').first();
      await fix.waitFor();
      const was = await text();
      await fix.click();
      await page.waitForFunction((t) => window.rolekitPlayground.view().state.doc.toString() !== t, was);
    });

    test('Fix all applies every safe fix in one undoable step', async () => {
      await openTab('platform-engineer.md');
      assert.ok((await page.evaluate(() => window.rolekitPlayground.docs.active.problems.filter((p) => p.d.rule === 'mojibake').length)) > 10);
      const was = await text();
      await page.click('#fix-all');
      await page.waitForFunction((t) => window.rolekitPlayground.view().state.doc.toString() !== t, was);
      await analysed();
      assert.equal(await page.evaluate(() => window.rolekitPlayground.docs.active.problems.filter((p) => p.d.rule === 'mojibake').length), 0);
      await cursor(0);
      await page.keyboard.press('Control+z');
      await page.waitForFunction((t) => window.rolekitPlayground.view().state.doc.toString() === t, was);
    });

    test('Format (button and Shift+Alt+F) is rolekit fmt, one undoable step; a YAML error is refused with its reason', async () => {
      await openTab('platform-engineer.md');
      const was = await text();
      const messy = "---\nrole: 'platform-engineer'   # pinned\nexpertise:\n- Testing   \n---\n# P\n## Mission Statement\nShip.\n";
      const formatted = '---\nrole: platform-engineer # pinned\nexpertise:\n  - Testing\n---\n\n# P\n\n## 1. Mission Statement\n\nShip.\n';
      await setText(messy);
      await analysed();
      await page.click('#format');
      await page.waitForFunction((t) => window.rolekitPlayground.view().state.doc.toString() === t, formatted);
      await cursor(0);
      await page.keyboard.press('Shift+Alt+F');
      await page.locator('#toast', { hasText: 'Already formatted' }).waitFor();
      await page.keyboard.press('Control+z');
      await page.waitForFunction((t) => window.rolekitPlayground.view().state.doc.toString() === t, messy);
      await setText('---\nrole: [x\n---\n# X\n');
      await analysed();
      await page.keyboard.press('Shift+Alt+F');
      await page.locator('#toast', { hasText: 'Not formatted: the frontmatter has a YAML error' }).waitFor();
      assert.equal(await text(), '---\nrole: [x\n---\n# X\n');
      await setText(was);
      await analysed();
    });

    test('Ctrl+. opens the actions at the cursor; Enter applies one', async () => {
      await cursor((await offsetOf('constraints:')) + 2);
      await page.keyboard.press('Control+.');
      const menu = page.locator('.menu.popup[role="menu"]');
      await menu.waitFor();
      const caret = await caretBox();
      const box = await menu.boundingBox();
      assert.ok(Math.abs(box.y - caret.y) < 40 || Math.abs(box.y + box.height - caret.y) < 60, `menu at y=${box.y}, caret at ${caret.y}`);
      assert.ok(await menu.evaluate((m) => m.contains(document.activeElement)), 'focus is in the menu');
      await shot('actions');
      const items = await menu.locator('[role="menuitem"] .label').allTextContents();
      const index = items.findIndex((t) => /object form/.test(t));
      assert.ok(index >= 0, items.join(' | '));
      for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => /\nconstraints:\n  requires_approval_for:/.test(window.rolekitPlayground.view().state.doc.toString()));
      assert.ok(await page.evaluate(() => window.rolekitPlayground.view().hasFocus), 'focus back in the editor');
    });

    test('F12 on `inherits` opens the parent; the resolved panel marks inherited keys', async () => {
      await openTab('secops-engineer.md');
      await cursor((await offsetOf('inherits: ')) + 'inherits: pl'.length);
      await page.keyboard.press('F12');
      await page.waitForFunction(() => window.rolekitPlayground.active() === 'platform-engineer.md');
      await openTab('secops-engineer.md');
      await page.locator('.json-tabs button[data-view="resolved"]').click();
      const inherited = page.locator('#json .inherited[data-key="capabilities"]');
      await inherited.waitFor();
      assert.equal(await inherited.getAttribute('data-from'), 'platform-engineer.md');
      assert.match(await page.locator('#json-note').textContent(), /platform-engineer\.md.*taken from a parent/s);
      await page.locator('#json-note').scrollIntoViewIfNeeded();
      await shot('resolved');
      await page.locator('.json-tabs button[data-view="parsed"]').click();
    });

    test('closing the parent re-checks the child at once; Undo reopens it', async () => {
      await openTab('secops-engineer.md');
      assert.ok(!(await rules()).includes('inherits-unknown-parent'));
      await page.locator('.tab[data-name="platform-engineer.md"] .tab-close').click();
      await page.waitForFunction(() => [...document.querySelectorAll('.problem')].some((p) => p.dataset.rule === 'inherits-unknown-parent'));
      await page.locator('#toast button', { hasText: 'Undo' }).click();
      await page.waitForFunction(() => !!window.rolekitPlayground.docs.get('platform-engineer.md'));
      await openTab('secops-engineer.md');
      assert.ok(!(await rules()).includes('inherits-unknown-parent'));
    });

    test('Samples ask before replacing an edited tab; Back and Undo restore it', async () => {
      await openTab('platform-engineer.md');
      await cursor(0);
      await page.keyboard.type('<!-- mine -->\n');
      await analysed();
      await page.evaluate(() => window.rolekitPlayground.saveHash());
      const mine = await text();
      const open = async () => {
        await page.click('#samples-button');
        await page.locator('.menu.popup [role="menuitem"]', { hasText: 'Seed' }).click();
        await page.locator('#confirm-dialog[open]').waitFor();
      };
      await open();
      await shot('samples-confirm');
      await page.locator('#confirm-dialog button[value="cancel"]').click();
      assert.equal(await text(), mine, 'cancel keeps the edits');
      const entries = await page.evaluate(() => history.length);
      await open();
      await page.locator('#confirm-dialog button[value="ok"]').click();
      await page.waitForFunction((s) => window.rolekitPlayground.view().state.doc.toString() === s, SEED);
      // The sample's state is pushed as a new history entry once encoded (in the worker).
      await page.waitForFunction((n) => history.length > n, entries);
      assert.deepEqual((await page.locator('.tab-name').allTextContents()).includes('secops-engineer.md'), true, 'other tabs stay');
      await page.goBack();
      await page.waitForFunction((t) => window.rolekitPlayground.docs.get('platform-engineer.md')?.state.doc.toString() === t, mine);
      await page.goForward();
      await page.waitForFunction((s) => window.rolekitPlayground.docs.get('platform-engineer.md')?.state.doc.toString() === s, SEED);
    });

    test('the valora sample: a role, a command and a prompt checked together across tabs', async () => {
      await page.click('#samples-button');
      await page.locator('.menu.popup [role="menuitem"]', { hasText: 'valora project' }).click();
      await page.waitForFunction(() => window.rolekitPlayground.active() === 'data/commands/ship.md');
      await analysed();
      assert.deepEqual(await rules(), [], 'the sample checks clean');
      // A misspelt agent: unknown, with did-you-mean, pointing at the value.
      const at = (await offsetOf('agent: platform-engineer')) + 'agent: '.length;
      await page.evaluate((from) => window.rolekitPlayground.view().dispatch({ changes: { from, to: from + 'platform-engineer'.length, insert: 'platform-enginer' } }), at);
      await analysed();
      assert.ok((await rules()).includes('unknown-agent'), (await rules()).join(','));
      const message = await page.locator('.problem[data-rule="unknown-agent"]').first().textContent();
      assert.match(message, /platform-engineer/, 'did you mean the open role');
      await cursor(at);
      await page.keyboard.press('Control+z');
      await analysed();
      assert.deepEqual(await rules(), []);
    });

    // Each agent-file format's sample: its tab name makes the policy pick the
    // format, it checks clean, and one seeded mistake gives that format's diagnostic.
    const DIALECTS = [
      ['Claude Code subagent', '.claude/agents/reviewer.md', 'model: sonnet', 'model: sonnet\npermissionMode: yolo', 'invalid-enum'],
      ['Agent Skill', 'pdf-tools/SKILL.md', 'name: pdf-tools', 'name: pdf-tool', 'skill-name-mismatch'],
      ['Cursor rule', '.cursor/rules/typescript.mdc', 'alwaysApply: false', 'alwaysApply: sometimes', 'invalid-type'],
      ['Copilot custom agent', '.github/agents/planner.agent.md', 'description: Plan a feature or a refactoring before any code is written.\n', '', 'missing-required-key'],
      ['Copilot prompt file', '.github/prompts/commit.prompt.md', 'agent: agent', 'mode: agent', 'legacy-key'],
      ['Copilot instructions', '.github/instructions/python.instructions.md', 'description: Python conventions', 'description: Python conventions\nexcludeAgent: chat', 'invalid-enum'],
    ];
    for (const [label, tab, find, replace, rule] of DIALECTS) {
      test(`the ${label} sample opens as ${tab}, checks clean, and a mistake gives ${rule}`, async () => {
        await page.click('#samples-button');
        await page.locator('.menu.popup [role="menuitem"]', { hasText: label }).click();
        await page.waitForFunction((n) => window.rolekitPlayground.active() === n, tab);
        await analysed();
        assert.equal(await page.locator(`.tab-name[data-name="${tab}"]`).count(), 1);
        assert.deepEqual(await rules(), [], `${tab} checks clean`);
        const at = await offsetOf(find);
        assert.ok(at >= 0, find);
        await page.evaluate(([from, to, insert]) => window.rolekitPlayground.view().dispatch({ changes: { from, to, insert } }), [at, at + find.length, replace]);
        await analysed();
        assert.deepEqual(await rules(), [rule], `${tab}: ${find} -> ${replace}`);
        await page.locator(`.tab[data-name="${tab}"] .tab-close`).click();
        await page.waitForFunction((n) => !window.rolekitPlayground.docs.get(n), tab);
      });
    }

    test('Rules: a rule switched off disappears and rides in the link', async () => {
      await openTab('platform-engineer.md');
      assert.ok((await rules()).includes('mojibake'));
      await page.click('#rules-button');
      const select = page.locator('select.level[data-rule="mojibake"]');
      await select.selectOption('off');
      await shot('rules');
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !document.getElementById('rule-dialog').open);
      await page.waitForFunction(() => ![...document.querySelectorAll('.problem')].some((p) => p.dataset.rule === 'mojibake'));
      await page.evaluate(() => window.rolekitPlayground.saveHash());
      const state = await page.evaluate(() => window.rolekitPlayground.client.request('decodeState', { hash: location.hash }));
      assert.deepEqual(state.rules, { mojibake: 'off' });
      await page.click('#rules-button');
      await page.locator('select.level[data-rule="mojibake"]').selectOption('');
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => [...document.querySelectorAll('.problem')].some((p) => p.dataset.rule === 'mojibake'));
    });

    test('files: open, drop and download', async () => {
      await page.setInputFiles('#file-input', { name: 'opened-role.md', mimeType: 'text/markdown', buffer: Buffer.from('---\nrole: opened-role\n---\n# Opened\n') });
      await page.waitForFunction(() => window.rolekitPlayground.active() === 'opened-role.md');
      const before = await text();
      await page.evaluate(() => {
        const dt = new DataTransfer();
        dt.items.add(new File(['---\nrole: dropped-role\n---\n# Dropped\n'], 'dropped-role.md', { type: 'text/markdown' }));
        const target = window.rolekitPlayground.view().contentDOM;
        target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
        target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      });
      await page.waitForFunction(() => window.rolekitPlayground.active() === 'dropped-role.md');
      assert.equal(await page.evaluate(() => window.rolekitPlayground.docs.get('opened-role.md').state.doc.toString()), before, 'the drop did not go into the editor');
      const download = page.waitForEvent('download');
      await page.click('#download');
      const file = await download;
      assert.equal(file.suggestedFilename(), 'dropped-role.md');
      assert.equal(readFileSync(await file.path(), 'utf8'), '---\nrole: dropped-role\n---\n# Dropped\n');
    });

    test('keyboard: the editor is a few Tab presses away; the live region says only the count', async () => {
      // From a freshly loaded page, as a keyboard user arrives.
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => window.rolekitPlayground.view().hasFocus);
      // Without the skip link: count the presses from the top of the page.
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      let presses = 0;
      while (presses < 40 && !(await page.evaluate(() => window.rolekitPlayground.view().hasFocus))) {
        await page.keyboard.press('Tab');
        presses++;
      }
      assert.ok(presses <= 14, `${presses} Tab presses to the editor`);
      const live = await page.$$eval('[aria-live], [role="status"], [role="alert"]', (els) => els.map((e) => e.id));
      assert.ok(!live.includes('status'), 'the timing line is not announced');
      assert.equal(await page.getAttribute('#status', 'aria-hidden'), 'true');
      await openTab('platform-engineer.md');
      await page.waitForFunction(() => document.getElementById('announce').textContent !== '');
      const said = await page.textContent('#announce');
      await cursor((await offsetOf('# Senior')) + 2);
      await page.keyboard.type('x');
      await analysed();
      await page.keyboard.press('Backspace');
      await analysed();
      assert.equal(await page.textContent('#announce'), said, 'no new announcement when the count stays');
      assert.doesNotMatch(said, /ms\b/);
    });

    test('the URL carries the documents; older lz-string links still open', async () => {
      await page.evaluate(() => window.rolekitPlayground.saveHash());
      assert.match(page.url(), /#z=/);
      const url = page.url();
      const current = await text();
      const other = await browser.context.newPage();
      await other.goto(url);
      await other.waitForSelector('body[data-ready="true"] .cm-editor');
      assert.equal(await other.evaluate(() => window.rolekitPlayground.view().state.doc.toString()), current);
      const old = LZString.compressToEncodedURIComponent(JSON.stringify({ v: 1, docs: [['old-link.md', '---\nrole: old-link\n---\n# Old\n']], active: 'old-link.md' }));
      await other.goto(`${server.base}#s=${old}`);
      await other.reload();
      await other.waitForFunction(() => window.rolekitPlayground?.active() === 'old-link.md');
      await other.close();
    });

    test('a 1 MB role: thousands of problems, listed virtually, no code-action calls', async () => {
      await page.click('#new-tab');
      await analysed();
      const calls = await page.evaluate(() => window.rolekitPlayground.client.counts.codeActions ?? 0);
      await paste(bigRole(1024 * 1024));
      await analysed();
      const total = Number(await page.getAttribute('#problem-count', 'data-total'));
      assert.ok(total > 1000, `${total} problems`);
      assert.ok((await page.locator('.problem').count()) < 120, 'only the visible rows exist');
      await page.locator('#problems').evaluate((p) => (p.scrollTop = p.scrollHeight));
      await page.waitForSelector(`.problem[aria-posinset="${total}"]`);
      assert.equal(await page.evaluate(() => window.rolekitPlayground.client.counts.codeActions ?? 0), calls);
      await page.locator('#problems').focus();
      await page.keyboard.press('Home');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => window.rolekitPlayground.view().hasFocus);
      await shot('large');
      await page.locator('.tab.active .tab-close').click();
      assert.deepEqual(errors, []);
    });
  });
}

describe('loading and failure states', () => {
  test('a slow module shows loading; a failed one an error, with the editor still usable', async () => {
    const { context, close } = await launch({ width: 1440 });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      let release;
      const held = new Promise((ok) => (release = ok));
      await page.route('**/*.wasm', async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(server.base);
      await page.waitForSelector('.cm-editor');
      assert.match(await page.textContent('#problems'), /Loading rolekit/);
      await page.screenshot({ path: join(artifacts, 'playground-loading-1440-light.png') });
      release();
      await page.waitForSelector('body[data-ready="true"]');

      const failing = await context.newPage();
      await failing.route('**/*.wasm', (route) => route.abort());
      await failing.goto(server.base);
      await failing.waitForSelector('body[data-failed="true"]');
      assert.ok(await failing.locator('#banner').isVisible());
      assert.match(await failing.textContent('#banner'), /could not start/);
      assert.match(await failing.textContent('#problems'), /No checks/);
      await failing.locator('.cm-content').click();
      await failing.keyboard.type('still editable');
      assert.match(await failing.evaluate(() => window.rolekitPlayground.view().state.doc.toString()), /still editable/);
      await failing.screenshot({ path: join(artifacts, 'playground-failed-1440-light.png') });
    } finally {
      await close();
    }
  });
});
