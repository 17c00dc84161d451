import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { createUser, type TestUser } from '../harness/auth';
import { createVerifiedEnterprise, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { countRows, createDraft, createPublished, recordProductChanges } from './catalog-helpers';

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

async function jpegWithExif(width = 2400, height = 1800): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg()
    .withExif({ IFD0: { Copyright: 'Chu ho bi mat', Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '9/1 56/1 0/1' } })
    .toBuffer();
}

describe('catalog: product images and media', () => {
  let t: TestApp;
  let ent: FixtureEnterprise;
  let editor: TestUser;
  let mediaDir: string;
  let changes: ReturnType<typeof recordProductChanges>;

  beforeAll(async () => {
    t = await createTestApp();
    changes = recordProductChanges(t);
    ent = await createVerifiedEnterprise(t);
    editor = await createUser(t, 'editor');
    mediaDir = join(t.config.dataDir, 'media');
  });
  afterAll(() => t.close());

  it('re-encodes a real JPEG: EXIF/GPS stripped, at most 1600 px, thumbnail of 400 px, served with cache headers', async () => {
    const original = await jpegWithExif();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const p = await createPublished(t, ent.owner, editor, ent.id);
    await changes.drain();

    const res = await t.http.post(`/api/v1/products/${p.id}/images`).set(ent.owner.auth).attach('file', original, 'anh.jpg').expect(201);
    expect(res.body).toMatchObject({ width: 1600, height: 1200, position: 0 });
    expect(await changes.drain()).toEqual([p.id]);

    const full = await t.http.get(res.body.url).buffer(true).expect(200);
    expect(full.headers['content-type']).toBe('image/webp');
    expect(full.headers['cache-control']).toMatch(/max-age=31536000/);
    // Revalidation: the file's ETag, and 304 without the bytes when the client already has them.
    expect(full.headers.etag).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/);
    const cached = await t.http.get(res.body.url).set('If-None-Match', full.headers.etag).expect(304);
    expect(cached.headers.etag).toBe(full.headers.etag);
    const meta = await sharp(full.body).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 1600, height: 1200 });
    expect(meta.exif).toBeUndefined();
    expect(full.body.toString('latin1')).not.toContain('Chu ho bi mat');

    const thumb = await t.http.get(res.body.thumbnailUrl).buffer(true).expect(200);
    expect((await sharp(thumb.body).metadata()).width).toBe(400);

    const pub = await t.http.get(`/api/v1/products/${p.slug}`).expect(200);
    expect(pub.body.images).toEqual([{ url: res.body.url, thumbnailUrl: res.body.thumbnailUrl }]);
  });

  it('accepts PNG and WebP, and reorders images', async () => {
    const p = await createDraft(t, ent.owner, ent.id);
    const png = await sharp({ create: { width: 300, height: 200, channels: 4, background: '#00ff0080' } })
      .png()
      .toBuffer();
    const webp = await sharp({ create: { width: 500, height: 500, channels: 3, background: '#123456' } })
      .webp()
      .toBuffer();
    const a = await t.http.post(`/api/v1/products/${p.id}/images`).set(ent.owner.auth).attach('file', png, 'a.png').expect(201);
    const b = await t.http.post(`/api/v1/products/${p.id}/images`).set(ent.owner.auth).attach('file', webp, 'b.webp').expect(201);
    expect(a.body).toMatchObject({ width: 300, height: 200 });
    const reordered = await t.http
      .put(`/api/v1/products/${p.id}/images/order`)
      .set(ent.owner.auth)
      .send({ imageIds: [b.body.id, a.body.id] })
      .expect(200);
    expect(reordered.body.images.map((i: { id: string }) => i.id)).toEqual([b.body.id, a.body.id]);
    await t.http
      .put(`/api/v1/products/${p.id}/images/order`)
      .set(ent.owner.auth)
      .send({ imageIds: [b.body.id] })
      .expect(400);
  });

  it('refuses fake, oversized and missing files with 400 on field "file", and writes nothing', async () => {
    const p = await createDraft(t, ent.owner, ent.id);
    const rowsBefore = await countRows(t, 'product_images');
    const filesBefore = filesUnder(mediaDir).length;

    const fake = await t.http
      .post(`/api/v1/products/${p.id}/images`)
      .set(ent.owner.auth)
      .attach('file', Buffer.from('đây không phải ảnh, chỉ là văn bản\n'.repeat(50)), { filename: 'anh-that.jpg', contentType: 'image/jpeg' })
      .expect(400);
    expect(fake.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'file' }] });

    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } })
      .gif()
      .toBuffer();
    await t.http.post(`/api/v1/products/${p.id}/images`).set(ent.owner.auth).attach('file', gif, { filename: 'x.png', contentType: 'image/png' }).expect(400);

    const big = Buffer.concat([await jpegWithExif(100, 100), Buffer.alloc(5 * 1024 * 1024 + 10, 1)]);
    const tooBig = await t.http.post(`/api/v1/products/${p.id}/images`).set(ent.owner.auth).attach('file', big, 'lon.jpg').expect(400);
    expect(tooBig.body.details).toEqual([{ field: 'file', message: expect.stringMatching(/5 MB/) }]);

    await t.http.post(`/api/v1/products/${p.id}/images`).set(ent.owner.auth).send({ file: 'x' }).expect(400);

    expect(await countRows(t, 'product_images')).toBe(rowsBefore);
    expect(filesUnder(mediaDir).length).toBe(filesBefore);
  });

  it('lets only the enterprise manage its images, and deletes image and files', async () => {
    const other = await createVerifiedEnterprise(t);
    const p = await createDraft(t, ent.owner, ent.id);
    const jpeg = await jpegWithExif(800, 600);
    await t.http.post(`/api/v1/products/${p.id}/images`).set(other.owner.auth).attach('file', jpeg, 'a.jpg').expect(403);
    await t.http.post(`/api/v1/products/${p.id}/images`).attach('file', jpeg, 'a.jpg').expect(401);
    const img = await t.http.post(`/api/v1/products/${p.id}/images`).set(ent.owner.auth).attach('file', jpeg, 'a.jpg').expect(201);

    await t.http.delete(`/api/v1/products/${p.id}/images/${img.body.id}`).set(other.owner.auth).expect(403);
    await t.http.delete(`/api/v1/products/${p.id}/images/5d1c1c61-4f61-4a55-9d8e-2b8f0a1e7c11`).set(ent.owner.auth).expect(404);
    await t.http.delete(`/api/v1/products/${p.id}/images/${img.body.id}`).set(ent.owner.auth).expect(204);
    await t.http.get(img.body.url).expect(404);
    await t.http.get(img.body.thumbnailUrl).expect(404);
    expect((await t.http.get(`/api/v1/products/by-id/${p.id}`).set(ent.owner.auth)).body.images).toEqual([]);
  });

  it('serves only stored media files: no traversal, no unknown types', async () => {
    await t.http.get('/media/../../package.json').expect(404);
    await t.http.get('/media/%2e%2e/%2e%2e/package.json').expect(404);
    await t.http.get('/media/..%2f..%2fpackage.json').expect(404);
    await t.http.get('/media/products/nothing.webp').expect(404);
    await t.http.get('/media/products/x.txt').expect(404);
  });
});
