import { Client } from 'pg';
import type { Logger } from 'pino';

export interface ListenerOptions {
  connectionString?: string;
  channel: string;
  logger: Logger;
  onNotification(payload: string): void;
  /** Called after every (re)connection once LISTEN is in place: notifications may have been missed before. */
  onListening(): void;
  /** Called when the connection is lost. */
  onLost(): void;
}

const MIN_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 5000;

/**
 * A dedicated PostgreSQL connection that LISTENs on one channel and reconnects (and LISTENs again)
 * after the connection drops, with a bounded backoff. Pooled connections cannot LISTEN reliably.
 */
export class NotificationListener {
  private client: Client | undefined;
  private stopped = false;
  private backoffMs = MIN_BACKOFF_MS;
  private timer: NodeJS.Timeout | undefined;
  private connected = false;
  private holdUntil = 0;

  constructor(private readonly options: ListenerOptions) {}

  get listening(): boolean {
    return this.connected;
  }

  /** Connects once; later failures reconnect in the background. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect().catch((err: unknown) => this.lost(err));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    this.connected = false;
    await client?.end().catch(() => undefined);
  }

  /** For tests: drop the connection as a network failure would, reconnecting no sooner than `holdMs`. */
  async interrupt(holdMs = 0): Promise<void> {
    this.holdUntil = Date.now() + holdMs;
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.options.connectionString, application_name: 'tradefloor-page-cache' });
    this.client = client;
    client.on('notification', (msg) => {
      if (msg.channel === this.options.channel && msg.payload) this.options.onNotification(msg.payload);
    });
    client.on('error', (err) => this.lost(err, client));
    client.on('end', () => this.lost(undefined, client));
    await client.connect();
    await client.query(`LISTEN ${this.options.channel}`);
    if (this.stopped || this.client !== client) return;
    this.connected = true;
    this.backoffMs = MIN_BACKOFF_MS;
    this.options.onListening();
  }

  private lost(err: unknown, client?: Client): void {
    if (client && client !== this.client) return;
    const wasConnected = this.connected;
    this.connected = false;
    this.client = undefined;
    if (client) void client.end().catch(() => undefined);
    if (wasConnected || err) this.options.onLost();
    if (this.stopped || this.timer) return;
    const delay = Math.max(this.backoffMs, this.holdUntil - Date.now());
    this.options.logger.warn({ err, retryInMs: delay }, 'page cache listener disconnected; reconnecting');
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.stopped) return;
      this.connect().catch((e: unknown) => this.lost(e));
    }, delay);
    this.timer.unref();
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
  }
}
