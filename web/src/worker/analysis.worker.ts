// The analysis worker: owns the rolekit Workspace (the Rust core compiled to
// WebAssembly), so no check, however large the document, blocks the page.
// Updates are coalesced: texts are kept until the next analysis or request
// needs them, and only the active document is analysed, once per batch.
import init, { Workspace, rules, version } from 'rolekit';
import type { Analysis, Method, PageMessage, Requests, SavedState, SyncMessage, WorkerMessage } from './protocol';
import { decodeState, encodeState } from '../state/codec';

declare const self: DedicatedWorkerGlobalScope;

const post = (m: WorkerMessage) => self.postMessage(m);

let ws: Workspace | null = null;
/** Texts received but not yet given to the workspace (the latest per document). */
const pending = new Map<string, string>();
const versions = new Map<string, number>();
let active = '';
let scheduled = false;
const queue: PageMessage[] = [];

function flush(): Workspace {
  if (!ws) throw new Error('rolekit is not loaded');
  for (const [name, text] of pending) ws.update(name, text);
  pending.clear();
  return ws;
}

function apply(m: SyncMessage, w: Workspace) {
  switch (m.kind) {
    case 'open':
    case 'update':
      pending.set(m.name, m.text);
      versions.set(m.name, m.version);
      break;
    case 'close':
      pending.delete(m.name);
      versions.delete(m.name);
      w.close(m.name);
      break;
    case 'rename': {
      const text = pending.get(m.from);
      if (text !== undefined) {
        pending.delete(m.from);
        pending.set(m.to, text);
      }
      versions.set(m.to, versions.get(m.from) ?? 0);
      versions.delete(m.from);
      flush();
      w.rename(m.from, m.to);
      if (active === m.from) active = m.to;
      break;
    }
    case 'levels':
      w.setRuleLevels(m.levels);
      break;
    case 'active':
      active = m.name;
      break;
  }
}

function analyse() {
  scheduled = false;
  const w = flush();
  if (!active || w.text(active) === undefined) return;
  const t0 = performance.now();
  const analysis: Analysis = {
    name: active,
    version: versions.get(active) ?? 0,
    diagnostics: w.diagnostics(active),
    symbols: w.symbols(active),
    parsed: w.parsed(active),
    resolved: w.resolved(active),
    tokens: w.stats(active),
    ms: 0,
  };
  analysis.ms = performance.now() - t0;
  post({ kind: 'analysis', name: analysis.name, version: analysis.version, json: JSON.stringify(analysis) });
}

function schedule() {
  if (scheduled) return;
  scheduled = true;
  // After the messages already queued, so a burst of keystrokes is one analysis.
  setTimeout(analyse, 0);
}

type Handler<K extends Method> = (w: Workspace, args: Requests[K]['args']) => Requests[K]['result'] | Promise<Requests[K]['result']>;
const handlers: { [K in Method]: Handler<K> } = {
  complete: (w, a) => w.complete(a.name, a.at),
  hover: (w, a) => w.hover(a.name, a.at, false),
  codeActions: (w, a) => w.codeActions(a.name, a.range),
  definition: (w, a) => w.definition(a.name, a.at),
  fixAll: (w, a) => w.fixAll(a.name),
  format: (w, a) => w.format(a.name),
  encodeState: (w, a) => {
    const docs: SavedState['docs'] = [];
    for (const name of a.order) {
      const text = w.text(name);
      if (text !== undefined) docs.push([name, text]);
    }
    const state: SavedState = { docs, active: a.active };
    if (Object.keys(a.rules).length) state.rules = a.rules;
    if (a.crlf.length) state.crlf = a.crlf;
    return encodeState(state);
  },
  decodeState: (_w, a) => decodeState(a.hash),
};

async function handle(m: PageMessage) {
  if (m.kind !== 'request') {
    if (!ws) return;
    apply(m, ws);
    schedule();
    return;
  }
  try {
    const w = flush();
    const handler = handlers[m.method] as Handler<typeof m.method>;
    const result = await handler(w, m.args as never);
    post({ kind: 'reply', id: m.id, ok: true, result });
  } catch (e) {
    post({ kind: 'reply', id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
}

self.onmessage = (e: MessageEvent<PageMessage>) => {
  const m = e.data;
  // A shared link is decoded while the module still loads: it needs no rolekit.
  if (m.kind === 'request' && m.method === 'decodeState' && !ws) {
    decodeState(m.args.hash).then(
      (result) => post({ kind: 'reply', id: m.id, ok: true, result }),
      (err: unknown) => post({ kind: 'reply', id: m.id, ok: false, error: String(err) }),
    );
  } else if (ws) void handle(m);
  else queue.push(m);
};

(async () => {
  try {
    const t0 = performance.now();
    await init();
    ws = new Workspace();
    post({ kind: 'ready', rules: rules(), version: version(), ms: performance.now() - t0 });
    for (const m of queue.splice(0)) await handle(m);
  } catch (e) {
    post({ kind: 'failed', error: e instanceof Error ? e.message : String(e) });
  }
})();
