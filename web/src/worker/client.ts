// The page's side of the worker protocol: typed requests as promises, sync
// messages fire-and-forget, analyses delivered to one listener.
import type { RuleInfo } from 'rolekit';
import type { Analysis, Method, Requests, SyncMessage, WorkerMessage } from './protocol';

export interface Ready {
  rules: RuleInfo[];
  version: string;
  ms: number;
}

export class AnalysisClient {
  private readonly worker: Worker;
  private nextId = 1;
  /** Requests sent, by method (the tests check that an analysis asks for no code actions). */
  readonly counts: Partial<Record<Method, number>> = {};
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  readonly ready: Promise<Ready>;
  /** An analysis arrived; `read()` parses it (call it when there is time to draw). */
  onAnalysis: (meta: { name: string; version: number }, read: () => Analysis) => void = () => {};

  constructor() {
    this.worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'rolekit-analysis' });
    this.ready = new Promise<Ready>((resolve, reject) => {
      this.worker.onerror = (e) => reject(new Error(e.message || 'the analysis worker could not start'));
      this.worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
        const m = e.data;
        switch (m.kind) {
          case 'ready':
            resolve({ rules: m.rules, version: m.version, ms: m.ms });
            break;
          case 'failed':
            reject(new Error(m.error));
            break;
          case 'analysis': {
            const json = m.json;
            this.onAnalysis({ name: m.name, version: m.version }, () => JSON.parse(json) as Analysis);
            break;
          }
          case 'reply': {
            const w = this.waiting.get(m.id);
            this.waiting.delete(m.id);
            if (m.ok) w?.resolve(m.result);
            else w?.reject(new Error(m.error));
            break;
          }
        }
      };
    });
  }

  sync(m: SyncMessage) {
    this.worker.postMessage(m);
  }

  request<K extends Method>(method: K, args: Requests[K]['args']): Promise<Requests[K]['result']> {
    const id = this.nextId++;
    this.counts[method] = (this.counts[method] ?? 0) + 1;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ kind: 'request', id, method, args });
    });
  }
}
