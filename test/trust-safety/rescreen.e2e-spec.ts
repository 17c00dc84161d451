import { SCREENING_RESCREEN_QUEUE } from '@tradefloor/trust-safety';
import { createUser, loginAdmin, type TestUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';

/** A change of the screening lists re-screens the moderation queue (a durable job enqueued with the change). */
jest.setTimeout(120_000);

describe('screening: the moderation queue is screened again when the lists change', () => {
  let t: TestApp;
  let admin: TestUser;
  let editor: TestUser;
  let ent: FixtureEnterprise;
  const TERMS = '/api/v1/admin/screening-terms';
  const queueItem = async (id: string) => {
    const queue = await t.http.get('/api/v1/admin/products').query({ pageSize: 100 }).set(editor.auth).expect(200);
    return queue.body.items.find((i: { id: string }) => i.id === id);
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    editor = await createUser(t, 'editor');
    ent = await createVerifiedEnterprise(t);
  });
  afterAll(() => t?.close());

  it('adding a term flags waiting products at once; removing it clears the flag; published products are not touched', async () => {
    const waiting = [];
    for (let i = 0; i < 3; i++) {
      const p = await createProduct(t, ent.id, { name: `Rượu thuốc ngâm số ${i}`, status: 'draft' });
      await t.http.post(`/api/v1/products/${p.id}/submit`).set(ent.owner.auth).expect(200);
      waiting.push(p);
    }
    const clean = await createProduct(t, ent.id, { name: 'Bánh pía sầu riêng', status: 'draft' });
    await t.http.post(`/api/v1/products/${clean.id}/submit`).set(ent.owner.auth).expect(200);
    const published = await createProduct(t, ent.id, { name: 'Rượu thuốc đã bán' });
    await t.drainJobs();
    expect((await queueItem(waiting[0].id)).screening.matches).toEqual([]);

    // A new prohibited term: the change enqueues the job in its transaction; once it ran, the queue shows the matches.
    const term = (await t.http.post(TERMS).set(admin.auth).send({ term: 'rượu thuốc', severity: 'prohibited' }).expect(201)).body;
    const [job] = await t.dataSource.query(`SELECT count(*)::int AS n FROM jobs WHERE queue = $1`, [SCREENING_RESCREEN_QUEUE]);
    expect(job.n).toBeGreaterThanOrEqual(1);
    await t.drainJobs([SCREENING_RESCREEN_QUEUE]);
    for (const p of waiting) {
      const item = await queueItem(p.id);
      expect(item.screening.prohibited).toBe(true);
      expect(item.screening.matches).toEqual(expect.arrayContaining([expect.objectContaining({ term: 'rượu thuốc', field: 'name' })]));
    }
    expect((await queueItem(clean.id)).screening.prohibited).toBe(false);
    const [pub] = await t.dataSource.query(`SELECT count(*)::int AS n FROM product_screenings WHERE product_id = $1`, [published.id]);
    expect(pub.n).toBe(0);

    // Removing the term: screened again, the flag goes.
    await t.http.delete(`${TERMS}/${term.id}`).set(admin.auth).expect(204);
    await t.drainJobs([SCREENING_RESCREEN_QUEUE]);
    for (const p of waiting) expect((await queueItem(p.id)).screening.prohibited).toBe(false);
  });
});
