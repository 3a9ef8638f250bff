// The messages between the page and the analysis worker. Every value that
// comes from rolekit is typed with pkg/'s generated declarations.
import type {
  CodeAction,
  CompletionItem,
  Diagnostic,
  DocumentLink,
  DocumentSymbol,
  FileStats,
  Formatted,
  Hover,
  JsonValue,
  Position,
  Range,
  ResolvedRole,
  RuleInfo,
  RuleLevel,
} from 'rolekit';

export type RuleLevels = Record<string, RuleLevel>;

/** Everything the URL carries. `crlf` names the documents written with `\r\n`. */
export interface SavedState {
  docs: [name: string, text: string][];
  active: string;
  rules?: RuleLevels;
  crlf?: string[];
}

/** Page → worker: changes to the workspace. No reply; the active document is analysed afterwards. */
export type SyncMessage =
  | { kind: 'open'; name: string; text: string; version: number }
  | { kind: 'update'; name: string; text: string; version: number }
  | { kind: 'close'; name: string }
  | { kind: 'rename'; from: string; to: string }
  | { kind: 'levels'; levels: RuleLevels }
  | { kind: 'active'; name: string };

/** Page → worker requests, each answered by a `reply` with the same id. */
export interface Requests {
  complete: { args: { name: string; at: Position }; result: CompletionItem[] };
  hover: { args: { name: string; at: Position }; result: Hover | null };
  codeActions: { args: { name: string; range: Range }; result: CodeAction[] };
  definition: { args: { name: string; at: Position }; result: DocumentLink | null };
  fixAll: { args: { name: string }; result: string };
  /** The document as `rolekit fmt` writes it, or why it was left alone. */
  format: { args: { name: string }; result: Formatted };
  /** The workspace as `#z=...` (deflate-raw + base64url, computed in the worker). */
  encodeState: { args: { order: string[]; active: string; rules: RuleLevels; crlf: string[] }; result: string };
  /** A `#z=` (or the older lz-string `#s=`) hash back into a state, or null when it does not decode. */
  decodeState: { args: { hash: string }; result: SavedState | null };
}
export type Method = keyof Requests;

export type RequestMessage = {
  [K in Method]: { kind: 'request'; id: number; method: K; args: Requests[K]['args'] };
}[Method];

export type PageMessage = SyncMessage | RequestMessage;

/** One analysis of a document, as of the text sent with `version`. */
export interface Analysis {
  name: string;
  version: number;
  diagnostics: Diagnostic[];
  symbols: DocumentSymbol[];
  parsed: JsonValue;
  resolved: ResolvedRole;
  /** Estimated tokens (4 characters a token) per section, file and resolved role. */
  tokens: FileStats;
  /** Time spent in rolekit (check, outline, JSON), in ms. */
  ms: number;
}

/** Worker → page. */
export type WorkerMessage =
  | { kind: 'ready'; rules: RuleInfo[]; version: string; ms: number }
  | { kind: 'failed'; error: string }
  /**
   * An `Analysis` as JSON text: one string crosses to the page (structured
   * cloning thousands of small objects costs the page's thread tens of ms),
   * and the page parses it when it is ready to draw (after typing pauses).
   */
  | { kind: 'analysis'; name: string; version: number; json: string }
  | { kind: 'reply'; id: number; ok: true; result: unknown }
  | { kind: 'reply'; id: number; ok: false; error: string };
