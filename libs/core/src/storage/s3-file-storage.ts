import { AwsClient } from 'aws4fetch';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { StorageConfig } from '../config/app-config';
import { FileStorage, contentTypeOf, etagMatches, isValidStorageKey, type NotModified, type StoredFile } from './file-storage';

/** Attempts of a request whose connection failed before an answer (see S3FileStorage.request). */
const NETWORK_ATTEMPTS = 2;

/** What the configuration says of the store (STORAGE=s3, S3_*), plus the request bound. */
export type S3StorageOptions = Omit<Extract<StorageConfig, { kind: 's3' }>, 'kind'> & {
  /** Longest wait for the store's answer (headers) to one request. */
  timeoutMs?: number;
};

/**
 * Files as objects in an S3-compatible bucket (AWS S3, MinIO, Cloudflare R2, the Vietnamese clouds'
 * object storage), so every replica reads and writes the same files.
 *
 * Client: `aws4fetch` signs requests with AWS Signature V4 and sends them with Node's own fetch.
 * We use four object operations (PUT, GET, DELETE, HEAD bucket) on small files; the official
 * `@aws-sdk/client-s3` would add dozens of packages and several MB for the same four calls, and
 * its multipart/streaming-upload machinery is not needed for photos of a few hundred KB. aws4fetch
 * is small, dependency-free and maintained; it retries 5xx/429 answers with backoff itself.
 */
export class S3FileStorage extends FileStorage {
  readonly kind = 's3';
  private readonly client: AwsClient;
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly pathStyle: boolean;

  constructor(options: S3StorageOptions) {
    super();
    this.client = new AwsClient({
      accessKeyId: options.accessKeyId,
      secretAccessKey: options.secretAccessKey,
      service: 's3',
      region: options.region,
      retries: 2,
      initRetryMs: 50,
    });
    const endpoint = new URL(options.endpoint);
    const path = endpoint.pathname.replace(/\/$/, '');
    this.base = options.forcePathStyle
      ? `${endpoint.protocol}//${endpoint.host}${path}/${encodeURIComponent(options.bucket)}`
      : `${endpoint.protocol}//${options.bucket}.${endpoint.host}${path}`;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.pathStyle = options.forcePathStyle;
  }

  async put(key: string, data: Buffer): Promise<void> {
    const res = await this.request('PUT', this.urlOf(key), {
      body: data,
      headers: {
        'content-type': contentTypeOf(key) ?? 'application/octet-stream',
        // Signed payload hash: the store rejects a body that was altered or cut on the way.
        'x-amz-content-sha256': createHash('sha256').update(data).digest('hex'),
      },
    });
    await this.expectOk(res, 'PUT', key);
  }

  async get(key: string): Promise<Buffer | null> {
    if (!isValidStorageKey(key)) return null;
    const res = await this.request('GET', this.urlOf(key));
    if (res.status === 404) return discard(res, null);
    await this.expectOk(res, 'GET', key);
    return Buffer.from(await res.arrayBuffer());
  }

  async stream(key: string, ifNoneMatch?: string): Promise<StoredFile | NotModified | null> {
    if (!isValidStorageKey(key)) return null;
    const res = await this.request('GET', this.urlOf(key), { headers: ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {} });
    if (res.status === 404) return discard(res, null);
    // Some stores leave the ETag out of a 304: then it is the one the client sent.
    const etag = res.headers.get('etag') ?? (ifNoneMatch ?? '').split(',')[0].trim();
    if (res.status === 304) return discard(res, { notModified: true as const, etag });
    await this.expectOk(res, 'GET', key);
    // Stores differ on weak tags and lists in If-None-Match (s3rver ignores them): compare here too.
    if (etagMatches(ifNoneMatch, etag)) return discard(res, { notModified: true as const, etag });
    if (!res.body) throw new Error(`object storage: GET ${key} answered without a body`);
    return { stream: Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), size: Number(res.headers.get('content-length') ?? 0), etag };
  }

  async delete(key: string): Promise<void> {
    if (!isValidStorageKey(key)) return;
    const res = await this.request('DELETE', this.urlOf(key));
    if (res.status === 404) return discard(res, undefined);
    await this.expectOk(res, 'DELETE', key);
  }

  async ping(): Promise<void> {
    // HeadBucket: the bucket itself, `/bucket` in path style and `/` on the bucket's own host.
    const res = await this.request('HEAD', this.pathStyle ? this.base : `${this.base}/`);
    await this.expectOk(res, 'HEAD', '(bucket)');
  }

  private urlOf(key: string): string {
    if (!isValidStorageKey(key)) throw new Error(`invalid storage key "${key}"`);
    // Keys are [a-z0-9_.-/] only: nothing to escape, and the signature covers the path as sent.
    return `${this.base}/${key}`;
  }

  /**
   * One signed request; the timeout covers waiting for the answer's headers (all attempts), not
   * reading its body. aws4fetch retries 5xx/429 answers but not a fetch that rejects: a keep-alive
   * connection the store closes just as it is reused ("other side closed") would become a 500 on
   * /media. Every request we send is idempotent with a body held in memory, so such a failure is
   * sent once more, on a new connection.
   */
  private async request(method: string, url: string, init: { body?: Buffer; headers?: Record<string, string> } = {}): Promise<Response> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new Error(`object storage: ${method} timed out after ${this.timeoutMs} ms`)), this.timeoutMs);
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.client.fetch(url, { method, body: init.body, headers: init.headers, signal: abort.signal });
        } catch (err) {
          if (abort.signal.aborted || attempt >= NETWORK_ATTEMPTS) throw err;
        }
      }
    } finally {
      clearTimeout(timer);
    }
  }

  private async expectOk(res: Response, method: string, key: string): Promise<void> {
    if (res.ok) return;
    const text = method === 'HEAD' ? '' : await res.text().catch(() => '');
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
    throw new Error(`object storage: ${method} ${key} answered HTTP ${res.status}${code ? ` ${code}` : ''}`);
  }
}

/** Releases an unread response body (keeps the connection reusable) and returns `value`. */
async function discard<T>(res: Response, value: T): Promise<T> {
  await res.body?.cancel().catch(() => undefined);
  return value;
}
