import 'reflect-metadata';
import { Controller, Get, Module, Query } from '@nestjs/common';
import Fastify from 'fastify';
import { Agent, createServer, request } from 'node:http';
import { ProductSearchQueryDto } from '@tradefloor/search';
import { listenForBench, serveOnOurStack } from './our-stack-server';
import { readyForBench } from './stand-in-ready';

/**
 * bench:http's servers (MODE), all answering GET /api/v1/search/products with the same ~11 KB
 * search-shaped JSON that each fetches from UPSTREAM (a stand-in for Meilisearch: POST, parse):
 * - `upstream`: the stand-in itself, node:http with fixed bytes;
 * - `fastify`: plain Fastify, no hooks or plugins;
 * - `ours`: `createHttpApp` (every hook and plugin the API's HTTP stack installs) with a Nest
 *   controller taking the API's own `ProductSearchQueryDto` through the validation pipe.
 * Sends 'ready' over IPC.
 */
const hits = Array.from({ length: 20 }, (_, i) => ({
  id: `0190c8a2-7c1e-7d3a-9f00-${String(i).padStart(12, '0')}`,
  slug: `buoi-da-xanh-ben-tre-${i}`,
  name: `Bưởi da xanh Bến Tre loại ${i}`,
  highlight: { name: `<mark>Bưởi</mark> da xanh Bến Tre loại ${i}` },
  priceVnd: 45_000 + i,
  unit: 'kg',
  ocopStars: 4,
  enterpriseId: '0190c8a2-7c1e-7d3a-9f00-e00000000001',
  enterpriseName: 'HTX Cầu Kè',
  communeCode: '29242',
  thumbnailUrl: `/media/p/${i}.webp`,
  rating: { average: 4.5, count: 12 },
}));
const ANSWER = Buffer.from(
  JSON.stringify({
    hits,
    total: 1234,
    page: 1,
    pageSize: 20,
    engine: 'meilisearch',
    facets: { ocopStars: { 3: 10, 4: 20, 5: 3 }, commune: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [String(29000 + i), i + 1])) },
  }),
);

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** The stand-in's answer, fetched and parsed as the search engine client does. */
function fetchAnswer(): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: Number(process.env.UPSTREAM),
        path: '/multi-search',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': 2 },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

@Controller('api/v1/search')
class SearchStandInController {
  @Get('products')
  products(@Query() _query: ProductSearchQueryDto): Promise<unknown> {
    return fetchAnswer();
  }
}

@Module({ controllers: [SearchStandInController] })
class SearchStandInModule {}

async function main(): Promise<void> {
  const port = Number(process.env.PORT);
  if (process.env.MODE === 'upstream') {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': ANSWER.length }).end(ANSWER));
    });
    server.listen(port, '127.0.0.1', readyForBench);
  } else if (process.env.MODE === 'fastify') {
    const fastify = Fastify();
    fastify.get('/api/v1/search/products', () => fetchAnswer());
    await fastify.listen({ port, host: '127.0.0.1' });
    readyForBench();
  } else {
    await listenForBench(await serveOnOurStack(SearchStandInModule));
  }
}

main().catch((err: Error) => {
  process.stderr.write(`http-stack server failed: ${err.stack}\n`);
  process.exit(1);
});
