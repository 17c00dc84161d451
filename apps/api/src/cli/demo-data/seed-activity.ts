import type { INestApplicationContext } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, Clock, vietnamDate } from '@tradefloor/core';
import { DataSource } from 'typeorm';
import { planDemoData } from './plan';
import { planTraceability } from './trace-plan';
import { BatchWriter, type BatchWriteReport, type SeededBatch } from './write-batches';
import { writeScanHistory } from './write-scans';
import { writeBulletinViews, writeProductViews } from './write-views';

export interface ActivityProgress {
  step: 'batches' | 'scans';
  done: number;
  total: number;
}

export interface ActivityReport extends BatchWriteReport {
  tracedProducts: number;
  scansRecorded: number;
  productViewDays: number;
  bulletinViewDays: number;
  ms: number;
}

/**
 * The demo's synthetic activity on top of the base set (run after it, and after the demo
 * bulletins): batches, stamps and trace events of about twenty OCOP products, written through the
 * traceability services; then the past the services cannot write — 60 days of stamp scans and of
 * product and bulletin views per day — as plain inserts. All of it counts back from the Clock's
 * "now" when first written; natural keys make a rerun write nothing.
 */
export async function seedDemoActivity(app: INestApplicationContext, onProgress: (p: ActivityProgress) => void = () => undefined): Promise<ActivityReport> {
  const started = Date.now();
  const dataSource = app.get(DataSource);
  const config = app.get<AppConfig>(APP_CONFIG);
  const now = app.get(Clock).now();
  const today = vietnamDate(now);
  const plan = planDemoData();
  const traced = planTraceability(plan);

  const writer = new BatchWriter(app, now);
  const batches: SeededBatch[] = [];
  for (const [i, product] of traced.entries()) {
    batches.push(...(await writer.write(product, today)));
    onProgress({ step: 'batches', done: i + 1, total: traced.length });
  }

  const thresholds = { warnScans: config.stampWarnScans, warnPlaces: config.stampWarnPlaces };
  let scansRecorded = 0;
  for (const [i, batch] of batches.entries()) {
    scansRecorded += await writeScanHistory(dataSource, batch, now, thresholds);
    onProgress({ step: 'scans', done: i + 1, total: batches.length });
  }

  const productViewDays = await writeProductViews(dataSource, plan, new Set(traced.map((t) => t.productSlug)), today, now);
  const bulletinViewDays = await writeBulletinViews(dataSource, today, now);
  return { ...writer.report, tracedProducts: traced.length, scansRecorded, productViewDays, bulletinViewDays, ms: Date.now() - started };
}
