// The open documents and their sync with the analysis worker. Each tab keeps
// its own EditorState (text, undo history, selection). Edits are sent to the
// worker one analysis at a time (the latest text wins), and every analysis is
// mapped through the edits made since its text was sent, so underlines and
// fixes stay on the right characters while the worker catches up.
import { ChangeSet, EditorState, type Extension, type Text } from '@codemirror/state';
import type { Diagnostic, DocumentSymbol, FileStats, JsonValue, ResolvedRole } from 'rolekit';
import type { AnalysisClient } from './worker/client';
import type { Analysis } from './worker/protocol';
import { toOffset } from './positions';

/** A diagnostic placed in the current text, with its fix's edits as offsets. */
export interface Problem {
  d: Diagnostic;
  from: number;
  to: number;
  fix: { title: string; safe: boolean; changes: { from: number; to: number; insert: string }[] } | null;
}

export interface Doc {
  name: string;
  state: EditorState;
  crlf: boolean;
  version: number;
  /** The text the worker has (as of `sentVersion`) and the edits made since. */
  sentVersion: number;
  sentText: Text | null;
  since: ChangeSet | null;
  inFlight: boolean;
  problems: Problem[];
  /** The analysis those problems come from (symbols, JSON), or null before the first. */
  analysis: { version: number; symbols: DocumentSymbol[]; parsed: JsonValue; resolved: ResolvedRole; tokens: FileStats; ms: number } | null;
  /** Problems reflect the current text (no edit since the analysis). */
  fresh: boolean;
}

export interface DocsEvents {
  /** The active document has new problems/analysis. */
  analysed(doc: Doc): void;
}

const LARGE = 100_000;
const PAUSE = 250;

/** Small documents are sent almost at once; big ones wait for a pause in typing. */
function sendDelay(length: number): number {
  return length < 100_000 ? 40 : 150;
}

export class Docs {
  readonly all = new Map<string, Doc>();
  active: Doc | null = null;
  private timer = 0;
  /** When the last edit happened: a large analysis is read once typing pauses. */
  private lastEdit = 0;

  constructor(
    private readonly client: AnalysisClient,
    private readonly extensions: (crlf: boolean, length: number) => Extension,
    private readonly events: DocsEvents,
  ) {
    client.onAnalysis = (meta, read) => this.received(meta, read);
  }

  names(): string[] {
    return [...this.all.keys()];
  }

  get(name: string): Doc | undefined {
    return this.all.get(name);
  }

  createState(text: string, crlf: boolean): EditorState {
    return EditorState.create({ doc: text, extensions: this.extensions(crlf, text.length) });
  }

  open(name: string, text: string, crlf = /\r\n/.test(text)): Doc {
    const state = this.createState(text, crlf);
    const doc: Doc = {
      name,
      state,
      crlf,
      version: 1,
      sentVersion: 1,
      sentText: state.doc,
      since: ChangeSet.empty(state.doc.length),
      inFlight: true,
      problems: [],
      analysis: null,
      fresh: false,
    };
    this.all.set(name, doc);
    this.client.sync({ kind: 'open', name, text: state.sliceDoc(), version: 1 });
    return doc;
  }

  close(name: string) {
    if (!this.all.delete(name)) return;
    if (this.active?.name === name) this.active = null;
    this.client.sync({ kind: 'close', name });
  }

  rename(from: string, to: string) {
    const doc = this.all.get(from);
    if (!doc || this.all.has(to)) return;
    // Keep the tab order: rebuild the map with the new key in place.
    const entries = [...this.all.entries()].map(([k, v]): [string, Doc] => (k === from ? [to, v] : [k, v]));
    this.all.clear();
    for (const [k, v] of entries) this.all.set(k, v);
    doc.name = to;
    this.client.sync({ kind: 'rename', from, to });
  }

  setActive(doc: Doc) {
    this.active = doc;
    this.client.sync({ kind: 'active', name: doc.name });
  }

  /** The editor changed the active document. */
  changed(doc: Doc, state: EditorState, changes: ChangeSet) {
    doc.state = state;
    doc.version++;
    this.lastEdit = performance.now();
    doc.fresh = false;
    if (doc.since) doc.since = doc.since.compose(changes);
    for (const p of doc.problems) {
      p.from = changes.mapPos(p.from, 1);
      p.to = Math.max(p.from, changes.mapPos(p.to, -1));
      if (p.fix) for (const c of p.fix.changes) ((c.from = changes.mapPos(c.from, 1)), (c.to = Math.max(c.from, changes.mapPos(c.to, -1))));
    }
    this.scheduleSend(doc);
  }

  private scheduleSend(doc: Doc) {
    clearTimeout(this.timer);
    if (doc.inFlight) return; // sent when the running analysis comes back
    this.timer = window.setTimeout(() => this.send(doc), sendDelay(doc.state.doc.length));
  }

  /** Sends the document's text now if the worker does not have it (before a request about it). */
  flush(doc: Doc) {
    if (doc.sentVersion === doc.version) return;
    clearTimeout(this.timer);
    this.send(doc);
  }

  private send(doc: Doc) {
    if (!this.all.has(doc.name) || doc.sentVersion === doc.version) return;
    doc.sentVersion = doc.version;
    doc.sentText = doc.state.doc;
    doc.since = ChangeSet.empty(doc.state.doc.length);
    doc.inFlight = true;
    this.client.sync({ kind: 'update', name: doc.name, text: doc.state.sliceDoc(), version: doc.version });
  }

  private received(meta: { name: string; version: number }, read: () => Analysis) {
    const doc = this.all.get(meta.name);
    if (!doc) return;
    if (meta.version < doc.sentVersion || !doc.sentText || !doc.since) return; // a newer analysis is on its way
    doc.inFlight = false;
    if (doc.version !== doc.sentVersion) this.scheduleSend(doc);
    // A large document's analysis waits for a pause in typing before it is parsed and placed.
    const place = () => {
      if (!this.all.has(doc.name) || doc.name !== meta.name || doc.sentVersion !== meta.version) return;
      if (doc.state.doc.length > LARGE && performance.now() - this.lastEdit < PAUSE) {
        setTimeout(place, PAUSE - (performance.now() - this.lastEdit));
        return;
      }
      this.place(doc, read());
    };
    place();
  }

  private place(doc: Doc, a: Analysis) {
    if (!doc.sentText || !doc.since) return;
    const text = doc.sentText;
    const since = doc.since;
    const place = (from: number, to: number) => {
      const a2 = since.mapPos(from, 1);
      return [a2, Math.max(a2, since.mapPos(to, -1))] as const;
    };
    doc.problems = a.diagnostics.map((d) => {
      const [from, to] = place(toOffset(text, d.range.start), toOffset(text, d.range.end));
      const fix = d.fix && {
        title: d.fix.description,
        safe: d.fix.safe,
        changes: d.fix.edits.map((e) => {
          const [f, t] = place(toOffset(text, e.range.start), toOffset(text, e.range.end));
          return { from: f, to: t, insert: e.newText };
        }),
      };
      return { d, from, to, fix };
    });
    doc.analysis = { version: a.version, symbols: a.symbols, parsed: a.parsed, resolved: a.resolved, tokens: a.tokens, ms: a.ms };
    doc.fresh = doc.version === a.version;
    if (doc === this.active) this.events.analysed(doc);
  }
}
