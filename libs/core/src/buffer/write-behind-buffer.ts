import type { Logger } from 'pino';

export interface WriteBehindOptions<T> {
  /** Name in log lines. */
  name: string;
  intervalMs: number;
  /** Above this many buffered keys a flush starts at once instead of waiting for the timer. */
  maxEntries: number;
  /** Combines an entry with the one already buffered under its key (undefined when none). */
  merge: (buffered: T | undefined, incoming: T) => T;
  /** Writes one batch atomically; resolves with what counted (for callers and tests). */
  write: (batch: T[]) => Promise<number>;
  logger: Logger;
}

/**
 * Counters recorded in memory on the request path and written in batches: every `intervalMs`,
 * when `maxEntries` keys are buffered, and on shutdown. Flushes run one at a time. A batch whose
 * write fails goes back into the buffer (merged with what arrived since) for the next flush, so a
 * crash loses at most one interval, and a database outage holds at most twice `maxEntries` keys.
 */
export class WriteBehindBuffer<T> {
  private entries = new Map<string, T>();
  private timer?: NodeJS.Timeout;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: WriteBehindOptions<T>) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.options.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and writes what is left. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** Records an entry in memory (no I/O). */
  add(key: string, entry: T): void {
    this.entries.set(key, this.options.merge(this.entries.get(key), entry));
    if (this.entries.size >= this.options.maxEntries) void this.flush();
  }

  size(): number {
    return this.entries.size;
  }

  flush(): Promise<number> {
    const run = this.chain.then(() => this.flushOnce());
    this.chain = run.catch(() => 0);
    return run;
  }

  private async flushOnce(): Promise<number> {
    if (!this.entries.size) return 0;
    const batch = this.entries;
    this.entries = new Map();
    try {
      return await this.options.write([...batch.values()]);
    } catch (err) {
      this.options.logger.warn({ err, entries: batch.size }, `${this.options.name} flush failed; will retry`);
      for (const [key, entry] of batch) {
        if (this.entries.size >= this.options.maxEntries * 2) break;
        // What arrived meanwhile is newer: the failed entry is merged under it.
        const newer = this.entries.get(key);
        this.entries.set(key, newer === undefined ? entry : this.options.merge(entry, newer));
      }
      return 0;
    }
  }
}
