// The URL carries the whole workspace (`#z=`, compressed in the worker), so
// a link shares it and Back undoes a sample load. Edits replace the current
// history entry after a pause in typing; loading a sample pushes a new one.
import type { AnalysisClient } from '../worker/client';
import type { SavedState } from '../worker/protocol';

/** Longer links are not written: browsers and chat tools cut them. */
const MAX_HASH = 512 * 1024;

export class UrlState {
  /** The last state did not fit in a link. */
  tooLarge = false;
  private timer = 0;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: AnalysisClient,
    private readonly snapshot: () => { order: string[]; active: string; rules: SavedState['rules']; crlf: string[] },
  ) {}

  /** Saves after `delay` ms without further calls. */
  schedule(delay = 600) {
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.save(), delay);
  }

  /** Writes the state into the URL now: replaces the entry, or pushes a new one. */
  save(push = false): Promise<void> {
    clearTimeout(this.timer);
    const s = this.snapshot();
    this.saving = this.saving.then(async () => {
      const hash = await this.client.request('encodeState', { order: s.order, active: s.active, rules: s.rules ?? {}, crlf: s.crlf });
      this.tooLarge = hash.length > MAX_HASH;
      if (this.tooLarge) return; // the address bar keeps the last state that fitted
      if (push) history.pushState(null, '', hash);
      else if (location.hash !== hash) history.replaceState(null, '', hash);
    });
    return this.saving.catch(() => {});
  }

  /** The state in the URL, or null (none, or it does not decode). */
  async read(): Promise<SavedState | null> {
    if (!/^#[sz]=/.test(location.hash)) return null;
    return this.client.request('decodeState', { hash: location.hash }).catch(() => null);
  }
}
