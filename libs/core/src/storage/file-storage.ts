import type { Readable } from 'node:stream';

/** A stored file opened for reading. */
export interface StoredFile {
  stream: Readable;
  size: number;
  /** Entity tag of this content (quoted, possibly weak `W/"…"`), for HTTP revalidation. */
  etag: string;
}

/** The caller's copy (If-None-Match) is still current: nothing to send. */
export interface NotModified {
  notModified: true;
  etag: string;
}

/**
 * Where uploaded files (product photos and their thumbnails) live, by key. Keys are relative paths
 * of lower-case letters, digits, `-`, `_`, `.` and `/` (no `..`). Implementations: local disk
 * (`STORAGE=local`, one process or one machine) and S3-compatible object storage (`STORAGE=s3`,
 * any number of replicas). Nothing else in the application writes files (ESLint bans `node:fs`
 * outside the allowed places), so no replica keeps state on its own disk.
 */
export abstract class FileStorage {
  /** Short name for logs and health (`local`, `s3`). */
  abstract readonly kind: string;
  abstract put(key: string, data: Buffer): Promise<void>;
  /** The file's bytes, or null when there is no such file. */
  abstract get(key: string): Promise<Buffer | null>;
  /**
   * A read stream, size and ETag, or null when there is no such file. With `ifNoneMatch` (the
   * request's If-None-Match header) a file whose ETag matches answers NotModified without a body.
   */
  abstract stream(key: string, ifNoneMatch?: string): Promise<StoredFile | NotModified | null>;
  /** Removes the file; removing a missing file is not an error. */
  abstract delete(key: string): Promise<void>;
  /** Whether the store answers (for /health/ready); throws with the reason when it does not. */
  abstract ping(): Promise<void>;
}

const KEY = /^[a-z0-9][a-z0-9_.-]*(?:\/[a-z0-9][a-z0-9_.-]*)*$/;

/** True for a well-formed storage key (no traversal, no absolute path, no hidden segments). */
export function isValidStorageKey(key: string): boolean {
  return key.length <= 300 && KEY.test(key) && !key.split('/').some((s) => s === '..' || s.startsWith('.'));
}

/** True when an If-None-Match header names this ETag (weak comparison, RFC 9110 §13.1.2) or is `*`. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || opaque(t) === wanted);
}

const CONTENT_TYPES: Record<string, string> = {
  webp: 'image/webp',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
};

/** Content type served for a key, by its extension; undefined for types we never serve. */
export function contentTypeOf(key: string): string | undefined {
  const dot = key.lastIndexOf('.');
  return dot < 0 ? undefined : CONTENT_TYPES[key.slice(dot + 1)];
}
