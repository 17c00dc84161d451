import { createLogger, startEmbeddedMeilisearch, type EmbeddedMeilisearchHandle } from '@tradefloor/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProduct, createVerifiedEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { eventually, publish, search } from './search-catalog';
import { freePort } from '../harness/processes';

/**
 * A private Meilisearch for this file (the shared one serves parallel test files), stopped and
 * restarted on the same port and data directory mid-test.
 */
describe('Meilisearch outage: writes succeed, the index catches up', () => {
  const key = 'outage-master-key-0123456789';
  const logger = createLogger('silent');
  let dir: string;
  let port: number;
  let meili: EmbeddedMeilisearchHandle;
  let t: TestApp;
  const start = () => startEmbeddedMeilisearch({ dir, port, masterKey: key, logger });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tf-meili-outage-'));
    port = await freePort();
    meili = await start();
    t = await createTestApp({ env: { MEILI_HOST: meili.host, MEILI_MASTER_KEY: key } });
  });
  afterAll(async () => {
    await t?.close();
    await meili?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps accepting writes while Meilisearch is down and indexes them once it is back', async () => {
    const e = await createVerifiedEnterprise(t, { displayName: 'HTX Sầu Riêng Cái Mơn' });
    const before = await createProduct(t, e.id, { name: 'Sầu riêng Ri6' });
    await t.drainJobs();
    expect((await search(t, { q: 'sau rieng' })).hits.map((h) => h.id)).toEqual([before.id]);

    await meili.stop();
    // Writes commit normally: the index jobs are durable rows, not calls to Meilisearch.
    const during = await createProduct(t, e.id, { name: 'Sầu riêng Musang King' });
    await t.dataSource.query(`UPDATE products SET name = 'Sầu riêng Ri6 loại 1', price_vnd = 135000 WHERE id = $1`, [before.id]);
    await publish(t, 'product.changed', before.id);

    const down = await t.http.get('/api/v1/search/products').query({ q: 'sau rieng' });
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ statusCode: 503, code: 'SEARCH_UNAVAILABLE' });

    // Let the handlers fail against the stopped server for a while.
    await new Promise((r) => setTimeout(r, 3000));
    const waiting = await t.dataSource.query(`SELECT status, attempts, last_error FROM jobs WHERE queue = 'search.product' AND status <> 'completed'`);
    expect(waiting.length).toBeGreaterThanOrEqual(2);
    expect(waiting.every((j: { status: string; attempts: number }) => j.status !== 'dead')).toBe(true);
    expect(waiting.some((j: { last_error: string | null }) => /unavailable/.test(j.last_error ?? ''))).toBe(true);

    const restarted = Date.now();
    meili = await start();
    const ms = await eventually(async () => {
      const res = await t.http.get('/api/v1/search/products').query({ q: 'sau rieng' });
      if (res.status !== 200) return false;
      const ids = res.body.hits.map((h: { id: string }) => h.id);
      const updated = res.body.hits.find((h: { id: string }) => h.id === before.id);
      return ids.includes(during.id) && updated?.priceVnd === 135_000;
    }, 30_000);
    console.log(`[meilisearch outage] index caught up ${ms} ms after the restart completed (${Date.now() - restarted} ms incl. start)`);
    const dead = await t.dataSource.query(`SELECT count(*)::int AS n FROM jobs WHERE queue LIKE 'search.%' AND status = 'dead'`);
    expect(dead[0].n).toBe(0);
  });
});
