// The rolekit playground: CodeMirror 6 over the `rolekit` npm package (the
// Rust core compiled to WebAssembly), which runs in a worker. Every tab is a
// document of one rolekit Workspace, so `inherits:` resolves between tabs.
// This file wires the parts: documents (docs.ts), editor sources
// (editor/), tabs, panels, URL state and files.
import './style.css';
import { EditorView, type Tooltip } from '@codemirror/view';
import { setDiagnostics, type Action, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { acceptCompletion, currentCompletions, setSelectedCompletion, snippet, startCompletion, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import type { CompletionItem, CodeAction, DocumentSymbol, TextEdit } from 'rolekit';
import { $, $as, announce, el, toast } from './dom';
import { Docs, type Doc, type Problem } from './docs';
import { LARGE_DOCUMENT, editorExtensions, language, languageFor } from './editor/extensions';
import { lspToCodeMirror } from './editor/snippet';
import { messageNode, renderMarkdown } from './markdown';
import { closeMenu, openMenu, type MenuItem } from './menu';
import { JsonPanel } from './panels/json';
import { Outline } from './panels/outline';
import { ProblemsList } from './panels/problems';
import { RulesDialog } from './panels/rules';
import { toOffset, toPosition, toRange } from './positions';
import { DEFAULT_STATE, DIALECT_SAMPLES, SAMPLES, newRole } from './samples';
import { UrlState } from './state/url';
import { Tabs } from './tabs';
import { wireFiles } from './files';
import { AnalysisClient } from './worker/client';
import type { RuleLevels, SavedState } from './worker/protocol';

const client = new AnalysisClient();
let view: EditorView;
const problemCounts = new Map<string, number>();
/** Documents pasted into an untitled tab, to be named after their `role` once analysed. */
const nameFromRole = new Set<Doc>();
let lastAnnounced = -1;
/** When the user last edited; a large document's analysis is drawn once typing pauses. */
let lastEdit = 0;
let renderRun = 0;
const nextTask = () => new Promise<void>((ok) => setTimeout(ok, 0));

// ---- editor hooks (completion, hover, definition, code actions, edits).

const KIND: Record<CompletionItem['kind'], string> = { key: 'property', value: 'constant', 'enum-member': 'enum', section: 'text', snippet: 'keyword' };

async function complete(context: CompletionContext): Promise<CompletionResult | null> {
  const doc = docs.active;
  if (!doc) return null;
  docs.flush(doc);
  const items = await client.request('complete', { name: doc.name, at: toPosition(context.state.doc, context.pos) }).catch(() => []);
  if (context.aborted || !items.length) return null;
  const text = context.state.doc;
  const from = Math.min(...items.map((i) => toOffset(text, i.range.start)));
  return {
    from,
    validFor: /^[\w.-]*$/,
    options: items.map(
      (item): Completion & { sortText: string } => ({
        label: item.label,
        detail: item.detail ?? undefined,
        type: KIND[item.kind],
        sortText: item.sortText,
        boost: item.preselect ? 1 : 0,
        info: item.documentation ? () => el('div', { className: 'markdown', innerHTML: renderMarkdown(item.documentation ?? '') }) : undefined,
        apply: item.isSnippet
          ? (v, c, f, t) => snippet(lspToCodeMirror(item.insertText))(v, c, f, t)
          : (v, _c, f, t) => v.dispatch({ changes: { from: f, to: t, insert: item.insertText }, selection: { anchor: f + item.insertText.length }, userEvent: 'input.complete' }),
      }),
    ),
  };
}

async function hover(v: EditorView, pos: number): Promise<Tooltip | null> {
  const doc = docs.active;
  if (!doc) return null;
  docs.flush(doc);
  const h = await client.request('hover', { name: doc.name, at: toPosition(v.state.doc, pos) }).catch(() => null);
  if (!h) return null;
  return {
    pos: toOffset(v.state.doc, h.range.start),
    end: toOffset(v.state.doc, h.range.end),
    above: true,
    create: () => ({ dom: el('div', { className: 'markdown hover-doc', innerHTML: renderMarkdown(h.markdown) }) }),
  };
}

async function definition(v: EditorView, pos: number): Promise<boolean> {
  const doc = docs.active;
  if (!doc) return false;
  docs.flush(doc);
  const link = await client.request('definition', { name: doc.name, at: toPosition(v.state.doc, pos) }).catch(() => null);
  if (!link || !docs.get(link.target)) return false;
  activate(link.target);
  announce(`Opened the parent role ${link.target}`);
  return true;
}

function applyEdits(edits: TextEdit[], userEvent = 'input.fix') {
  const text = view.state.doc;
  view.dispatch({ changes: edits.map((e) => ({ from: toOffset(text, e.range.start), to: toOffset(text, e.range.end), insert: e.newText })), userEvent, scrollIntoView: true });
  view.focus();
}

function applyFix(p: Problem) {
  if (!p.fix) return;
  view.dispatch({ changes: p.fix.changes, userEvent: 'input.fix', scrollIntoView: true });
  view.focus();
}

/** Button text has no Markdown: `x` becomes “x”. */
const plain = (s: string) => s.replace(/`([^`]*)`/g, '“$1”');

const KIND_LABEL: Record<CodeAction['kind'], string> = { 'quick-fix': 'Fix', refactor: 'Refactor', source: 'Source' };

/** The playground's own action for a file-name mismatch: rename the tab after the role. */
function renameAction(doc: Doc): MenuItem | null {
  const role = doc.analysis?.parsed && typeof doc.analysis.parsed === 'object' && !Array.isArray(doc.analysis.parsed) ? doc.analysis.parsed.role : null;
  if (typeof role !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(role)) return null;
  const to = `${role}.md`;
  if (to === doc.name || docs.get(to)) return null;
  return { label: `Rename the tab to ${to}`, detail: 'Tab', run: () => renameDoc(doc.name, to) };
}

async function openActions(v: EditorView) {
  const doc = docs.active;
  if (!doc) return;
  docs.flush(doc);
  const version = doc.version;
  const sel = v.state.selection.main;
  const actions = await client.request('codeActions', { name: doc.name, range: toRange(v.state.doc, sel.from, sel.to) }).catch(() => [] as CodeAction[]);
  if (doc !== docs.active) return;
  const items: MenuItem[] = actions.map((a) => ({
    label: plain(a.title),
    detail: KIND_LABEL[a.kind],
    run: () => (doc.version === version ? applyEdits(a.edits) : toast('The text changed meanwhile: press Ctrl+. again.')),
  }));
  const mismatch = doc.problems.some((p) => p.d.rule === 'role-filename-mismatch' && p.from <= sel.to && sel.from <= p.to);
  const rename = mismatch ? renameAction(doc) : null;
  if (rename) items.unshift(rename);
  const at = v.coordsAtPos(sel.head) ?? { left: 40, bottom: 80 };
  openMenu(items, { x: at.left, y: at.bottom + 4 }, 'Code actions', v.contentDOM);
}

function changed(u: import('@codemirror/view').ViewUpdate) {
  const doc = docs.active;
  if (!doc || u.view !== view) return;
  doc.state = u.state;
  if (!u.docChanged) return;
  if (doc.name.startsWith('untitled-') && u.transactions.some((tr) => tr.isUserEvent('input.paste') || tr.isUserEvent('input.drop'))) nameFromRole.add(doc);
  lastEdit = performance.now();
  docs.changed(doc, u.state, u.changes);
  problemsList.refresh(u.state.doc);
  const large = u.state.doc.length > LARGE_DOCUMENT;
  if (large !== u.startState.doc.length > LARGE_DOCUMENT) {
    queueMicrotask(() => view.dispatch({ effects: language.reconfigure(languageFor(view.state.doc.length)) }));
  }
  url.schedule(large ? 1500 : 600);
}

// ---- documents, tabs, panels.

const docs = new Docs(client, (crlf, length) => editorExtensions({ complete, hover, definition, actions: (v) => void openActions(v), format: () => void formatDoc(), changed }, crlf, length), {
  analysed: (doc) => void render(doc),
});

function lintDiagnostics(doc: Doc): CmDiagnostic[] {
  const rename = doc.problems.some((p) => p.d.rule === 'role-filename-mismatch') ? renameAction(doc) : null;
  return doc.problems.map((p) => {
    const actions: Action[] = p.fix ? [{ name: plain(p.fix.title), apply: () => applyFix(p) }] : [];
    if (rename && p.d.rule === 'role-filename-mismatch') actions.push({ name: rename.label, apply: () => rename.run() });
    return {
      from: Math.min(p.from, doc.state.doc.length),
      to: Math.min(p.to, doc.state.doc.length),
      severity: p.d.severity,
      message: p.d.message,
      renderMessage: () =>
        el(
          'div',
          { className: 'lint-message' },
          messageNode(p.d.message),
          el('button', { type: 'button', className: 'rule-link', textContent: p.d.rule, title: 'Open the rule’s documentation', onclick: () => rulesDialog.show(p.d.rule) }),
        ),
      actions,
    };
  });
}

/**
 * Draws the active document's analysis: underlines, problems, outline, JSON.
 * The steps run as separate tasks, so a keystroke never waits for more than
 * one; for a large document they wait until typing pauses (the underlines
 * already follow the edits meanwhile).
 */
async function render(doc: Doc) {
  const run = ++renderRun;
  const analysis = doc.analysis;
  if (doc !== docs.active || !analysis) return;
  const current = () => run === renderRun && doc === docs.active && doc.analysis === analysis;
  if (doc.problems.length > 500 || doc.state.doc.length > LARGE_DOCUMENT) {
    while (performance.now() - lastEdit < 250) {
      await new Promise((ok) => setTimeout(ok, 250 - (performance.now() - lastEdit)));
      if (!current()) return;
    }
  }
  view.dispatch(setDiagnostics(view.state, lintDiagnostics(doc)));
  await nextTask();
  if (!current()) return;
  problemsList.show(doc.problems, view.state.doc);
  const n = doc.problems.length;
  const safe = doc.problems.filter((p) => p.fix?.safe).length;
  const fixAll = $as('fix-all', HTMLButtonElement);
  fixAll.disabled = safe === 0;
  fixAll.textContent = safe ? `Fix all (${safe})` : 'Fix all';
  if (problemCounts.get(doc.name) !== n) {
    problemCounts.set(doc.name, n);
    renderTabs();
  }
  $('status').textContent = `${n} problem${n === 1 ? '' : 's'} · analysed in ${analysis.ms.toFixed(1)} ms`;
  // Screen readers hear the count when it changes, once typing pauses; never the timing.
  if (n !== lastAnnounced) {
    lastAnnounced = n;
    announce(n ? `${n} problem${n === 1 ? '' : 's'}` : 'No problems', 1000);
  }
  await nextTask();
  if (!current()) return;
  outline.show(analysis.symbols, analysis.tokens);
  jsonPanel.show(analysis.parsed, analysis.resolved);
  document.body.dataset.analysed = `${doc.name}@${analysis.version}`;
  if (!document.body.dataset.ready) {
    document.body.dataset.ready = 'true';
    performance.mark('rolekit:first-problems');
  }
  if (nameFromRole.has(doc)) {
    nameFromRole.delete(doc);
    const rename = renameAction(doc);
    if (rename && doc.name.startsWith('untitled-')) {
      const from = doc.name;
      rename.run();
      toast(`Named the tab after its role: ${doc.name}`, { label: 'Undo', run: () => renameDoc(doc.name, from) });
    }
  }
}

const tabs = new Tabs({ activate: (n) => activate(n), close: (n) => closeDoc(n), rename: (a, b) => renameDoc(a, b) });
function renderTabs() {
  tabs.render(docs.names(), docs.active?.name ?? '', problemCounts);
}

const problemsList = new ProblemsList($('problems'), $('problem-count'), {
  goTo: (p) => select(p.from, p.to),
  fix: (p) => applyFix(p),
  showRule: (r) => rulesDialog.show(r),
});
const outline = new Outline($('outline'), (s: DocumentSymbol) => {
  const text = view.state.doc;
  select(toOffset(text, s.selectionRange.start), toOffset(text, s.selectionRange.end));
});
const jsonPanel = new JsonPanel((name) => activate(name));
const rulesDialog = new RulesDialog((levels) => setLevels(levels));

function select(from: number, to: number) {
  view.dispatch({ selection: { anchor: from, head: to }, scrollIntoView: true });
  view.focus();
}

function activate(name: string) {
  const doc = docs.get(name);
  if (!doc) return;
  closeMenu();
  if (docs.active && docs.active !== doc) docs.active.state = view.state;
  docs.setActive(doc);
  view.setState(doc.state);
  renderTabs();
  if (doc.analysis) void render(doc);
  url.schedule();
}

function closeDoc(name: string) {
  const doc = docs.get(name);
  if (!doc || docs.all.size <= 1) return;
  const order = docs.names();
  const at = order.indexOf(name);
  const text = doc.state.sliceDoc();
  docs.close(name);
  problemCounts.delete(name);
  if (!docs.active) activate(docs.names()[Math.max(0, at - 1)] ?? docs.names()[0] ?? '');
  else {
    // The active document may have inherited from the closed one: the worker re-checks it.
    renderTabs();
  }
  url.schedule();
  toast(`Closed ${name}`, { label: 'Undo', run: () => (docs.get(name) ? null : (docs.open(name, text), activate(name))) });
}

function renameDoc(from: string, to: string): string | null {
  if (!to || to === from) return null;
  if (docs.get(to)) return `${to} is already open`;
  docs.rename(from, to);
  const count = problemCounts.get(from);
  problemCounts.delete(from);
  if (count !== undefined) problemCounts.set(to, count);
  renderTabs();
  url.schedule();
  return null;
}

function newDoc(text?: string, name?: string) {
  let n = 1;
  while (docs.get(`untitled-${n}.md`)) n++;
  const stem = `untitled-${n}`;
  const doc = docs.open(name ?? `${stem}.md`, text ?? newRole(stem));
  activate(doc.name);
  view.focus();
  return doc;
}

function setLevels(levels: RuleLevels) {
  rulesDialog.levels = levels;
  client.sync({ kind: 'levels', levels });
  url.schedule(100);
}

/** Replaces every tab with `state` (a link, Back, Undo). */
function loadState(state: SavedState) {
  for (const name of docs.names()) docs.close(name);
  problemCounts.clear();
  const crlf = new Set(state.crlf ?? []);
  for (const [name, text] of state.docs) docs.open(name, text, crlf.has(name) || /\r\n/.test(text));
  setLevels(state.rules ?? {});
  const first = state.docs[0]?.[0] ?? '';
  activate(docs.get(state.active) ? state.active : first);
}

function snapshot(): SavedState {
  return {
    docs: docs.names().map((n): [string, string] => [n, docs.get(n)?.state.sliceDoc() ?? '']),
    active: docs.active?.name ?? '',
    rules: rulesDialog.levels,
    crlf: docs.names().filter((n) => docs.get(n)?.crlf),
  };
}

const url = new UrlState(client, () => ({
  order: docs.names(),
  active: docs.active?.name ?? '',
  rules: rulesDialog.levels,
  crlf: docs.names().filter((n) => docs.get(n)?.crlf),
}));

// ---- samples: added beside the open tabs; a tab they would overwrite is replaced only when confirmed.

function confirmReplace(names: string[]): Promise<boolean> {
  const dialog = $as('confirm-dialog', HTMLDialogElement);
  $('confirm-title').textContent = names.length === 1 ? `Replace ${names[0]}?` : `Replace ${names.length} tabs?`;
  $('confirm-text').textContent = `${names.join(', ')} ${names.length === 1 ? 'has' : 'have'} edits that the sample would replace. Back or Undo brings them back.`;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true }));
}

async function openSample(key: string) {
  const sample = SAMPLES[key];
  if (!sample) return;
  const replaced = sample.docs.filter(([n, t]) => {
    const d = docs.get(n);
    return d && d.state.sliceDoc() !== t;
  });
  if (replaced.length && !(await confirmReplace(replaced.map(([n]) => n)))) return;
  const before = snapshot();
  await url.save(); // this history entry keeps the state before the sample
  for (const [name, text] of sample.docs) {
    const d = docs.get(name);
    if (!d) docs.open(name, text);
    else if (d.state.sliceDoc() !== text) {
      docs.close(name);
      docs.open(name, text);
    }
  }
  activate(sample.active);
  await url.save(true);
  toast(`Opened the sample${replaced.length ? `, replacing ${replaced.map(([n]) => n).join(', ')}` : ''}.`, { label: 'Undo', run: () => loadState(before) });
}

// ---- fix all: one undoable change, only the lines that differ.

function lineDiff(state: import('@codemirror/state').EditorState, next: string) {
  const old = state.doc;
  const lines = next.split(state.lineBreak === '\n' ? /\r\n?|\n/ : state.lineBreak);
  let head = 0;
  while (head < old.lines && head < lines.length && old.line(head + 1).text === lines[head]) head++;
  let tail = 0;
  while (tail < old.lines - head && tail < lines.length - head && old.line(old.lines - tail).text === lines[lines.length - 1 - tail]) tail++;
  if (head === old.lines && head === lines.length) return null;
  const from = head < old.lines ? old.line(head + 1).from : old.length;
  const to = old.lines - tail > head ? old.line(old.lines - tail).to : from;
  let insert = lines.slice(head, lines.length - tail).join(state.lineBreak);
  // Lines added or removed at a boundary take a line break with them.
  if (old.lines - tail <= head && lines.length - tail > head) insert = head < old.lines ? insert + state.lineBreak : state.lineBreak + insert;
  if (lines.length - tail <= head && old.lines - tail > head) {
    return head > 0 ? { from: old.line(head).to, to } : { from, to: Math.min(old.length, to + 1) };
  }
  return { from, to, insert };
}

/**
 * Asks the worker for a new text of the active document (fix-all, format) and
 * applies it as one undoable change, unless the text changed meanwhile.
 * `rewrite` returns the new text, or a message saying why there is none.
 */
async function rewriteActive(button: string, rewrite: (name: string) => Promise<{ text: string } | { why: string }>, done: string, userEvent: string) {
  const doc = docs.active;
  if (!doc) return;
  docs.flush(doc);
  const version = doc.version;
  const out = await rewrite(doc.name).catch((e: Error) => (toast(e.message), null));
  if (out === null || doc !== docs.active) return;
  if (doc.version !== version) return toast(`The text changed meanwhile: press ${button} again.`);
  if ('why' in out) return toast(out.why);
  const change = lineDiff(view.state, out.text);
  if (!change) return toast(done);
  view.dispatch({ changes: change, userEvent, scrollIntoView: false });
  return true;
}

async function fixAll() {
  const before = docs.active?.problems.length ?? 0;
  const fixed = await rewriteActive('Fix all', async (name) => ({ text: await client.request('fixAll', { name }) }), 'Nothing to fix.', 'input.fixall');
  if (fixed) toast(`Applied the safe fixes (${before} problems before). Ctrl+Z undoes them.`);
}

async function formatDoc() {
  let notes = '';
  const formatted = await rewriteActive(
    'Format',
    async (name) => {
      const out = await client.request('format', { name });
      notes = out.notes.length ? ` (${out.notes.join('; ')})` : '';
      return out.refused ? { why: `Not formatted: ${out.refused}.` } : { text: out.text };
    },
    'Already formatted.',
    'input.format',
  );
  if (formatted) toast(`Formatted as rolekit fmt does${notes}. Ctrl+Z undoes it.`);
}

// ---- theme.

const THEMES = ['system', 'dark', 'light'] as const;
function applyTheme(t: (typeof THEMES)[number]) {
  if (t === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = t;
  try {
    if (t === 'system') localStorage.removeItem('rolekit-theme');
    else localStorage.setItem('rolekit-theme', t);
  } catch {
    // storage off: the choice lasts for this page
  }
  const b = $('theme');
  b.setAttribute('aria-label', `Theme: ${t} (switch)`);
  b.title = `Theme: ${t}. Click to switch.`;
  b.textContent = t === 'dark' ? '☾' : t === 'light' ? '☀' : '◐';
}

// ---- start.

function wire() {
  document.querySelector('.skip')?.addEventListener('click', (e) => {
    e.preventDefault();
    view.focus();
  });
  $('new-tab').addEventListener('click', () => newDoc());
  $('samples-button').addEventListener('click', (e) => {
    const b = e.currentTarget as HTMLElement;
    const r = b.getBoundingClientRect();
    b.setAttribute('aria-expanded', 'true');
    openMenu(
      [
        { label: 'Seed: platform-engineer.md', run: () => void openSample('seed') },
        { label: 'A broken file', run: () => void openSample('broken') },
        { label: 'Parent and child (inherits)', run: () => void openSample('pair') },
        { label: 'A valora project: role, command, prompt', run: () => void openSample('valora') },
        ...DIALECT_SAMPLES.map((d) => ({ label: d.label, run: () => void openSample(d.key) })),
      ],
      { x: r.left, y: r.bottom + 4 },
      'Samples',
      b,
    );
  });
  $('fix-all').addEventListener('click', () => void fixAll());
  $('format').addEventListener('click', () => void formatDoc());
  $('rules-button').addEventListener('click', () => rulesDialog.showAll());
  $('share').addEventListener('click', async () => {
    await url.save();
    if (url.tooLarge) return toast('These documents are too large for a link: use Download instead.');
    try {
      await navigator.clipboard.writeText(location.href);
      toast('Link copied: it holds every open tab.');
    } catch {
      toast('The address bar holds the link.');
    }
  });
  const saved = document.documentElement.dataset.theme;
  applyTheme(saved === 'dark' || saved === 'light' ? saved : 'system');
  $('theme').addEventListener('click', () => {
    const now = (document.documentElement.dataset.theme as 'dark' | 'light' | undefined) ?? 'system';
    applyTheme(THEMES[(THEMES.indexOf(now) + 1) % THEMES.length] ?? 'system');
  });
  wireFiles({
    opened: (files) => {
      for (const f of files) {
        if (docs.get(f.name)) docs.close(f.name);
        docs.open(f.name, f.text);
      }
      const last = files[files.length - 1];
      if (last) activate(last.name);
      toast(`Opened ${files.map((f) => f.name).join(', ')}.`);
    },
    current: () => (docs.active ? { name: docs.active.name, text: view.state.sliceDoc() } : null),
    error: (m) => toast(m),
  });
  window.addEventListener('popstate', async () => {
    const s = await url.read();
    if (s) loadState(s);
  });
  // Paste into a new, empty page: a role pasted with Ctrl+V outside the editor opens a tab.
  document.addEventListener('paste', (e) => {
    if (view.hasFocus || (e.target as HTMLElement).closest('input, textarea, select, dialog')) return;
    const text = e.clipboardData?.getData('text/plain');
    if (!text?.trim()) return;
    e.preventDefault();
    nameFromRole.add(newDoc(text));
  });
}

function failed(e: unknown) {
  const message = e instanceof Error ? e.message : String(e);
  const banner = $('banner');
  banner.replaceChildren(
    el('strong', { textContent: 'rolekit could not start. ' }),
    `The editor still works, but without checks: ${message}. `,
    el('button', { type: 'button', textContent: 'Reload', onclick: () => location.reload() }),
  );
  banner.hidden = false;
  problemsList.message('No checks: rolekit’s WebAssembly module did not load.');
  $('outline').replaceChildren(el('li', { className: 'empty', textContent: 'Not available.' }));
  $('json-note').textContent = 'Not available without rolekit.';
  document.body.dataset.failed = 'true';
}

async function start() {
  view = new EditorView({ parent: $('editor') });
  $('editor').querySelector('.loading')?.remove();
  wire();
  const fromUrl = await url.read();
  loadState(fromUrl ?? DEFAULT_STATE);
  try {
    const ready = await client.ready;
    rulesDialog.setRules(ready.rules);
    $('status').textContent = `rolekit ${ready.version} loaded in ${ready.ms.toFixed(0)} ms`;
  } catch (e) {
    failed(e);
  }
}

// For the end-to-end tests and the curious: the live objects.
declare global {
  interface Window {
    rolekitPlayground: {
      view: () => EditorView;
      docs: Docs;
      client: AnalysisClient;
      active: () => string;
      saveHash: () => Promise<void>;
      /** Completion by label, as a user picking it from the list. */
      completion: { start: () => void; labels: () => string[]; accept: (label: string) => boolean };
    };
  }
}
window.rolekitPlayground = {
  view: () => view,
  docs,
  client,
  active: () => docs.active?.name ?? '',
  saveHash: () => url.save(),
  completion: {
    start: () => void startCompletion(view),
    labels: () => currentCompletions(view.state).map((c) => c.label),
    accept: (label) => {
      const i = currentCompletions(view.state).findIndex((c) => c.label === label);
      if (i < 0) return false;
      view.dispatch({ effects: setSelectedCompletion(i) });
      return acceptCompletion(view);
    },
  },
};

void start();
