/**
 * `npm run bench:federation`: pulls BENCH_PEER_PRODUCTS (100,000) products from a generated peer
 * feed (a local HTTP server speaking docs/open-feed.md v1, pages of BENCH_PAGE_SIZE = 500) through
 * the real puller (bounded GET, strict parsing, one transaction per page with its search index
 * jobs), with the in-process worker indexing them into the buyer's search (peer index, engine
 * BENCH_SEARCH_ENGINE = postgres, or meilisearch for the embedded one). Prints items/s of the pull,
 * the time until every item is searchable, the process's peak RSS, and the change→visible delay:
 * one item changed at the peer, then the time until the buyer's search
 * (`scope=other-provinces`) finds it after the incremental pull (add FEDERATION_PULL_INTERVAL_SECONDS
 * + interval/5 for the worst case in production, where pulls are scheduled).
 * Environment: DATA_DIR (var/bench-federation), EMBEDDED_PG_PORT (54489). Small run:
 * `BENCH_PEER_PRODUCTS=2000 npm run bench:federation`.
 */
import 'reflect-metadata';
import { createLogger, JobWorker, loadConfig, provisionInfrastructure, runMigrations } from '@tradefloor/core';
import { PeerPuller } from '@tradefloor/federation';
import { SEARCH_PEER_QUEUE, SearchService, type ProductSearchQueryDto } from '@tradefloor/search';
import { rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { buildApp } from '../apps/api/src/bootstrap';
import { runBench } from './bench-support';

const N = Number(process.env.BENCH_PEER_PRODUCTS ?? 100_000);
const PAGE = Number(process.env.BENCH_PAGE_SIZE ?? 500);
const dataDir = process.env.DATA_DIR ?? 'var/bench-federation';

function element(i: number, modified: string, name = `Đặc sản số ${i} — bưởi, chả lụa, kẹo dừa`) {
  return {
    '@type': 'DataFeedItem',
    identifier: `peer-${i}`,
    dateModified: modified,
    status: 'live',
    item: {
      '@type': 'Product',
      name,
      description: 'Sản phẩm OCOP của tỉnh bạn, mô tả thuần văn bản để kiểm tra tốc độ đọc và kiểm tra dữ liệu.',
      gtin: String(8934567000000 + i),
      url: `https://peer.example/san-pham/sp-${i}`,
      image: [`https://peer.example/media/${i}.jpg`],
      offers: {
        '@type': 'Offer',
        price: 10_000 + i,
        priceCurrency: 'VND',
        availability: 'https://schema.org/InStock',
        seller: { name: `HTX ${i % 500}`, taxID: '2100123456', address: { addressRegion: '92', addressLocality: '31117' } },
      },
      hasCertification:
        i % 3
          ? []
          : [
              {
                '@type': 'Certification',
                name: 'OCOP',
                certificationIdentification: `QĐ-${i}`,
                certificationRating: { ratingValue: 4 },
                expires: '2028-12-31',
              },
            ],
    },
  };
}

/** A peer feed of N products; `change()` moves item 0 to the end with a new name (as an edit would). */
async function startFeed(): Promise<{ url: string; change: () => void; close: () => Promise<void> }> {
  let changed = false;
  const server = http.createServer((req, res) => {
    const cursor = Number(new URL(req.url!, 'http://x').searchParams.get('cursor') ?? 0);
    const total = changed ? N + 1 : N;
    const end = Math.min(cursor + PAGE, total);
    const elements = [];
    for (let i = cursor; i < end; i++)
      elements.push(i === N ? element(0, new Date().toISOString(), 'Sản phẩm vừa sửa ở tỉnh bạn') : element(i, '2026-12-01T00:00:00.000Z'));
    res.writeHead(200, { 'content-type': 'application/ld+json' });
    res.end(JSON.stringify({ '@type': 'DataFeed', version: '1', dataFeedElement: elements, nextCursor: String(end), hasMore: end < total }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/open/v1/products`,
    change: () => (changed = true),
    close: () => new Promise((r) => server.close(() => r())),
  };
}

async function main(): Promise<void> {
  rmSync(dataDir, { recursive: true, force: true });
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: process.env.EMBEDDED_PG_PORT ?? '54489',
    SEARCH_ENGINE: process.env.BENCH_SEARCH_ENGINE ?? 'postgres',
    SEARCH_FAILOVER: 'off',
    LOG_LEVEL: 'warn',
    FEDERATION_ALLOW_PRIVATE_PEERS: 'true',
    FEDERATION_MAX_PAGES_PER_RUN: '10000',
  };
  const logger = createLogger('warn');
  const infra = await provisionInfrastructure(loadConfig(env), logger);
  const feed = await startFeed();
  try {
    await runMigrations(infra.config.databaseUrl, logger);
    // 'all': the in-process worker runs the search index jobs each stored page enqueues.
    const built = await buildApp('all', infra.config, logger);
    const { DataSource: DS } = await import('typeorm');
    const ds: DataSource = built.app.get(DS);
    // Never due for the schedule: the bench drives the pulls itself.
    const [peer] = await ds.query(
      `INSERT INTO federation_peers (name, province_code, feed_url, next_pull_at) VALUES ('Bench peer', '92', $1, 'infinity') RETURNING id`,
      [feed.url],
    );
    const puller = built.app.get(PeerPuller);
    const worker = built.app.get(JobWorker);
    const search = built.app.get(SearchService);
    const peerSearch = (q: string) => search.searchProducts({ q, scope: 'other-provinces', page: 1, pageSize: 1 } as ProductSearchQueryDto);
    const rssBefore = process.memoryUsage().rss;

    const started = performance.now();
    const report = await puller.pull(peer.id);
    const seconds = (performance.now() - started) / 1000;
    if (report.error) throw new Error(`pull failed: ${report.error}`);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM federation_peer_products`);
    await worker.drain([SEARCH_PEER_QUEUE], 30 * 60_000);
    const searchableSeconds = (performance.now() - started) / 1000;
    const indexed = (await peerSearch('')).total;
    if (indexed !== N) throw new Error(`${indexed} of ${N} peer products searchable`);

    feed.change();
    const changedAt = performance.now();
    const increment = await puller.pull(peer.id);
    while ((await peerSearch('vừa sửa')).total !== 1) {
      if (performance.now() - changedAt > 60_000) throw new Error('the changed item is not searchable a minute after the incremental pull');
      await new Promise((r) => setTimeout(r, 10));
    }
    const delayMs = Math.round(performance.now() - changedAt);

    process.stdout.write(
      `${JSON.stringify(
        {
          peerProducts: N,
          stored: n,
          pages: report.pages,
          seconds: Math.round(seconds * 10) / 10,
          itemsPerSecond: Math.round(N / seconds),
          engine: infra.config.searchEngine,
          allSearchableSeconds: Math.round(searchableSeconds * 10) / 10,
          searchableItemsPerSecond: Math.round(N / searchableSeconds),
          peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
          rssBeforePullMb: Math.round(rssBefore / 1024 / 1024),
          changeToVisible: {
            untilSearchableMs: delayMs,
            pages: increment.pages,
            plusScheduledIntervalSeconds: Number(process.env.FEDERATION_PULL_INTERVAL_SECONDS ?? 900),
          },
        },
        null,
        2,
      )}\n`,
    );
    await built.app.close();
  } finally {
    await feed.close();
    await infra.stop();
  }
}

runBench(main);
