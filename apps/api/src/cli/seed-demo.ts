import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import {
  ConfigError,
  DataDirLockedError,
  PinoNestLogger,
  createLogger,
  loadConfig,
  provisionInfrastructure,
  runMigrations,
  type Infrastructure,
} from '@tradefloor/core';
import { seedDemoBulletins } from '@tradefloor/news-bulletin';
import { SearchMaintenance } from '@tradefloor/search';
import { DataSource } from 'typeorm';
import { AppModule, validateDomainConfig } from '../app.module';
import { DEMO_PASSWORD } from './demo-data/demo-users';
import { seedDemoActivity, type ActivityProgress } from './demo-data/seed-activity';
import { seedDemoData } from './demo-data/seed-demo-data';
import { seedDemoImages } from './demo-data/seed-images';
import { planDemoData } from './demo-data/plan';
import { seedSyntheticProducts, type ScaleProgress } from './demo-data/seed-synthetic';

const USAGE = `Usage: npm run seed:demo [-- --scale N]

Loads the demo data set (idempotent) into the database the app is configured for: DATABASE_URL,
else the embedded PostgreSQL in DATA_DIR (stop the server first, or use DATABASE_URL). The base set
comes with synthetic activity: lots, QR stamps and trace events, and 60 days of scans and views.
  --scale N   also ensure N synthetic products exist (for benchmarks); changes the totals. Skips
              the synthetic activity, so that benchmark databases hold only what they measure.
`;

const out = (line: string) => process.stdout.write(`${line}\n`);

function parseArgs(argv: string[]): { scale: number } {
  let scale = 0;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      out(USAGE);
      process.exit(0);
    }
    const value = a === '--scale' ? argv[++i] : a.startsWith('--scale=') ? a.slice('--scale='.length) : undefined;
    if (value === undefined) throw new Error(`Unknown argument ${a}`);
    if (!/^\d+$/.test(value) || Number(value) > 10_000_000) throw new Error(`--scale needs a whole number up to 10,000,000 (got "${value}")`);
    scale = Number(value);
  }
  return { scale };
}

function progressPrinter(): (p: ScaleProgress) => void {
  let lastStep = -1;
  return (p) => {
    const step = Math.floor((p.done / p.total) * 20); // every 5 %
    if (step === lastStep && p.done !== p.total) return;
    lastStep = step;
    const pct = ((p.done / p.total) * 100).toFixed(0).padStart(3);
    out(
      `  ${pct}%  ${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')} rows  (${p.created.toLocaleString('en')} new)  ${p.ratePerSecond.toLocaleString('en')} rows/s  ETA ${p.etaSeconds}s`,
    );
  };
}

/** One line per quarter of a counted step. */
function quarterPrinter(what: string): (p: { done: number; total: number }) => void {
  let last = -1;
  return (p) => {
    const quarter = Math.floor((p.done / p.total) * 4);
    if (quarter === last && p.done !== p.total) return;
    last = quarter;
    out(`  ${p.done} / ${p.total} ${what}`);
  };
}

const ACTIVITY_STEPS: Record<ActivityProgress['step'], string> = { batches: 'products traced', scans: 'lots with scan history' };

/** One line per quarter of each step. */
function activityPrinter(): (p: ActivityProgress) => void {
  const printed = new Set<string>();
  return (p) => {
    const quarter = Math.floor((p.done / p.total) * 4);
    const key = `${p.step}:${quarter}`;
    if (printed.has(key) && p.done !== p.total) return;
    printed.add(key);
    out(`  ${p.step}: ${p.done} / ${p.total} ${ACTIVITY_STEPS[p.step]}`);
  };
}

async function run(): Promise<void> {
  const { scale } = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  validateDomainConfig(config);
  // Server logs stay quiet unless asked for: the seeder reports its own progress.
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  let infra: Infrastructure | undefined;
  try {
    infra = await provisionInfrastructure(config, logger);
    await runMigrations(infra.config.databaseUrl, logger);
    const app = await NestFactory.createApplicationContext(AppModule.register({ config: infra.config, logger }), {
      logger: new PinoNestLogger(logger.child({ component: 'nest' })),
    });
    try {
      out('Seeding the demo data set (dữ liệu mẫu)…');
      const base = await seedDemoData(app);
      out(
        `  base set: ${base.enterprisesCreated} enterprises, ${base.productsCreated} products, ${base.usersCreated} users created; ` +
          `${base.eventsPublished} change events; ${base.ms} ms`,
      );
      out('Drawing product pictures (ảnh minh hoạ)…');
      const images = await seedDemoImages(
        app,
        planDemoData().products.map((p) => p.slug),
        quarterPrinter('products illustrated'),
      );
      out(`  pictures: ${images.imagesStored} images for ${images.productsIllustrated} products in ${(images.ms / 1000).toFixed(1)} s`);
      const bulletins = await seedDemoBulletins(app.get(DataSource));
      out(`  bulletins: ${bulletins.length} created`);
      if (scale === 0) {
        out('Adding synthetic activity (lots, stamps, scans, views)…');
        const a = await seedDemoActivity(app, activityPrinter());
        out(
          `  traceability: ${a.batchesCreated} lots, ${a.eventsRecorded} trace events, ${a.stampsIssued} stamps issued ` +
            `(${a.stampsActivated} activated, ${a.stampsRevoked} revoked) for ${a.tracedProducts} products`,
        );
        out(`  history: ${a.scansRecorded} scans, ${a.productViewDays} product-days and ${a.bulletinViewDays} bulletin-days of views; ${a.ms} ms`);
      } else {
        out(`Adding synthetic products up to #${scale.toLocaleString('en')}…`);
        const s = await seedSyntheticProducts(app, scale, progressPrinter());
        out(`  synthetic: ${s.productsCreated} products, ${s.enterprisesCreated} enterprises created in ${(s.ms / 1000).toFixed(1)} s`);
        if (s.productsCreated > 0) {
          // Synthetic rows publish no per-product events (100k index jobs would outlast the load):
          // one rebuild-and-swap of the search index instead.
          out('Rebuilding the search index…');
          let last = 0;
          const r = await app.get(SearchMaintenance).rebuild((kind, written) => {
            if (Date.now() - last < 1000) return;
            last = Date.now();
            out(`  ${kind}: ${written.toLocaleString('en')} documents written`);
          });
          out(`  search index: ${r.products.toLocaleString('en')} products, ${r.enterprises} enterprises in ${(r.durationMs / 1000).toFixed(1)} s`);
        }
      }
      out(`Done. Demo accounts (*@demo.tradefloor.vn) use the password "${DEMO_PASSWORD}".`);
    } finally {
      await app.close();
    }
  } finally {
    await infra?.stop();
  }
}

run().catch((err: unknown) => {
  if (err instanceof DataDirLockedError) {
    process.stderr.write(
      `Máy chủ TradeFloor đang chạy trên thư mục dữ liệu này (the server holds the data directory lock).\n${err.message}\n` +
        'Stop the server and run seed:demo again, or point DATABASE_URL at the database to seed it while the server runs.\n',
    );
    process.exit(75);
  }
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(78);
  }
  process.stderr.write(`seed:demo failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
