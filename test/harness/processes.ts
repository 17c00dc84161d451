import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, dirname, join, resolve } from 'node:path';

/** The repository (also when this file runs compiled from dist/test/harness, for `npm run topology`). */
export const ROOT = ((dir) => (basename(dir) === 'dist' ? dirname(dir) : dir))(resolve(__dirname, '../..'));
export const API_MAIN = join(ROOT, 'dist/apps/api/src/main.js');
export const WORKER_MAIN = join(ROOT, 'dist/apps/worker/src/main.js');

/** Variables that select external servers or secrets: removed so a child starts from a clean slate. */
const TRADEFLOOR_VARS = [
  'DATABASE_URL',
  'MEILI_HOST',
  'MEILI_MASTER_KEY',
  'MEILI_INDEX_PREFIX',
  'SEARCH_ENGINE',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
  'ADMIN_EMAIL',
  'ADMIN_PASSWORD',
  'PORT',
  'HOST',
  'DATA_DIR',
  'EMBEDDED_PG_PORT',
  'EMBEDDED_MEILI_PORT',
  'CORS_ORIGINS',
  'PUBLIC_BASE_URL',
  'LOG_LEVEL',
  'NODE_ENV',
];

/** Ports this process has handed out: a test takes several before it starts anything on them. */
const handedOut = new Set<number>();

/**
 * A free TCP port for a server a test starts later. Drawn below the kernel's ephemeral range
 * (32768+): a port from `listen(0)` stays free only until the kernel hands it to someone else — an
 * in-process app listening on port 0 in the other Jest worker, or any outgoing connection — and a
 * spawned app whose port was taken that way exits while the other app answers its health checks
 * (seen once in CI: the supervision test read a database whose admin was not created yet). Each
 * Jest worker draws from its own slice, so two workers never pick the same port.
 */
export async function freePort(): Promise<number> {
  const slice = 1500;
  const base = 20_000 + (Number(process.env.JEST_WORKER_ID ?? 0) % 8) * slice;
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = base + Math.floor(Math.random() * slice);
    if (!handedOut.has(port) && (await canListen(port))) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port in ${base}–${base + slice - 1}`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((res) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => res(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => res(true)));
  });
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A TradeFloor process started from the built output, with its output captured. */
export class Spawned {
  private out = '';
  readonly exited: Promise<Exit>;

  constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (c: Buffer) => (this.out += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (this.out += c.toString()));
    this.exited = new Promise((res) => child.once('exit', (code, signal) => res({ code, signal })));
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** stdout and stderr so far (pino JSON lines plus plain messages). */
  get output(): string {
    return this.out;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the exit status, or rejects (and kills the process) after timeoutMs. */
  async waitExit(timeoutMs = 30_000): Promise<Exit> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, rej) => {
      timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        rej(new Error(`process ${this.pid} did not exit within ${timeoutMs} ms; output:\n${this.tail()}`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 30_000): Promise<Exit> {
    if (!this.running) return this.exited;
    this.child.kill(signal);
    return this.waitExit(timeoutMs);
  }

  /** Polls `url` until it answers 200; returns the milliseconds since `since`. */
  async waitHttp200(url: string, timeoutMs: number, since = Date.now()): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`process exited before ${url} answered 200; output:\n${this.tail()}`);
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
        if (res.status === 200) return Date.now() - since;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${url} did not answer 200 within ${timeoutMs} ms; output:\n${this.tail()}`);
  }

  /** Waits until the output matches `pattern`. */
  async waitOutput(pattern: RegExp, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.out)) {
      if (!this.running) throw new Error(`process exited before printing ${pattern}; output:\n${this.tail()}`);
      if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${this.tail()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  tail(chars = 4000): string {
    return this.out.slice(-chars);
  }
}

/** Starts `node <main> [...args]` with the test's environment (TradeFloor variables cleared first). */
export function spawnTradeFloor(main: string, env: Record<string, string>, args: string[] = []): Spawned {
  const base: Record<string, string | undefined> = { ...process.env };
  for (const name of TRADEFLOOR_VARS) delete base[name];
  const child = spawn(process.execPath, [main, ...args], {
    cwd: ROOT,
    env: { ...base, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Spawned(child);
}

/** True while `pid` exists and is not a zombie (a zombie has exited; only its exit status remains). */
export function processAlive(pid: number): boolean {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return !/^State:\s+Z/m.test(status);
  } catch {
    return false;
  }
}

export function readLock(dataDir: string): { pid: number; children: number[] } | undefined {
  const file = join(dataDir, 'tradefloor.lock');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { pid: number; children: number[] };
  } catch {
    return undefined;
  }
}

/** VmRSS of a process in kB (from /proc/<pid>/status). */
export function rssKb(pid: number): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

/** Polls `check` every 20 ms until it holds (true) or `ms` pass (false), e.g. a replica learning of a change by NOTIFY. */
export async function within(ms: number, check: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `/health/ready` of a running process as its administrator reads it (anonymous callers get up/down only). */
export async function readyAsAdmin(base: string, admin: { email: string; password: string }): Promise<Record<string, unknown>> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  if (login.status !== 200) throw new Error(`admin login: ${login.status} ${await login.text()}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const res = await fetch(`${base}/health/ready`, { headers: { authorization: `Bearer ${accessToken}` } });
  return (await res.json()) as Record<string, unknown>;
}
