import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(`Another TradeFloor instance (pid ${pid}) is already using ${dataDir}. ` + 'Stop it first, or point DATA_DIR at another folder.');
    this.name = 'DataDirLockedError';
  }
}

interface LockContent {
  pid: number;
  children: number[];
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An exclusive lock on the data directory, so two processes never run servers on the same files.
 * The lock file also records the pids of our child servers: when a previous owner died without
 * cleaning up (SIGKILL), its orphaned servers are stopped before we start new ones.
 */
export class DataDirLock {
  private readonly path: string;
  private content: LockContent = { pid: process.pid, children: [] };

  private constructor(dataDir: string) {
    this.path = join(dataDir, 'tradefloor.lock');
  }

  static async acquire(dataDir: string): Promise<DataDirLock> {
    mkdirSync(dataDir, { recursive: true });
    const lock = new DataDirLock(dataDir);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(lock.path, 'wx', 0o600);
        writeSync(fd, JSON.stringify(lock.content));
        closeSync(fd);
        return lock;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const previous = lock.readExisting();
        if (previous && previous.pid !== process.pid && isAlive(previous.pid)) {
          throw new DataDirLockedError(dataDir, previous.pid);
        }
        await stopOrphans(previous?.children ?? []);
        rmSync(lock.path, { force: true });
      }
    }
    throw new Error(`Could not acquire ${lock.path}`);
  }

  recordChild(pid: number | undefined): void {
    if (!pid) return;
    this.content.children.push(pid);
    writeFileAtomic(this.path, JSON.stringify(this.content));
  }

  /** A supervised server was restarted: its new pid replaces the old one. */
  replaceChild(previous: number | undefined, pid: number | undefined): void {
    this.content.children = this.content.children.filter((c) => c !== previous);
    this.recordChild(pid);
  }

  release(): void {
    rmSync(this.path, { force: true });
  }

  private readExisting(): LockContent | undefined {
    try {
      return JSON.parse(readFileSync(this.path, 'utf8')) as LockContent;
    } catch {
      return undefined;
    }
  }
}

function writeFileAtomic(path: string, data: string): void {
  const fd = openSync(path, 'w', 0o600);
  writeSync(fd, data);
  closeSync(fd);
}

async function stopOrphans(pids: number[]): Promise<void> {
  const alive = pids.filter(isAlive);
  for (const pid of alive) process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 15_000;
  while (alive.some(isAlive) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const pid of alive.filter(isAlive)) process.kill(pid, 'SIGKILL');
}
