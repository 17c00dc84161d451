import type { Readable } from 'node:stream';

/** A stored file opened for reading. */
export interface StoredFile {
  stream: Readable;
  size: number;
}

/**
 * Where uploaded files (product photos, bulletin images, traceability photos) live, by key.
 * Keys are relative paths of lower-case letters, digits, `-`, `_`, `.` and `/` (no `..`).
 * Implementations: local disk (default); an S3-compatible store can be added behind the same port.
 */
export abstract class FileStorage {
  abstract put(key: string, data: Buffer): Promise<void>;
  /** The file's bytes, or null when there is no such file. */
  abstract get(key: string): Promise<Buffer | null>;
  /** A read stream and the size, or null when there is no such file. */
  abstract stream(key: string): Promise<StoredFile | null>;
  /** Removes the file; removing a missing file is not an error. */
  abstract delete(key: string): Promise<void>;
}

const KEY = /^[a-z0-9][a-z0-9_.-]*(?:\/[a-z0-9][a-z0-9_.-]*)*$/;

/** True for a well-formed storage key (no traversal, no absolute path, no hidden segments). */
export function isValidStorageKey(key: string): boolean {
  return key.length <= 300 && KEY.test(key) && !key.split('/').some((s) => s === '..' || s.startsWith('.'));
}
