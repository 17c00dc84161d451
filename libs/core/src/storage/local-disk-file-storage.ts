import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { dirname, join, resolve, sep } from 'node:path';
import { FileStorage, etagMatches, isValidStorageKey, type NotModified, type StoredFile } from './file-storage';

/**
 * Files under one directory on local disk (`STORAGE=local`, the default); writes are atomic (temp
 * file + rename). Only for one machine: a second replica would not see these files.
 */
export class LocalDiskFileStorage extends FileStorage {
  readonly kind = 'local';
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

  async stream(key: string, ifNoneMatch?: string): Promise<StoredFile | NotModified | null> {
    const path = this.safePathOf(key);
    if (!path) return null;
    try {
      const info = await stat(path);
      if (!info.isFile()) return null;
      // Files are replaced by rename, never rewritten in place: size + mtime identify the content.
      const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
      if (etagMatches(ifNoneMatch, etag)) return { notModified: true, etag };
      return { stream: createReadStream(path), size: info.size, etag };
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

  async ping(): Promise<void> {
    await mkdir(this.root, { recursive: true });
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
