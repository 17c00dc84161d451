import { strFromU8, unzipSync } from 'fflate';
import sharp from 'sharp';
import { FileStorage, JobQueue, RETENTION_QUEUE } from '@tradefloor/core';
import { REVIEW_PHOTO_FILES_QUEUE } from '@tradefloor/reviews';
import { createUser, loginAdmin, PASSWORD, type TestUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise, type FixtureProduct } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { completedSubOrder, openShop } from './review-helpers';

const binary = (r: import('superagent').Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  const stream = r as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
};

async function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 2000, height: 1500, channels: 3, background: { r: 60, g: 160, b: 70 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '9/1 56/1 0/1' } })
    .toBuffer();
}

/** Issue 17: a review's optional photo, through the image pipeline, shown only once staff approve it. */
describe('review photos', () => {
  let t: TestApp;
  let admin: TestUser;
  let coop: FixtureEnterprise;
  let pomelo: FixtureProduct;

  async function reviewed(buyer: TestUser): Promise<string> {
    const code = await completedSubOrder(t, coop, buyer, [pomelo.id]);
    const res = await t.http
      .post('/api/v1/reviews')
      .set(buyer.auth)
      .send({ subOrderCode: code, productId: pomelo.id, productStars: 5, sellerStars: 5, text: 'Bưởi ngọt, vỏ mỏng, giao nhanh.' })
      .expect(201);
    if (res.body.status !== 'published') await t.http.post(`/api/v1/admin/reviews/${res.body.id}/publish`).set(admin.auth).send({}).expect(200);
    return res.body.id;
  }
  const publicReviews = async () =>
    (await t.http.get(`/api/v1/products/${pomelo.id}/reviews`).expect(200)).body.items as Array<{ id: string; photoUrl: string | null }>;
  const fileCount = async () => {
    const storage = t.app.get(FileStorage);
    const rows = await t.dataSource.query(`SELECT photo_key, photo_thumb_key FROM reviews WHERE photo_key IS NOT NULL`);
    return (
      await Promise.all(
        rows.flatMap((r: { photo_key: string; photo_thumb_key: string }) => [r.photo_key, r.photo_thumb_key]).map((k: string) => storage.get(k)),
      )
    ).filter(Boolean).length;
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    coop = await createVerifiedEnterprise(t, { displayName: 'HTX Bưởi Hùng Hòa', kind: 'cooperative' });
    await openShop(t, coop);
    pomelo = await createProduct(t, coop.id, { name: 'Bưởi da xanh', priceVnd: 60_000, stockQuantity: 100 });
    await t.drainJobs();
  });
  afterAll(() => t?.close());

  it('the author uploads a photo: re-encoded without GPS, private until staff approve, then public with the review; others cannot upload', async () => {
    const buyer = await createUser(t, 'buyer');
    const id = await reviewed(buyer);
    const other = await createUser(t, 'buyer');
    await t.http
      .put(`/api/v1/reviews/${id}/photo`)
      .set(other.auth)
      .attach('file', await photoWithGps(), 'anh.jpg')
      .expect(404);
    await t.http
      .put(`/api/v1/reviews/${id}/photo`)
      .set(coop.owner.auth)
      .attach('file', await photoWithGps(), 'anh.jpg')
      .expect(404);
    await t.http
      .put(`/api/v1/reviews/${id}/photo`)
      .attach('file', await photoWithGps(), 'anh.jpg')
      .expect(401);

    const up = await t.http
      .put(`/api/v1/reviews/${id}/photo`)
      .set(buyer.auth)
      .attach('file', await photoWithGps(), 'anh.jpg')
      .expect(200);
    expect(up.body).toEqual({ photoStatus: 'pending' });
    expect((await publicReviews()).find((r) => r.id === id)!.photoUrl).toBeNull();
    await t.http.get(`/api/v1/reviews/${id}/photo`).expect(404); // the public: not yet
    const own = await t.http.get(`/api/v1/reviews/${id}/photo`).set(buyer.auth).buffer(true).parse(binary).expect(200);
    expect(own.headers['cache-control']).toBe('private, no-store');
    const meta = await sharp(own.body as Buffer).metadata();
    expect({ format: meta.format, exif: meta.exif, width: meta.width }).toEqual({ format: 'webp', exif: undefined, width: 1600 });
    expect(own.body.toString('latin1')).not.toContain('PhoneCo');
    // Not under /media: the key is private.
    const [row] = await t.dataSource.query(`SELECT photo_key FROM reviews WHERE id = $1`, [id]);
    expect(row.photo_key).toMatch(/^private\/reviews\//);
    await t.http.get(`/media/${row.photo_key}`).expect(404);

    const queue = await t.http.get('/api/v1/admin/reviews?status=published').set(admin.auth).expect(200);
    expect(queue.body.items.find((r: { id: string }) => r.id === id)).toMatchObject({ photoStatus: 'pending' });
    expect((await t.http.get(`/san-pham/${pomelo.slug}`).expect(200)).text).not.toContain(`/api/v1/reviews/${id}/photo`); // cached now
    await t.http.post(`/api/v1/admin/reviews/${id}/photo/approve`).set(buyer.auth).send({}).expect(403);
    await t.http.post(`/api/v1/admin/reviews/${id}/photo/approve`).set(admin.auth).send({}).expect(200);
    expect((await publicReviews()).find((r) => r.id === id)!.photoUrl).toBe(`/api/v1/reviews/${id}/photo`);
    // The product page (cached) shows it at once: the approval dropped the cached page.
    expect((await t.http.get(`/san-pham/${pomelo.slug}`).expect(200)).text).toContain(`src="/api/v1/reviews/${id}/photo?size=thumb"`);
    const thumb = await t.http.get(`/api/v1/reviews/${id}/photo?size=thumb`).buffer(true).parse(binary).expect(200);
    expect(thumb.headers['cache-control']).toBe('public, max-age=300');
    expect((await sharp(thumb.body as Buffer).metadata()).width).toBe(400);
    await t.http.get(`/api/v1/reviews/${id}/photo?size=huge`).expect(400);

    // The precondition: a hidden review takes its photo down with it.
    await t.http.post(`/api/v1/admin/reviews/${id}/hide`).set(admin.auth).send({}).expect(200);
    await t.http.get(`/api/v1/reviews/${id}/photo`).expect(404);
    const audit = await t.dataSource.query(`SELECT action FROM audit_events WHERE action LIKE 'reviews.photo.%'`);
    expect(audit.map((a: { action: string }) => a.action)).toContain('reviews.photo.approve');
  });

  it('refuses what is not an image with a field error and stores nothing; replacing, removing and rejecting delete the old files', async () => {
    const buyer = await createUser(t, 'buyer');
    const id = await reviewed(buyer);
    const bad = await t.http
      .put(`/api/v1/reviews/${id}/photo`)
      .set(buyer.auth)
      .attach('file', Buffer.from('không phải ảnh\n'.repeat(40)), { filename: 'anh.jpg', contentType: 'image/jpeg' })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['file']);
    expect((await t.dataSource.query(`SELECT photo_key FROM reviews WHERE id = $1`, [id]))[0].photo_key).toBeNull();

    const storage = t.app.get(FileStorage);
    await t.http
      .put(`/api/v1/reviews/${id}/photo`)
      .set(buyer.auth)
      .attach('file', await photoWithGps(), 'a.jpg')
      .expect(200);
    const [first] = await t.dataSource.query(`SELECT photo_key FROM reviews WHERE id = $1`, [id]);
    await t.http
      .put(`/api/v1/reviews/${id}/photo`)
      .set(buyer.auth)
      .attach('file', await photoWithGps(), 'b.jpg')
      .expect(200);
    await t.drainJobs([REVIEW_PHOTO_FILES_QUEUE]);
    expect(await storage.get(first.photo_key)).toBeNull();
    expect(await fileCount()).toBeGreaterThanOrEqual(2);

    const [second] = await t.dataSource.query(`SELECT photo_key FROM reviews WHERE id = $1`, [id]);
    await t.http.post(`/api/v1/admin/reviews/${id}/photo/reject`).set(admin.auth).send({}).expect(200);
    await t.drainJobs([REVIEW_PHOTO_FILES_QUEUE]);
    expect(await storage.get(second.photo_key)).toBeNull();
    await t.http.get(`/api/v1/reviews/${id}/photo`).set(buyer.auth).expect(404);
    await t.http.delete(`/api/v1/reviews/${id}/photo`).set(buyer.auth).expect(404);

    await t.http
      .put(`/api/v1/reviews/${id}/photo`)
      .set(buyer.auth)
      .attach('file', await photoWithGps(), 'c.jpg')
      .expect(200);
    const [third] = await t.dataSource.query(`SELECT photo_key FROM reviews WHERE id = $1`, [id]);
    await t.http.delete(`/api/v1/reviews/${id}/photo`).set(buyer.auth).expect(204);
    await t.drainJobs([REVIEW_PHOTO_FILES_QUEUE]);
    expect(await storage.get(third.photo_key)).toBeNull();
  });

  it('closing the account deletes the author’s photos; retention of a rejected review deletes its photo', async () => {
    const buyer = await createUser(t, 'buyer');
    const id = await reviewed(buyer);
    await t.http
      .put(`/api/v1/reviews/${id}/photo`)
      .set(buyer.auth)
      .attach('file', await photoWithGps(), 'a.jpg')
      .expect(200);
    const [kept] = await t.dataSource.query(`SELECT photo_key FROM reviews WHERE id = $1`, [id]);
    await t.http.post('/api/v1/me/data-export').set(buyer.auth).expect(202);
    await t.drainJobs();
    const ready = await t.http.get('/api/v1/me/data-export').set(buyer.auth).expect(200);
    const zip = await t.http.get(ready.body.downloadUrl).set(buyer.auth).buffer(true).parse(binary).expect(200);
    const data = JSON.parse(strFromU8(unzipSync(new Uint8Array(zip.body as Buffer))['data.json']));
    expect(data.sections.reviews).toEqual([expect.objectContaining({ kind: 'review', id, photoStatus: 'pending' })]);

    await t.http.delete('/api/v1/me').set(buyer.auth).send({ password: PASSWORD }).expect(200);
    await t.drainJobs([REVIEW_PHOTO_FILES_QUEUE]);
    const [after] = await t.dataSource.query(`SELECT photo_key, author_user_id FROM reviews WHERE id = $1`, [id]);
    expect(after).toEqual({ photo_key: null, author_user_id: null });
    expect(await t.app.get(FileStorage).get(kept.photo_key)).toBeNull();

    // A rejected review past its retention goes with its photo.
    const second = await createUser(t, 'buyer');
    const rejected = await reviewed(second);
    await t.http
      .put(`/api/v1/reviews/${rejected}/photo`)
      .set(second.auth)
      .attach('file', await photoWithGps(), 'a.jpg')
      .expect(200);
    const [photo] = await t.dataSource.query(`SELECT photo_key FROM reviews WHERE id = $1`, [rejected]);
    await t.dataSource.query(`UPDATE reviews SET status = 'rejected', moderated_at = now() - interval '400 days' WHERE id = $1`, [rejected]);
    await t.app.get(JobQueue).enqueueNow(RETENTION_QUEUE, {});
    await t.drainJobs([RETENTION_QUEUE, REVIEW_PHOTO_FILES_QUEUE]);
    expect(await t.dataSource.query(`SELECT id FROM reviews WHERE id = $1`, [rejected])).toEqual([]);
    expect(await t.app.get(FileStorage).get(photo.photo_key)).toBeNull();
  });
});
