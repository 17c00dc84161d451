import type { Logger } from 'pino';
import type { ComponentHealth } from '../health/health-checks';

/** A started child server: its pid, how to stop it, and when it exits (for whatever reason). */
export interface ChildServer {
  pid?: number;
  stop(): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface SupervisorOptions {
  /** Restart attempts in a row before giving up (a restart that stays up RESET_AFTER_MS resets the count). */
  maxAttempts?: number;
  /** Delay before attempt n: base · 2^(n−1), capped at maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Called with the new pid after each (re)start (the data-dir lock records it). */
  onStarted?: (pid: number | undefined, previousPid: number | undefined) => void;
}

const RESET_AFTER_MS = 60_000;

/**
 * Keeps an embedded server (Meilisearch, PostgreSQL) running (issue 20): an exit that nobody asked
 * for (a crash, the OOM killer's SIGKILL) is logged and followed by a restart on the same data
 * and port, after a bounded exponential backoff; `stop()` is a deliberate shutdown and is never
 * followed by a restart. `health()` is what /health/ready shows for it.
 */
export class Supervisor {
  private current?: ChildServer;
  private stopping = false;
  private state: 'starting' | 'up' | 'restarting' | 'failed' | 'stopped' = 'starting';
  private restarts = 0;
  private attempts = 0;
  private lastExit?: { at: string; code: number | null; signal: NodeJS.Signals | null };
  private lastStartedAt = 0;
  private retryTimer?: NodeJS.Timeout;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(
    readonly name: string,
    private readonly start: () => Promise<ChildServer>,
    private readonly logger: Logger,
    private readonly options: SupervisorOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 10;
    this.baseDelayMs = options.baseDelayMs ?? 250;
    this.maxDelayMs = options.maxDelayMs ?? 8000;
  }

  /** First start: failures are the caller's (start-up fails), not retried. */
  async run(): Promise<void> {
    await this.launch();
  }

  get pid(): number | undefined {
    return this.current?.pid;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.state = 'stopped';
    clearTimeout(this.retryTimer);
    await this.current?.stop();
  }

  health(): ComponentHealth {
    const figures = { pid: this.current?.pid ?? null, restarts: this.restarts, attempts: this.attempts, lastExit: this.lastExit ?? null };
    if (this.state === 'up') return { status: 'up', figures };
    if (this.state === 'failed') return { status: 'down', detail: `${this.name} gave up after ${this.attempts} restart attempts`, figures };
    return { status: 'down', detail: `${this.name} ${this.state}`, figures };
  }

  private async launch(): Promise<void> {
    const previous = this.current?.pid;
    const child = await this.start();
    if (this.stopping) {
      await child.stop();
      return;
    }
    this.current = child;
    this.state = 'up';
    this.lastStartedAt = Date.now();
    this.options.onStarted?.(child.pid, previous);
    void child.exited.then(({ code, signal }) => this.onExit(child, code, signal));
  }

  private onExit(child: ChildServer, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping || child !== this.current) return;
    this.lastExit = { at: new Date().toISOString(), code, signal };
    if (Date.now() - this.lastStartedAt > RESET_AFTER_MS) this.attempts = 0;
    this.logger.error({ component: this.name, pid: child.pid, code, signal }, `${this.name} exited unexpectedly; restarting it`);
    this.state = 'restarting';
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    if (this.stopping) return;
    if (this.attempts >= this.maxAttempts) {
      this.state = 'failed';
      this.logger.fatal({ component: this.name, attempts: this.attempts }, `${this.name} could not be restarted; giving up`);
      return;
    }
    const delay = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** this.attempts);
    this.attempts++;
    this.retryTimer = setTimeout(() => {
      this.launch().then(
        () => {
          this.restarts++;
          this.logger.warn({ component: this.name, pid: this.current?.pid, attempt: this.attempts }, `${this.name} restarted`);
        },
        (err: unknown) => {
          this.logger.error({ component: this.name, err, attempt: this.attempts }, `${this.name} restart failed`);
          this.scheduleRestart();
        },
      );
    }, delay);
    this.retryTimer.unref();
  }
}
