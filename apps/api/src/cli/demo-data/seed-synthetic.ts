import type { INestApplicationContext } from '@nestjs/common';
import { Clock, vietnamDate } from '@tradefloor/core';
import { DataSource } from 'typeorm';
import type { PlannedCertificate, PlannedProduct } from './plan';
import { planEnterprises, type PlannedEnterprise } from './roster';
import { SEED_LOCK_ID } from './seed-demo-data';
import { ownerOf, syntheticEnterprise, syntheticProduct } from './synthetic';
import { writeEnterprises } from './write-enterprises';
import { writeCertificates, writeProducts } from './write-products';

const BATCH = 5000;

export interface ScaleProgress {
  done: number;
  total: number;
  created: number;
  ratePerSecond: number;
  etaSeconds: number;
}

export interface ScaleReport {
  productsCreated: number;
  enterprisesCreated: number;
  ms: number;
}

/**
 * Ensures synthetic products #1..count exist (a rerun adds nothing; a larger count adds the
 * difference), spread over synthetic sellers and the base set's verified enterprises. Batches of
 * 5,000 rows, each in its own transaction, so an interrupted run keeps what it wrote.
 */
export async function seedSyntheticProducts(
  app: INestApplicationContext,
  count: number,
  onProgress: (p: ScaleProgress) => void = () => undefined,
): Promise<ScaleReport> {
  const started = Date.now();
  const dataSource = app.get(DataSource);
  const now = app.get(Clock).now();
  const today = vietnamDate(now);
  const base = planEnterprises().filter((e) => e.status === 'verified');
  const syntheticCache = new Map<number, PlannedEnterprise>();
  let productsCreated = 0;
  let enterprisesCreated = 0;

  for (let from = 1; from <= count; from += BATCH) {
    const to = Math.min(count, from + BATCH - 1);
    const products: PlannedProduct[] = [];
    const certificates: PlannedCertificate[] = [];
    const owners = new Map<string, PlannedEnterprise>();
    for (let n = from; n <= to; n++) {
      const o = ownerOf(n, base);
      let owner: PlannedEnterprise;
      if ('base' in o) owner = o.base;
      else {
        owner = syntheticCache.get(o.synthetic) ?? syntheticEnterprise(o.synthetic);
        syntheticCache.set(o.synthetic, owner);
        owners.set(owner.slug, owner);
      }
      const { product, certificate } = syntheticProduct(n, owner);
      products.push(product);
      if (certificate) certificates.push(certificate);
    }
    await dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_ID]);
      const written = await writeEnterprises(m, [...owners.values()], now);
      enterprisesCreated += written.createdIds.length;
      productsCreated += (await writeProducts(m, products, now)).length;
      await writeCertificates(m, certificates, today, now);
    });
    const done = to;
    const seconds = (Date.now() - started) / 1000;
    const rate = done / Math.max(seconds, 0.001);
    onProgress({ done, total: count, created: productsCreated, ratePerSecond: Math.round(rate), etaSeconds: Math.round((count - done) / rate) });
  }

  return { productsCreated, enterprisesCreated, ms: Date.now() - started };
}
