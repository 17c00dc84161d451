import { DomainEvents, JobQueue } from '@tradefloor/core';
import { Client } from 'pg';
import { createTestApp, type TestApp } from '../harness/test-app';

type Row = { queue: string; payload: Record<string, unknown>; dedupe_key: string | null };

/** `JobQueue.batch`: jobs enqueued inside it are written once, at its end, as if written one by one. */
describe('job batches', () => {
  let t: TestApp;
  let jobs: JobQueue;
  const rowsOf = async (m: { query: TestApp['dataSource']['query'] }, marker: string): Promise<Row[]> =>
    m.query(`SELECT queue, payload, dedupe_key FROM jobs WHERE payload->>'marker' = $1 ORDER BY id`, [marker]);

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    jobs = t.app.get(JobQueue);
  });
  afterAll(() => t?.close());

  it('holds every enqueue made through the manager (domain events too) and writes them at the end, coalesced as usual', async () => {
    const events = t.app.get(DomainEvents);
    await t.dataSource.transaction(async (m) => {
      await jobs.batch(m, async () => {
        await jobs.enqueue(m, 'test.batch', { marker: 'b1', n: 1 }, { dedupeKey: 'same' });
        await events.publish(m, 'bulletin.changed', { bulletinId: 'b1-bulletin' });
        // Nested: joins the outer batch.
        await jobs.batch(m, () => jobs.enqueue(m, 'test.batch', { marker: 'b1', n: 2 }, { dedupeKey: 'same' }));
        await jobs.enqueue(m, 'test.batch', { marker: 'b1', n: 3 });
        expect(await rowsOf(m, 'b1')).toEqual([]);
      });
      // Same dedupe key, same queue: one row with the later payload, as two upserts would leave it.
      expect(await rowsOf(m, 'b1')).toEqual([
        { queue: 'test.batch', payload: { marker: 'b1', n: 2 }, dedupe_key: 'same' },
        { queue: 'test.batch', payload: { marker: 'b1', n: 3 }, dedupe_key: null },
      ]);
    });
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM jobs WHERE payload->>'bulletinId' = 'b1-bulletin'`);
    expect(n).toBeGreaterThan(0);
  });

  it('flush writes what the batch holds so far, and the batch goes on holding', async () => {
    await t.dataSource.transaction(async (m) => {
      await jobs.batch(m, async () => {
        await jobs.enqueue(m, 'test.batch', { marker: 'b3', n: 1 });
        await jobs.flush(m);
        expect((await rowsOf(m, 'b3')).map((r) => r.payload.n)).toEqual([1]);
        await jobs.enqueue(m, 'test.batch', { marker: 'b3', n: 2 });
        expect((await rowsOf(m, 'b3')).map((r) => r.payload.n)).toEqual([1]);
      });
      expect((await rowsOf(m, 'b3')).map((r) => r.payload.n)).toEqual([1, 2]);
    });
  });

  it('sends the notifications it holds with its jobs, delivered once the transaction commits', async () => {
    const listener = new Client({ connectionString: t.config.databaseUrl });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (n) => heard.push(`${n.channel}:${n.payload}`));
    await listener.query('LISTEN job_batch_spec');
    try {
      expect(jobs.notifyWithBatch(t.dataSource.manager, 'job_batch_spec', 'outside')).toBe(false);
      await t.dataSource.transaction(async (m) => {
        await jobs.batch(m, async () => {
          expect(jobs.notifyWithBatch(m, 'job_batch_spec', 'first')).toBe(true);
          await jobs.enqueue(m, 'test.batch', { marker: 'b4', n: 1 });
          await jobs.flush(m);
          expect(jobs.notifyWithBatch(m, 'job_batch_spec', 'second')).toBe(true);
        });
        await new Promise((r) => setTimeout(r, 100));
        expect(heard).toEqual([]);
      });
      const deadline = Date.now() + 2000;
      while (heard.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(heard).toEqual(['job_batch_spec:first', 'job_batch_spec:second']);
    } finally {
      await listener.end();
    }
  });

  it('writes nothing when the work throws, and enqueues through the manager go straight in again afterwards', async () => {
    await t.dataSource.transaction(async (m) => {
      await expect(
        jobs.batch(m, async () => {
          await jobs.enqueue(m, 'test.batch', { marker: 'b2', n: 1 });
          throw new Error('work failed');
        }),
      ).rejects.toThrow('work failed');
      expect(await rowsOf(m, 'b2')).toEqual([]);
      await jobs.enqueue(m, 'test.batch', { marker: 'b2', n: 2 });
      expect(await rowsOf(m, 'b2')).toEqual([{ queue: 'test.batch', payload: { marker: 'b2', n: 2 }, dedupe_key: null }]);
    });
  });
});
