import { JobQueue, JobRegistry } from '@tradefloor/core';
import { PUBLISH_DUE_QUEUE, PUBLISH_SCHEDULED_QUEUE } from '@tradefloor/news-bulletin';
import { createUser, type TestUser } from '../harness/auth';
import { createTestApp, type TestApp } from '../harness/test-app';
import { bulletinInput, categoryId, createBulletin } from './helpers';

const HOUR = 3_600_000;

describe('news bulletins: scheduled publishing by the worker', () => {
  let t: TestApp;
  let editor: TestUser;
  let cat: string;

  beforeAll(async () => {
    t = await createTestApp();
    editor = await createUser(t, 'editor');
    cat = await categoryId(t, 'thong-bao');
  });
  afterAll(() => t.close());

  /** The database reaches the job's run_at; the business decision still follows the injected clock. */
  async function runScheduledJobsNow(): Promise<void> {
    await t.dataSource.query(`UPDATE jobs SET run_at = now() WHERE queue = $1 AND status = 'pending'`, [PUBLISH_SCHEDULED_QUEUE]);
    await t.drainJobs([PUBLISH_SCHEDULED_QUEUE]);
  }

  const publicStatus = async (slug: string) => (await t.http.get(`/api/v1/bulletins/${slug}`)).status;
  const state = async (id: string) => (await t.http.get(`/api/v1/bulletins/${id}`).set(editor.auth).expect(200)).body;
  const listed = async (id: string) => (await t.http.get('/api/v1/bulletins?pageSize=100').expect(200)).body.items.some((i: { id: string }) => i.id === id);

  it('schedules a future publishAt with a durable job and publishes only once the clock reaches it', async () => {
    const b = await createBulletin(t, editor, bulletinInput(cat, { title: 'Thông báo lịch nghỉ lễ' }));
    const publishAt = new Date(t.clock.now().getTime() + HOUR);
    const res = await t.http.post(`/api/v1/bulletins/${b.id}/publish`).set(editor.auth).send({ publishAt: publishAt.toISOString() }).expect(200);
    expect(res.body).toMatchObject({ status: 'scheduled', publishedAt: null });
    expect(new Date(res.body.publishAt).getTime()).toBe(publishAt.getTime());

    const jobs = await t.dataSource.query(`SELECT run_at, payload FROM jobs WHERE queue = $1 AND status = 'pending'`, [PUBLISH_SCHEDULED_QUEUE]);
    expect(jobs).toHaveLength(1);
    expect(jobs[0].payload).toEqual({ bulletinId: b.id });
    expect(new Date(jobs[0].run_at).getTime()).toBe(publishAt.getTime());

    // The job runs early (by the database's time) but the clock says not yet: it waits again.
    await runScheduledJobsNow();
    expect((await state(b.id)).status).toBe('scheduled');
    expect(await publicStatus(b.slug)).toBe(404);
    expect(await listed(b.id)).toBe(false);
    const postponed = await t.dataSource.query(`SELECT run_at FROM jobs WHERE queue = $1 AND status = 'pending'`, [PUBLISH_SCHEDULED_QUEUE]);
    expect(postponed).toHaveLength(1);

    t.clock.advance(HOUR - 60_000);
    await runScheduledJobsNow();
    expect((await state(b.id)).status).toBe('scheduled');

    t.clock.advance(60_000);
    await runScheduledJobsNow();
    const published = await state(b.id);
    expect(published.status).toBe('published');
    expect(new Date(published.publishedAt).getTime()).toBe(publishAt.getTime());
    expect(await publicStatus(b.slug)).toBe(200);
    expect(await listed(b.id)).toBe(true);
  });

  it('the recurring sweep publishes a due bulletin even when its own job is lost', async () => {
    const registered = t.app
      .get(JobRegistry)
      .recurringTasks()
      .find((r) => r.queue === PUBLISH_DUE_QUEUE);
    expect(registered).toBeDefined();

    const b = await createBulletin(t, editor, bulletinInput(cat, { title: 'Thông báo tuyển chọn gian hàng' }));
    const publishAt = new Date(t.clock.now().getTime() + 2 * HOUR);
    await t.http.post(`/api/v1/bulletins/${b.id}/publish`).set(editor.auth).send({ publishAt: publishAt.toISOString() }).expect(200);
    await t.dataSource.query(`DELETE FROM jobs WHERE queue = $1`, [PUBLISH_SCHEDULED_QUEUE]);

    const sweep = () =>
      t.app
        .get(JobQueue)
        .enqueueNow(PUBLISH_DUE_QUEUE, {})
        .then(() => t.drainJobs([PUBLISH_DUE_QUEUE]));
    await sweep();
    expect((await state(b.id)).status).toBe('scheduled');
    t.clock.advance(2 * HOUR);
    await sweep();
    expect((await state(b.id)).status).toBe('published');
    expect(await publicStatus(b.slug)).toBe(200);
  });

  it('follows a reschedule to a later time, and never publishes an archived bulletin', async () => {
    const b = await createBulletin(t, editor, bulletinInput(cat, { title: 'Thông báo dời lịch hội chợ' }));
    const first = new Date(t.clock.now().getTime() + HOUR);
    const later = new Date(t.clock.now().getTime() + 3 * HOUR);
    await t.http.post(`/api/v1/bulletins/${b.id}/publish`).set(editor.auth).send({ publishAt: first.toISOString() }).expect(200);
    await t.http.post(`/api/v1/bulletins/${b.id}/publish`).set(editor.auth).send({ publishAt: later.toISOString() }).expect(200);
    t.clock.advance(HOUR + 1000);
    await runScheduledJobsNow();
    expect((await state(b.id)).status).toBe('scheduled');
    t.clock.advance(2 * HOUR);
    await runScheduledJobsNow();
    expect((await state(b.id)).status).toBe('published');

    const c = await createBulletin(t, editor, bulletinInput(cat, { title: 'Thông báo bị huỷ' }));
    await t.http
      .post(`/api/v1/bulletins/${c.id}/publish`)
      .set(editor.auth)
      .send({ publishAt: new Date(t.clock.now().getTime() + HOUR).toISOString() })
      .expect(200);
    await t.http.post(`/api/v1/bulletins/${c.id}/archive`).set(editor.auth).expect(200);
    t.clock.advance(2 * HOUR);
    await runScheduledJobsNow();
    await t.app.get(JobQueue).enqueueNow(PUBLISH_DUE_QUEUE, {});
    await t.drainJobs([PUBLISH_DUE_QUEUE]);
    expect((await state(c.id)).status).toBe('archived');
    expect(await publicStatus(c.slug)).toBe(404);
  });

  it('publishes at once when publishAt is absent or already past, or when a scheduled one is published now', async () => {
    const past = await createBulletin(t, editor, bulletinInput(cat, { title: 'Thông báo quá hạn' }));
    const res = await t.http
      .post(`/api/v1/bulletins/${past.id}/publish`)
      .set(editor.auth)
      .send({ publishAt: new Date(t.clock.now().getTime() - HOUR).toISOString() })
      .expect(200);
    expect(res.body.status).toBe('published');
    expect(new Date(res.body.publishedAt).getTime()).toBe(t.clock.now().getTime());

    const s = await createBulletin(t, editor, bulletinInput(cat, { title: 'Thông báo đăng sớm' }));
    await t.http
      .post(`/api/v1/bulletins/${s.id}/publish`)
      .set(editor.auth)
      .send({ publishAt: new Date(t.clock.now().getTime() + HOUR).toISOString() })
      .expect(200);
    const now = await t.http.post(`/api/v1/bulletins/${s.id}/publish`).set(editor.auth).send({}).expect(200);
    expect(now.body.status).toBe('published');
    // The leftover job finds nothing to do.
    await runScheduledJobsNow();
    expect((await state(s.id)).status).toBe('published');
  });
});
