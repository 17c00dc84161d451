import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { dirname, join, resolve, sep } from 'node:path';
import { FileStorage, isValidStorageKey, type StoredFile } from './file-storage';

/** Files under one directory on local disk; writes are atomic (temp file + rename). */
export class LocalDiskFileStorage extends FileStorage {
  private readonly root: string;

  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${randomUUID()}.tmp`;
    await writeFile(tmp, data);
    await rename(tmp, path);
  }

  async get(key: string): Promise<Buffer | null> {
    const path = this.safePathOf(key);
    if (!path) return null;
    try {
      return await readFile(path);
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async stream(key: string): Promise<StoredFile | null> {
    const path = this.safePathOf(key);
    if (!path) return null;
    try {
      const info = await stat(path);
      if (!info.isFile()) return null;
      return { stream: createReadStream(path), size: info.size };
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.safePathOf(key);
    if (!path) return;
    await unlink(path).catch((err: unknown) => {
      if (!isMissing(err)) throw err;
    });
  }

  private safePathOf(key: string): string | null {
    try {
      return this.pathOf(key);
    } catch {
      return null;
    }
  }

  private pathOf(key: string): string {
    if (!isValidStorageKey(key)) throw new Error(`invalid storage key "${key}"`);
    const path = resolve(join(this.root, key));
    if (!path.startsWith(this.root + sep)) throw new Error(`storage key escapes the root: "${key}"`);
    return path;
  }
}

function isMissing(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}
