import { createLogger, DEFAULT_MAX_INDEXING_MEMORY, startEmbeddedMeilisearch, type EmbeddedMeilisearchHandle } from '@tradefloor/core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../harness/processes';

/** What the running Meilisearch process was started with (Linux /proc). */
function environmentOf(pid: number): Map<string, string> {
  const entries = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
  return new Map(entries.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
}

/**
 * Meilisearch's default indexing memory (two thirds of the RAM) made some single-product batches
 * take seconds (bench/README.md, bench:index): the embedded server runs with a cap, which the
 * operator can change.
 */
describe('embedded Meilisearch: indexing memory', () => {
  const logger = createLogger('silent');
  let dir: string;
  let meili: EmbeddedMeilisearchHandle | undefined;
  const saved = process.env.MEILI_MAX_INDEXING_MEMORY;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tf-meili-memory-'));
  });
  afterEach(async () => {
    await meili?.stop();
    meili = undefined;
    if (saved === undefined) delete process.env.MEILI_MAX_INDEXING_MEMORY;
    else process.env.MEILI_MAX_INDEXING_MEMORY = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts with the cap by default, and with MEILI_MAX_INDEXING_MEMORY when it is set', async () => {
    delete process.env.MEILI_MAX_INDEXING_MEMORY;
    meili = await startEmbeddedMeilisearch({ dir, port: await freePort(), masterKey: 'memory-master-key-0123456789', logger });
    expect(environmentOf(meili.pid!).get('MEILI_MAX_INDEXING_MEMORY')).toBe(DEFAULT_MAX_INDEXING_MEMORY);
    await meili.stop();

    process.env.MEILI_MAX_INDEXING_MEMORY = '1Gb';
    meili = await startEmbeddedMeilisearch({ dir, port: await freePort(), masterKey: 'memory-master-key-0123456789', logger });
    expect(environmentOf(meili.pid!).get('MEILI_MAX_INDEXING_MEMORY')).toBe('1Gb');
    // The server accepted the value: it answers.
    expect((await fetch(`${meili.host}/health`)).ok).toBe(true);
  });
});
