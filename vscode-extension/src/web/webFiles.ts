// The server's files in VS Code for the web, through `vscode.workspace.fs`
// (github.dev's and vscode.dev's virtual file systems, code-server's remote
// one). The server asks synchronously (`readFile`, `readFileHead`,
// `listDirectory`, as the desktop host answers them with Node's `fs`);
// `workspace.fs` answers asynchronously. So the answers come from a cache:
//
// - before the server starts, `warm` lists the workspace folders (the
//   folders the server's policy never enters are skipped: `.git`,
//   `node_modules` …) and reads `rolekit.toml` and the Markdown files, within
//   a time budget; what is left is read on in the background;
// - a question the cache cannot answer yet is answered "no such file" (an
//   empty folder) and the file is read; once it is there the server is told
//   with `workspace/didChangeWatchedFiles` (created), as for a file that
//   appeared on disk: it indexes the file and checks the documents beside it
//   again;
// - the client's own `workspace/didChangeWatchedFiles` (VS Code's file
//   watcher) refreshes the cache before the server sees it (web/webServer.ts).

import * as vscode from 'vscode';

import { isAgentFile } from '../selector';
import { encodeSegment, folderBase, HostFiles, MAX_FILE_BYTES, MAX_LISTED } from '../wasmHost';

/** Folders never listed ahead of the server (`rolekit_core::policy::descend` never enters them). */
const SKIPPED = new Set(['.git', '.hg', '.svn', '.jj', 'node_modules', 'target', '.venv', '__pycache__']);
/** At most this many folders are listed ahead of the server. */
const MAX_WARM_FOLDERS = 2_000;
/** Reads in flight at once. */
const CONCURRENCY = 8;

type Listing = { files: string[]; folders: string[] };

export class WebFiles implements HostFiles {
  /** Text by URI; null: no such (readable, small enough) file. */
  private readonly texts = new Map<string, string | null>();
  private readonly listings = new Map<string, Listing>();
  private readonly reading = new Map<string, Promise<void>>();
  private readonly readToken = new Map<string, object>();
  /** URIs the server asked for before they were read: it hears when they are. */
  private readonly missed = new Set<string>();
  private readonly late = new Set<string>();
  private lateTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private disposed = false;

  /** `late(uris)`: files the server asked for that are readable now. */
  constructor(private readonly late_: (uris: string[]) => void) {}

  dispose(): void {
    this.disposed = true;
    if (this.lateTimer) clearTimeout(this.lateTimer);
  }

  readFile(uri: string): string | undefined {
    const text = this.texts.get(uri);
    if (text !== undefined) return text ?? undefined;
    this.missed.add(uri);
    void this.read(uri);
    return undefined;
  }

  readFileHead(uri: string, maxBytes: number): string | undefined {
    const text = this.readFile(uri);
    // A character is at least a byte: the first maxBytes characters hold the
    // first maxBytes bytes (the server cuts at the byte).
    return text !== undefined && text.length > maxBytes ? text.slice(0, maxBytes) : text;
  }

  listDirectory(folder: string): Listing | undefined {
    const listing = this.listings.get(folderBase(folder));
    if (listing) return listing;
    void this.list(folderBase(folder)).then((l) => {
      for (const f of l.files) {
        this.missed.add(f);
        void this.read(f);
      }
    });
    return { files: [], folders: [] };
  }

  /**
   * Lists `folders` (URIs) and reads `rolekit.toml` and the Markdown files
   * in them, returning after at most `budgetMs`; the rest goes on in the
   * background. Returns what was done in time.
   */
  async warm(folders: string[], budgetMs: number): Promise<{ folders: number; files: number; complete: boolean }> {
    const work = (async () => {
      const queue = folders.map(folderBase);
      const files: string[] = [];
      for (const f of queue) void this.read(`${f}rolekit.toml`);
      let listed = 0;
      while (queue.length > 0 && listed < MAX_WARM_FOLDERS && !this.disposed) {
        const batch = queue.splice(0, CONCURRENCY);
        listed += batch.length;
        const listings = await Promise.all(batch.map((f) => this.list(f)));
        for (const l of listings) {
          files.push(...l.files);
          for (const sub of l.folders) {
            const name = decodeURIComponent(sub.slice(0, -1).slice(sub.slice(0, -1).lastIndexOf('/') + 1));
            if (!SKIPPED.has(name)) queue.push(sub);
          }
        }
      }
      for (let i = 0; i < files.length && !this.disposed; i += CONCURRENCY) {
        await Promise.all(files.slice(i, i + CONCURRENCY).map((f) => this.read(f)));
      }
    })();
    const done = await Promise.race([work.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), budgetMs))]);
    let texts = 0;
    for (const t of this.texts.values()) if (t !== null) texts++;
    return { folders: this.listings.size, files: texts, complete: done };
  }

  /**
   * VS Code's file watcher saw these changes: the cache forgets them and
   * reads them again (resolved when done, before the server hears of them).
   */
  async refresh(changes: { uri: string; type: number }[]): Promise<void> {
    const reads: Promise<void>[] = [];
    for (const { uri, type } of changes) {
      this.texts.delete(uri);
      this.reading.delete(uri);
      const slash = uri.lastIndexOf('/');
      const listing = this.listings.get(uri.slice(0, slash + 1));
      const isMarkdown = isAgentFile(uri);
      if (listing && isMarkdown) {
        listing.files = listing.files.filter((f) => f !== uri);
        if (type !== 3) listing.files = [...listing.files, uri].sort();
      }
      if (type !== 3) reads.push(this.read(uri));
      else this.texts.set(uri, null);
    }
    await Promise.all(reads);
  }

  private read(uri: string): Promise<void> {
    const known = this.reading.get(uri);
    if (known) return known;
    const token = {};
    this.readToken.set(uri, token);
    const promise = (async () => {
      await Promise.resolve();
      let text: string | null = null;
      try {
        const target = vscode.Uri.parse(uri, true);
        const stat = await vscode.workspace.fs.stat(target);
        if (stat.type & vscode.FileType.File && stat.size <= MAX_FILE_BYTES) {
          text = this.decoder.decode(await vscode.workspace.fs.readFile(target));
        }
      } catch {
        text = null;
      }
      if (this.readToken.get(uri) !== token) return; // refreshed meanwhile
      this.texts.set(uri, text);
      if (text !== null && this.missed.delete(uri)) this.noteLate(uri);
    })();
    this.reading.set(uri, promise);
    return promise;
  }

  private async list(folder: string): Promise<Listing> {
    const known = this.listings.get(folder);
    if (known) return known;
    const files: string[] = [];
    const folders: string[] = [];
    try {
      const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.parse(folder, true));
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (const [name, type] of entries) {
        // Symbolic links are not followed (as on the desktop).
        if (type & vscode.FileType.SymbolicLink) continue;
        const uri = folder + encodeSegment(name);
        if (type & vscode.FileType.Directory) folders.push(`${uri}/`);
        else if (type & vscode.FileType.File && isAgentFile(name) && files.length < MAX_LISTED) files.push(uri);
      }
    } catch {
      // Unreadable: empty.
    }
    const listing = { files, folders };
    this.listings.set(folder, listing);
    return listing;
  }

  /** Tells the server about late files, a batch at a time. */
  private noteLate(uri: string): void {
    this.late.add(uri);
    if (this.lateTimer || this.disposed) return;
    this.lateTimer = setTimeout(() => {
      this.lateTimer = undefined;
      const uris = [...this.late];
      this.late.clear();
      if (!this.disposed && uris.length > 0) this.late_(uris);
    }, 20);
  }
}
