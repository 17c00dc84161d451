import { JobQueue, vietnamDate } from '@tradefloor/core';
import { PURGE_VIEWS_QUEUE, ViewCounter } from '@tradefloor/news-bulletin';
import { Client } from 'pg';
import { createUser, type TestUser } from '../harness/auth';
import { createTestApp, type TestApp } from '../harness/test-app';
import { bulletinInput, categoryId, createBulletin, publishedBulletin } from './helpers';

const HOUR = 3_600_000;

describe('news bulletins: view counter ("Lượt xem")', () => {
  let t: TestApp;
  let editor: TestUser;
  let views: ViewCounter;
  let cat: string;

  beforeAll(async () => {
    // The timer never fires during the test: flushes happen when the test says so.
    t = await createTestApp({ env: { VIEW_FLUSH_INTERVAL_MS: '3600000' } });
    editor = await createUser(t, 'editor');
    views = t.app.get(ViewCounter);
    cat = await categoryId(t, 'tin-tuc');
  });
  afterAll(() => t.close());

  const visit = (slug: string, agent: string) => t.http.get(`/api/v1/bulletins/${slug}`).set('User-Agent', agent).expect(200);
  /** Read through the list, which does not count a view. */
  const viewCount = async (id: string) => {
    const res = await t.http.get('/api/v1/bulletins?pageSize=100').expect(200);
    return res.body.items.find((i: { id: string }) => i.id === id).viewCount as number;
  };
  const dedupeRows = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM bulletin_views`))[0].n as number;

  it('buffers views without writing to the database, then counts one per visitor per hour after a flush', async () => {
    const b = await publishedBulletin(t, editor, bulletinInput(cat, { title: 'Bản tin đếm lượt xem' }));
    const rowsBefore = await dedupeRows();
    for (let i = 0; i < 5; i++) await visit(b.slug, 'Mozilla/5.0 visitor-A');
    expect(await dedupeRows()).toBe(rowsBefore);
    expect(await viewCount(b.id)).toBe(0);
    expect(views.pending()).toBe(1);

    expect(await views.flush()).toBe(1);
    expect(await viewCount(b.id)).toBe(1);
    const shown = await visit(b.slug, 'Mozilla/5.0 visitor-A');
    expect(shown.body.viewCount).toBe(1);

    await visit(b.slug, 'Mozilla/5.0 visitor-B');
    await visit(b.slug, 'Mozilla/5.0 visitor-C');
    await visit(b.slug, 'Mozilla/5.0 visitor-B');
    expect(await views.flush()).toBe(2);
    expect(await viewCount(b.id)).toBe(3);
  });

  it('de-duplicates across flushes through the database (as across API replicas)', async () => {
    const b = await publishedBulletin(t, editor, bulletinInput(cat, { title: 'Bản tin nhiều máy chủ' }));
    await visit(b.slug, 'visitor-D');
    await views.flush();
    // A later buffer (or another replica) sees the same visitor in the same hour: not counted again.
    await visit(b.slug, 'visitor-D');
    expect(views.pending()).toBe(1);
    expect(await views.flush()).toBe(0);
    expect(await viewCount(b.id)).toBe(1);
  });

  it('counts the same visitor again in a new hour', async () => {
    const b = await publishedBulletin(t, editor, bulletinInput(cat, { title: 'Bản tin theo giờ' }));
    await visit(b.slug, 'visitor-E');
    await views.flush();
    t.clock.advance(HOUR);
    await visit(b.slug, 'visitor-E');
    await visit(b.slug, 'visitor-E');
    await views.flush();
    expect(await viewCount(b.id)).toBe(2);
  });

  it('stores only a keyed hash of the visitor, and does not count drafts or editor previews of them', async () => {
    const b = await publishedBulletin(t, editor, bulletinInput(cat, { title: 'Bản tin riêng tư' }));
    await visit(b.slug, 'TrinhDuyetRieng/1.0');
    await views.flush();
    const rows = await t.dataSource.query(`SELECT visitor_hash FROM bulletin_views WHERE bulletin_id = $1`, [b.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].visitor_hash).not.toMatch(/127\.0\.0\.1|TrinhDuyet/);
    expect(rows[0].visitor_hash).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const draft = await createBulletin(t, editor, bulletinInput(cat, { title: 'Bản nháp không đếm' }));
    await t.http.get(`/api/v1/bulletins/${draft.id}`).set(editor.auth).expect(200);
    await t.http.get(`/api/v1/bulletins/${draft.slug}`).expect(404);
    expect(views.pending()).toBe(0);
  });

  it('purges de-duplication rows older than a few hours with a recurring job', async () => {
    const b = await publishedBulletin(t, editor, bulletinInput(cat, { title: 'Bản tin dọn dẹp' }));
    const old = new Date(t.clock.now().getTime() - 5 * HOUR);
    await t.dataSource.query(`INSERT INTO bulletin_views (bulletin_id, visitor_hash, hour) VALUES ($1, 'cu', $2)`, [b.id, old]);
    await visit(b.slug, 'visitor-new');
    await views.flush();
    await t.app.get(JobQueue).enqueueNow(PURGE_VIEWS_QUEUE, {});
    await t.drainJobs([PURGE_VIEWS_QUEUE]);
    const rows = await t.dataSource.query(`SELECT visitor_hash FROM bulletin_views WHERE bulletin_id = $1`, [b.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].visitor_hash).not.toBe('cu');
    expect(await viewCount(b.id)).toBe(1);
    // The per-day history (statistics) is not a de-duplication row: it stays.
    const today = vietnamDate(t.clock.now());
    expect(await t.dataSource.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day, views FROM bulletin_view_days WHERE bulletin_id = $1`, [b.id])).toEqual([
      { day: today, views: 1 },
    ]);
    expect((await views.perDay(today, today))[0].count).toBeGreaterThanOrEqual(1);
  });
});

describe('news bulletins: buffered views are flushed on shutdown', () => {
  it('writes the buffer when the application closes', async () => {
    const t = await createTestApp({ env: { VIEW_FLUSH_INTERVAL_MS: '3600000' } });
    const editor = await createUser(t, 'editor');
    const b = await publishedBulletin(t, editor, bulletinInput(await categoryId(t, 'tin-tuc'), { title: 'Bản tin trước khi tắt' }));
    await t.http.get(`/api/v1/bulletins/${b.slug}`).set('User-Agent', 'visitor-last').expect(200);
    expect(t.app.get(ViewCounter).pending()).toBe(1);
    const url = t.config.databaseUrl;
    await t.app.close();
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT view_count::int AS n FROM bulletins WHERE id = $1`, [b.id]);
      expect(rows[0].n).toBe(1);
    } finally {
      await client.end();
      await t.close().catch(() => undefined);
    }
  });
});
