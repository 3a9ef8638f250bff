// The rolekit playground: CodeMirror 6 on top of the `rolekit` npm package
// (the Rust core compiled to WebAssembly). Every open tab is a document of one
// rolekit Workspace, so `inherits:` resolves between tabs.
import init, { Workspace, rules as allRules } from 'rolekit';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection, hoverTooltip } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { syntaxHighlighting, defaultHighlightStyle, foldGutter, foldKeymap, bracketMatching } from '@codemirror/language';
import { linter, lintGutter, forceLinting, lintKeymap } from '@codemirror/lint';
import { autocompletion, completionKeymap, snippet } from '@codemirror/autocomplete';
import { searchKeymap, highlightSelectionMatches } from '@codemirror/search';
import { markdownLanguage } from '@codemirror/lang-markdown';
import { yamlFrontmatter } from '@codemirror/lang-yaml';
import LZString from 'lz-string';
import { renderMarkdown } from './markdown.js';
import seedText from '../samples/platform-engineer.md?raw';
import childText from '../samples/secops-engineer.md?raw';
import brokenText from '../samples/broken.md?raw';
import './style.css';

const SAMPLES = {
  seed: { docs: [['platform-engineer.md', seedText]], active: 'platform-engineer.md' },
  broken: { docs: [['broken.md', brokenText]], active: 'broken.md' },
  pair: { docs: [['platform-engineer.md', seedText], ['secops-engineer.md', childText]], active: 'secops-engineer.md' },
};
const DEFAULT_STATE = {
  docs: [['platform-engineer.md', seedText], ['secops-engineer.md', childText], ['broken.md', brokenText]],
  active: 'platform-engineer.md',
};

const $ = (id) => document.getElementById(id);
const el = (tag, { dataset, ...props } = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  Object.assign(node.dataset, dataset);
  node.append(...children.filter((c) => c != null));
  return node;
};

await init();
const ws = new Workspace();
const RULES = new Map(allRules().map((r) => [r.id, r]));

/** name -> EditorState (each tab keeps its own undo history). */
const states = new Map();
let active = '';
let jsonView = 'parsed';

// ---- positions: rolekit speaks {line, character} in UTF-16, CodeMirror UTF-16 offsets.
const toPosition = (doc, offset) => {
  const line = doc.lineAt(offset);
  return { line: line.number - 1, character: offset - line.from };
};
const toOffset = (doc, p) => {
  if (p.line >= doc.lines) return doc.length;
  const line = doc.line(p.line + 1);
  return Math.min(line.from + p.character, line.to);
};
const editChanges = (doc, edits) => edits.map((e) => ({ from: toOffset(doc, e.range.start), to: toOffset(doc, e.range.end), insert: e.newText }));
const sameDiagnostic = (a, b) => a.rule === b.rule && a.message === b.message && JSON.stringify(a.range) === JSON.stringify(b.range);

function applyEdits(view, edits) {
  view.dispatch({ changes: editChanges(view.state.doc, edits), userEvent: 'input.fix' });
  view.focus();
}

// ---- CodeMirror sources backed by the workspace.
function fixesFor(d) {
  const actions = ws.codeActions(active, d.range).filter((a) => a.diagnostic && sameDiagnostic(a.diagnostic, d));
  if (actions.length) return actions.map((a) => ({ title: a.title, edits: a.edits }));
  return d.fix ? [{ title: d.fix.description, edits: d.fix.edits }] : [];
}

const rolekitLinter = linter(
  (view) => {
    const doc = view.state.doc;
    const t0 = performance.now();
    const diagnostics = ws.diagnostics(active);
    const ms = performance.now() - t0;
    $('status').textContent = `analysed in ${ms.toFixed(2)} ms`;
    renderProblems(view, diagnostics);
    return diagnostics.map((d) => ({
      from: toOffset(doc, d.range.start),
      to: toOffset(doc, d.range.end),
      severity: d.severity,
      source: d.rule,
      message: d.message,
      actions: fixesFor(d).map((f) => ({ name: f.title, apply: (v) => applyEdits(v, f.edits) })),
    }));
  },
  { delay: 120 },
);

function completionType(kind) {
  return { key: 'property', value: 'constant', 'enum-member': 'enum', section: 'text', snippet: 'keyword' }[kind] ?? 'text';
}
const lspSnippet = (text) => text.replace(/\$(\d+)/g, '${$1:}');

function rolekitCompletions(context) {
  const doc = context.state.doc;
  const items = ws.complete(active, toPosition(doc, context.pos));
  if (!items.length) return null;
  const from = Math.min(...items.map((i) => toOffset(doc, i.range.start)));
  return {
    from,
    validFor: /^[\w.-]*$/,
    options: items.map((item) => ({
      label: item.label,
      detail: item.detail ?? undefined,
      type: completionType(item.kind),
      boost: item.preselect ? 50 : 0,
      info: item.documentation ? () => el('div', { className: 'markdown', innerHTML: renderMarkdown(item.documentation) }) : undefined,
      apply: item.isSnippet
        ? (view, completion, f, t) => snippet(lspSnippet(item.insertText))(view, completion, f, t)
        : (view, _c, f, t) => view.dispatch({ changes: { from: f, to: t, insert: item.insertText }, selection: { anchor: f + item.insertText.length }, userEvent: 'input.complete' }),
    })),
  };
}

const rolekitHover = hoverTooltip((view, pos) => {
  const doc = view.state.doc;
  const h = ws.hover(active, toPosition(doc, pos));
  if (!h) return null;
  return {
    pos: toOffset(doc, h.range.start),
    end: toOffset(doc, h.range.end),
    above: true,
    create: () => ({ dom: el('div', { className: 'markdown hover-doc', innerHTML: renderMarkdown(h.markdown) }) }),
  };
});

// ---- code actions at the cursor (quick fixes, refactorings, source actions).
let cursorActions = [];
let actionsTimer = 0;
function refreshActions() {
  clearTimeout(actionsTimer);
  actionsTimer = setTimeout(() => {
    if (!active) return;
    const doc = view.state.doc;
    const sel = view.state.selection.main;
    cursorActions = ws.codeActions(active, { start: toPosition(doc, sel.from), end: toPosition(doc, sel.to) });
    const label = cursorActions.length ? `Actions (${cursorActions.length})…` : 'No actions here';
    $('actions').replaceChildren(
      el('option', { value: '', textContent: label }),
      ...cursorActions.map((a, i) => el('option', { value: String(i), textContent: `${a.kind === 'quick-fix' ? 'Fix' : a.kind === 'refactor' ? 'Refactor' : 'Source'}: ${a.title}` })),
    );
  }, 100);
}
function runAction(i) {
  const action = cursorActions[i];
  if (action) applyEdits(view, action.edits);
}

const onChange = EditorView.updateListener.of((u) => {
  if (u.selectionSet || u.docChanged) refreshActions();
  if (!u.docChanged) return;
  ws.update(active, u.state.doc.toString());
  states.set(active, u.state);
  scheduleSideUpdate();
});

const extensions = [
  lineNumbers(),
  highlightActiveLineGutter(),
  foldGutter(),
  lintGutter(),
  history(),
  drawSelection(),
  highlightActiveLine(),
  highlightSelectionMatches(),
  bracketMatching(),
  syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
  yamlFrontmatter({ content: markdownLanguage }),
  EditorView.lineWrapping,
  autocompletion({ override: [rolekitCompletions], icons: true }),
  rolekitLinter,
  rolekitHover,
  onChange,
  keymap.of([{ key: 'Mod-.', run: () => { refreshActions(); setTimeout(() => $('actions').focus(), 120); return true; } }, indentWithTab, ...completionKeymap, ...lintKeymap, ...foldKeymap, ...searchKeymap, ...historyKeymap, ...defaultKeymap]),
];

const view = new EditorView({ parent: $('editor') });

// ---- documents and tabs.
function openDoc(name, text) {
  ws.open(name, text);
  states.set(name, EditorState.create({ doc: text, extensions }));
}

function activate(name) {
  if (!states.has(name)) return;
  if (active && states.has(active)) states.set(active, view.state);
  active = name;
  view.setState(states.get(name));
  renderTabs();
  forceLinting(view);
  scheduleSideUpdate(0);
  refreshActions();
}

function loadState(state) {
  for (const name of ws.names()) ws.close(name);
  states.clear();
  active = '';
  for (const [name, text] of state.docs) openDoc(name, text);
  activate(states.has(state.active) ? state.active : state.docs[0][0]);
}

function closeDoc(name) {
  if (states.size <= 1) return;
  ws.close(name);
  states.delete(name);
  if (name === active) {
    active = '';
    activate(states.keys().next().value);
  } else {
    renderTabs();
    scheduleSideUpdate(0);
  }
}

function newDoc() {
  let n = 1;
  while (states.has(`untitled-${n}.md`)) n++;
  const name = `untitled-${n}.md`;
  const stem = name.slice(0, -3);
  openDoc(name, `---\nrole: ${stem}\nversion: 1.0.0\ndescription: \ninherits: \n---\n\n# ${stem}\n`);
  activate(name);
}

function renderTabs() {
  const tabs = [...states.keys()].map((name) =>
    el(
      'div',
      { className: `tab${name === active ? ' active' : ''}`, role: 'tab', ariaSelected: String(name === active) },
      el('button', { type: 'button', className: 'tab-name', textContent: name, onclick: () => activate(name) }),
      states.size > 1 ? el('button', { type: 'button', className: 'tab-close', title: `Close ${name}`, textContent: '×', onclick: () => closeDoc(name) }) : null,
    ),
  );
  $('tabs').replaceChildren(...tabs, el('button', { type: 'button', className: 'tab-new', title: 'New document', textContent: '+', onclick: newDoc }));
}

// ---- side panels: problems, outline, parsed/resolved JSON.

function selectRange(range) {
  const doc = view.state.doc;
  view.dispatch({ selection: { anchor: toOffset(doc, range.start), head: toOffset(doc, range.end) }, scrollIntoView: true });
  view.focus();
}

function renderProblems(v, diagnostics) {
  $('problem-count').textContent = diagnostics.length ? `(${diagnostics.length})` : '';
  if (!diagnostics.length) {
    $('problems').replaceChildren(el('li', { className: 'empty', textContent: 'No problems.' }));
    return;
  }
  $('problems').replaceChildren(
    ...diagnostics.map((d) => {
      const fixes = fixesFor(d);
      return el(
        'li',
        { className: `problem ${d.severity}`, dataset: { rule: d.rule } },
        el('span', { className: 'sev', title: d.severity, ariaLabel: d.severity }),
        el('button', { type: 'button', className: 'where', textContent: `${d.range.start.line + 1}:${d.range.start.character + 1}`, onclick: () => selectRange(d.range) }),
        el('span', { className: 'message', textContent: d.message, onclick: () => selectRange(d.range) }),
        el('button', { type: 'button', className: 'rule-link', textContent: d.rule, title: 'Open the rule’s documentation', onclick: () => showRule(d.rule) }),
        ...fixes.map((f) => el('button', { type: 'button', className: 'fix', textContent: `Fix: ${f.title}`, onclick: () => applyEdits(v, f.edits) })),
      );
    }),
  );
}

function renderSymbols(symbols) {
  return symbols.map((s) =>
    el(
      'li',
      { className: `sym ${s.kind}` },
      el('button', { type: 'button', textContent: s.name, title: s.detail ?? s.kind, onclick: () => selectRange(s.selectionRange) }),
      s.children.length ? el('ul', {}, ...renderSymbols(s.children)) : null,
    ),
  );
}

function renderJson() {
  document.querySelectorAll('.json-tabs button').forEach((b) => b.setAttribute('aria-selected', String(b.dataset.view === jsonView)));
  if (jsonView === 'parsed') {
    const parsed = ws.parsed(active);
    $('json-note').textContent = parsed === null ? 'No frontmatter (or it does not parse).' : 'The frontmatter as JSON.';
    $('json').textContent = JSON.stringify(parsed, null, 2);
  } else {
    const r = ws.resolved(active);
    const chain = r.chain.length ? `Inherits from ${r.chain.join(' → ')}.` : 'No parents.';
    $('json-note').textContent = r.error ? `${chain} ${r.error}.` : chain;
    $('json').textContent = JSON.stringify(r.role, null, 2);
  }
}

let sideTimer = 0;
let hashTimer = 0;
function scheduleSideUpdate(delay = 150) {
  clearTimeout(sideTimer);
  sideTimer = setTimeout(() => {
    if (!active) return;
    $('outline').replaceChildren(...renderSymbols(ws.symbols(active)));
    renderJson();
  }, delay);
  clearTimeout(hashTimer);
  hashTimer = setTimeout(saveHash, 400);
}

// ---- rule documentation.
function showRule(id) {
  const rule = RULES.get(id);
  $('rule-doc').innerHTML = rule ? renderMarkdown(rule.markdown) : `<p>Unknown rule <code>${id.replace(/[<>&]/g, '')}</code>.</p>`;
  if (!$('rule-dialog').open) $('rule-dialog').showModal();
}

function showAllRules() {
  const list = el(
    'ul',
    { className: 'rule-list' },
    ...[...RULES.values()].map((r) =>
      el('li', {}, el('button', { type: 'button', className: 'rule-link', textContent: r.id, onclick: () => showRule(r.id) }), ` ${r.severity} — ${r.summary}`),
    ),
  );
  $('rule-doc').replaceChildren(el('h3', { textContent: `Rules (${RULES.size})` }), list);
  $('rule-dialog').showModal();
}

// ---- the URL hash carries every document (lz-string), so a state can be shared.
function saveHash() {
  if (active) states.set(active, view.state);
  const docs = [...states.entries()].map(([name, s]) => [name, s.doc.toString()]);
  const hash = '#s=' + LZString.compressToEncodedURIComponent(JSON.stringify({ v: 1, docs, active }));
  window.history.replaceState(null, '', hash);
}

function stateFromHash() {
  const m = location.hash.match(/^#s=(.+)$/);
  if (!m) return null;
  try {
    const s = JSON.parse(LZString.decompressFromEncodedURIComponent(m[1]) ?? '');
    const ok = s && Array.isArray(s.docs) && s.docs.length > 0 && s.docs.every((d) => Array.isArray(d) && typeof d[0] === 'string' && typeof d[1] === 'string');
    return ok ? s : null;
  } catch {
    return null;
  }
}

// ---- wiring.
$('samples').addEventListener('change', (e) => {
  const sample = SAMPLES[e.target.value];
  if (sample) loadState(sample);
  e.target.value = '';
});
$('rules-button').addEventListener('click', showAllRules);
$('actions').addEventListener('change', (e) => {
  if (e.target.value !== '') runAction(Number(e.target.value));
  e.target.value = '';
});
$('share').addEventListener('click', async () => {
  saveHash();
  try {
    await navigator.clipboard.writeText(location.href);
    $('status').textContent = 'Link copied.';
  } catch {
    $('status').textContent = 'The address bar holds the link.';
  }
});
document.querySelectorAll('.json-tabs button').forEach((b) =>
  b.addEventListener('click', () => {
    jsonView = b.dataset.view;
    renderJson();
  }),
);
window.addEventListener('hashchange', () => {
  const s = stateFromHash();
  if (s) loadState(s);
});

loadState(stateFromHash() ?? DEFAULT_STATE);
document.body.dataset.ready = 'true';
// For the end-to-end tests and the curious: the live objects.
window.rolekitPlayground = { view, ws, active: () => active, saveHash };
