import { HealthChecks, S3FileStorage, StorageHealth, createFileStorage, loadConfig, type ResolvedConfig } from '@tradefloor/core';
import { rmSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import { createVerifiedEnterprise, createProduct } from '../harness/catalog-fixtures';
import { ROOT } from '../harness/processes';
import { createTestApp, type TestApp } from '../harness/test-app';
import { startS3StandIn, type S3StandIn } from '../topology/s3-stand-in';

/**
 * The S3 FileStorage against a local server speaking the S3 REST protocol (s3rver on loopback,
 * which checks SigV4 signatures), and the app configured with STORAGE=s3 serving /media from it.
 * Production uses a real object store (AWS S3, MinIO, R2, …); this is the stand-in.
 */
describe('storage: S3-compatible object storage', () => {
  let s3: S3StandIn;
  let storage: S3FileStorage;
  const dir = join(ROOT, 'var', 'test', `s3-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);

  beforeAll(async () => {
    s3 = await startS3StandIn(dir);
    storage = new S3FileStorage({ ...s3, forcePathStyle: true });
  });
  afterAll(async () => {
    await s3?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts, reads, streams with an ETag, answers not-modified, and deletes objects', async () => {
    const bytes = Buffer.from('ảnh sản phẩm — nội dung thử');
    await storage.put('products/p1/a.webp', bytes);
    expect(await storage.get('products/p1/a.webp')).toEqual(bytes);

    const file = await storage.stream('products/p1/a.webp');
    if (!file || 'notModified' in file) throw new Error('expected the file');
    expect(file.size).toBe(bytes.length);
    expect(file.etag).toMatch(/^"[0-9a-f]{32}"$/);
    const chunks: Buffer[] = [];
    for await (const c of file.stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks)).toEqual(bytes);

    expect(await storage.stream('products/p1/a.webp', file.etag)).toEqual({ notModified: true, etag: file.etag });
    expect(await storage.stream('products/p1/a.webp', `W/${file.etag}, "other"`)).toMatchObject({ notModified: true });
    const changed = await storage.stream('products/p1/a.webp', '"other"');
    expect(changed).toMatchObject({ size: bytes.length, etag: file.etag });
    if (changed && 'stream' in changed) changed.stream.destroy();

    await storage.delete('products/p1/a.webp');
    expect(await storage.get('products/p1/a.webp')).toBeNull();
    expect(await storage.stream('products/p1/a.webp')).toBeNull();
    await storage.delete('products/p1/a.webp'); // deleting a missing object is not an error
  });

  it('refuses malformed keys without asking the store', async () => {
    await expect(storage.put('../etc/passwd', Buffer.from('x'))).rejects.toThrow(/invalid storage key/);
    expect(await storage.get('a/../../b.webp')).toBeNull();
    expect(await storage.stream('.hidden/x.webp')).toBeNull();
  });

  it('sends a request again when the store drops its connection before answering (a keep-alive socket closed as it is reused)', async () => {
    const bytes = Buffer.from('ảnh gửi lại sau khi mất kết nối');
    await storage.put('products/p2/b.webp', bytes);
    // In front of the store: when told to, the next request to arrive, on a new or a reused
    // connection, finds that connection reset without an answer.
    const target = new URL(s3.endpoint);
    let dropNext = false;
    let dropped = 0;
    const front = createServer((socket) => {
      const upstream = connect(Number(target.port), target.hostname);
      let betweenRequests = true;
      socket.on('data', (chunk) => {
        if (betweenRequests && dropNext) {
          dropNext = false;
          dropped++;
          upstream.destroy();
          socket.resetAndDestroy();
          return;
        }
        betweenRequests = false;
        upstream.write(chunk);
      });
      upstream.on('data', (chunk) => {
        betweenRequests = true;
        socket.write(chunk);
      });
      upstream.on('error', () => socket.destroy());
      upstream.on('close', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
    try {
      const viaFront = new S3FileStorage({ ...s3, endpoint: `http://127.0.0.1:${(front.address() as AddressInfo).port}`, forcePathStyle: true });
      dropNext = true;
      expect(await viaFront.get('products/p2/b.webp')).toEqual(bytes);
      dropNext = true;
      await viaFront.put('products/p2/c.webp', bytes);
      expect(dropped).toBe(2);
      expect(await storage.get('products/p2/c.webp')).toEqual(bytes);
    } finally {
      front.close();
    }
  });

  it('reports a store that refuses the credentials or is not there (ping, put)', async () => {
    await expect(storage.ping()).resolves.toBeUndefined();
    const wrongKey = new S3FileStorage({ ...s3, secretAccessKey: 'not-the-secret', forcePathStyle: true });
    await expect(wrongKey.put('x/y.webp', Buffer.from('x'))).rejects.toThrow(/HTTP 403 SignatureDoesNotMatch/);
    const noBucket = new S3FileStorage({ ...s3, bucket: 'no-such-bucket', forcePathStyle: true });
    await expect(noBucket.ping()).rejects.toThrow(/HTTP 404/);
    const nothing = new S3FileStorage({ ...s3, endpoint: 'http://127.0.0.1:9', forcePathStyle: true, timeoutMs: 2000 });
    await expect(nothing.get('x/y.webp')).rejects.toThrow();
  });

  it('is chosen by STORAGE=s3, with every S3_* variable validated at start-up', () => {
    const base = { STORAGE: 's3', S3_ENDPOINT: s3.endpoint, S3_BUCKET: s3.bucket, S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' };
    const config = loadConfig({ ...base, S3_FORCE_PATH_STYLE: 'true' }) as ResolvedConfig;
    expect(config.storage).toMatchObject({ kind: 's3', region: 'us-east-1', forcePathStyle: true, endpoint: s3.endpoint });
    expect(createFileStorage(config).kind).toBe('s3');
    expect(createFileStorage(loadConfig({}) as ResolvedConfig).kind).toBe('local');
    expect(loadConfig({ ...base, S3_ENDPOINT: undefined, S3_REGION: 'ap-southeast-1' }).storage).toMatchObject({
      endpoint: 'https://s3.ap-southeast-1.amazonaws.com',
    });
    expect(() => loadConfig({ ...base, S3_BUCKET: '' })).toThrow(/S3_BUCKET: is required when STORAGE=s3/);
    expect(() => loadConfig({ ...base, S3_BUCKET: 'Bad_Bucket' })).toThrow(/S3_BUCKET/);
    expect(() => loadConfig({ ...base, S3_SECRET_ACCESS_KEY: ' ' })).toThrow(/S3_SECRET_ACCESS_KEY/);
    expect(() => loadConfig({ ...base, S3_ENDPOINT: 'ftp://x' })).toThrow(/S3_ENDPOINT/);
    expect(() => loadConfig({ ...base, STORAGE: 'nfs' })).toThrow(/STORAGE/);
  });

  describe('the app on STORAGE=s3', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ env: s3.env });
    }, 180_000);
    afterAll(async () => {
      await t?.close();
    });

    it('stores uploaded photos and thumbnails in the bucket and serves them at /media with ETag and 304', async () => {
      const ent = await createVerifiedEnterprise(t);
      const p = await createProduct(t, ent.id, { name: 'Bưởi da xanh lưu trên S3' });
      const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#3a7' } })
        .png()
        .toBuffer();
      const up = await t.http.post(`/api/v1/products/${p.id}/images`).set(ent.owner.auth).attach('file', png, 'anh.png').expect(201);
      const key = up.body.url.replace(/^\/media\//, '');
      // In the bucket, not on this process's disk.
      expect(await storage.get(key)).not.toBeNull();
      expect(await storage.get(up.body.thumbnailUrl.replace(/^\/media\//, ''))).not.toBeNull();

      const res = await t.http.get(up.body.url).buffer(true).expect(200);
      expect(res.headers).toMatchObject({ 'content-type': 'image/webp', 'cache-control': 'public, max-age=31536000, immutable' });
      expect(res.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
      const notModified = await t.http.get(up.body.url).set('If-None-Match', res.headers.etag).expect(304);
      expect(notModified.headers.etag).toBe(res.headers.etag);
      expect(notModified.headers['content-length']).toBeUndefined();

      await t.http.delete(`/api/v1/products/${p.id}/images/${up.body.id}`).set(ent.owner.auth).expect(204);
      expect(await storage.get(key)).toBeNull();
      await t.http.get(up.body.url).expect(404);
    }, 180_000);
  });

  it('reports the object store as a /health/ready component: up, or down with the reason', async () => {
    const checkOf = async (store: S3FileStorage) => {
      const health = new HealthChecks();
      new StorageHealth(health, store).onModuleInit();
      return health
        .registered()
        .find((c) => c.name === 'file-storage')!
        .check();
    };
    expect(await checkOf(storage)).toEqual({ status: 'up', figures: { kind: 's3' } });
    expect(await checkOf(new S3FileStorage({ ...s3, bucket: 'no-such-bucket', forcePathStyle: true }))).toEqual({
      status: 'down',
      detail: 'object storage: HEAD (bucket) answered HTTP 404',
      figures: { kind: 's3' },
    });
  });
});
