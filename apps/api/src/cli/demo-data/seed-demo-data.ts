import type { INestApplicationContext } from '@nestjs/common';
import { Clock, DomainEvents, vietnamDate } from '@tradefloor/core';
import { DataSource, type EntityManager } from 'typeorm';
import { STAFF_AND_BUYERS, upsertUsers } from './demo-users';
import { planDemoData } from './plan';
import { writeEnterprises } from './write-enterprises';
import { writeCertificates, writeProducts } from './write-products';

/** Two seeders started together would both see rows missing; one waits for the other. */
export const SEED_LOCK_ID = 741_852_964;

export interface SeedReport {
  usersCreated: number;
  enterprisesCreated: number;
  productsCreated: number;
  /** Products that received a certificate they did not have. */
  productsCertified: number;
  eventsPublished: number;
  ms: number;
}

export async function publishChanges(m: EntityManager, events: DomainEvents, enterpriseIds: Iterable<string>, productIds: Iterable<string>): Promise<number> {
  let n = 0;
  for (const enterpriseId of enterpriseIds) {
    await events.publish(m, 'enterprise.changed', { enterpriseId });
    n++;
  }
  for (const productId of productIds) {
    await events.publish(m, 'product.changed', { productId });
    n++;
  }
  return n;
}

/**
 * Loads the base demo data set (idempotent: natural keys, existing rows untouched) in one
 * transaction, with change events for what it created so search and partner feeds pick it up.
 * Runs against the application's own database and modules (their event subscribers).
 */
export async function seedDemoData(app: INestApplicationContext): Promise<SeedReport> {
  const started = Date.now();
  const dataSource = app.get(DataSource);
  const events = app.get(DomainEvents);
  const now = app.get(Clock).now();
  const plan = planDemoData();
  return dataSource.transaction(async (m) => {
    await m.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_ID]);
    const staff = await upsertUsers(m, STAFF_AND_BUYERS);
    const enterprises = await writeEnterprises(m, plan.enterprises, now);
    const created = await writeProducts(m, plan.products, now);
    const certified = await writeCertificates(m, plan.certificates, vietnamDate(now), now);
    const eventsPublished = await publishChanges(m, events, enterprises.createdIds, new Set([...created, ...certified]));
    return {
      usersCreated: staff.created + enterprises.usersCreated,
      enterprisesCreated: enterprises.createdIds.length,
      productsCreated: created.length,
      productsCertified: certified.length,
      eventsPublished,
      ms: Date.now() - started,
    };
  });
}
