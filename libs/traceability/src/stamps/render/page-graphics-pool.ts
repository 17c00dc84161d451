import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { pageGraphicsStream } from './page-graphics';

/** Builds the graphics of several pages; the results come back in the order of `pages`. */
export type PageGraphicsFn = (pages: string[][]) => Promise<Uint8Array[]>;

/**
 * The compiled worker script. Under `node dist/…` it sits beside this file; when the sources run
 * through a TypeScript loader (Jest), the build's copy is used (`npm test` builds first). Without
 * either, pages are built on the calling thread.
 */
function workerScript(): string | null {
  const candidates = [join(__dirname, 'sheet-worker.js'), resolve(__dirname, '../../../../../dist/libs/traceability/src/stamps/render/sheet-worker.js')];
  return candidates.find((p) => existsSync(p)) ?? null;
}

interface Pending {
  resolve: (pages: Uint8Array[]) => void;
  reject: (err: Error) => void;
}

/**
 * A few worker threads that build sheet page graphics (QR encoding) in parallel with the PDF
 * writer on the main thread. Tasks go to the worker with the fewest outstanding ones; a worker
 * that dies fails its tasks and is replaced on the next call.
 */
export class PageGraphicsPool {
  private readonly workers: Array<{ worker: Worker; pending: Map<number, Pending> } | null>;
  private nextId = 1;
  private closed = false;

  constructor(
    readonly size = Math.max(1, Math.min(4, availableParallelism())),
    private readonly script = workerScript(),
  ) {
    this.workers = Array.from({ length: script ? size : 0 }, () => null);
  }

  /** The graphics of `pages` (each a page's URLs), in order. */
  run: PageGraphicsFn = (pages) => {
    if (!this.workers.length || this.closed) return Promise.resolve(pages.map(pageGraphicsStream));
    const slot = this.leastBusy();
    const id = this.nextId++;
    return new Promise<Uint8Array[]>((resolve, reject) => {
      // Referenced only while it owes results, so that an idle pool never holds the process open.
      if (!slot.pending.size) slot.worker.ref();
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, pages });
    });
  };

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w?.worker.terminate()));
    this.workers.fill(null);
  }

  private leastBusy(): { worker: Worker; pending: Map<number, Pending> } {
    let best = 0;
    for (let i = 0; i < this.workers.length; i++) {
      if (!this.workers[i]) return this.spawn(i);
      if (this.workers[i]!.pending.size < this.workers[best]!.pending.size) best = i;
    }
    return this.workers[best]!;
  }

  private spawn(i: number) {
    // QR encoding needs little memory: small heaps keep the workers' share of the process RSS low.
    const worker = new Worker(this.script!, { resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 } });
    // Idle workers must not keep a finishing process (a CLI, a test) alive.
    worker.unref();
    const slot = { worker, pending: new Map<number, Pending>() };
    worker.on('message', (msg: { id: number; pages?: Uint8Array[]; error?: string }) => {
      const p = slot.pending.get(msg.id);
      if (!p) return;
      slot.pending.delete(msg.id);
      if (!slot.pending.size) worker.unref();
      if (msg.error !== undefined) p.reject(new Error(msg.error));
      else p.resolve(msg.pages!);
    });
    const fail = (err: Error) => {
      if (this.workers[i] === slot) this.workers[i] = null;
      for (const p of slot.pending.values()) p.reject(err);
      slot.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`stamp sheet worker exited (${code})`)));
    this.workers[i] = slot;
    return slot;
  }
}
