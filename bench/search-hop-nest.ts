import 'reflect-metadata';
import { Controller, Get, Module, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import { ProductSearchQueryDto } from '@tradefloor/search';
import { forward, parsed } from './meili-forward';
import { listenForBench, serveOnOurStack } from './our-stack-server';

/**
 * The search hop (search-hop-server.ts, parsed mode) on the floor's own HTTP stack: `createHttpApp`
 * (Nest on Fastify with the hooks and plugins it installs for every app; not the API's own page-cache
 * and legal-chrome hooks) and the API's own `ProductSearchQueryDto` through the validation pipe.
 * `GET /api/v1/search/products?<query>` with the bench's query strings is forwarded
 * to Meilisearch as that query's multi-search body (HOP_BODIES: a JSON object from query string to
 * body), and Meilisearch's answer is parsed and returned for Fastify to serialise. Between the bare
 * hop and this one is the cost of our stack; between this one and the API, the search code's.
 * Run by bench/search.ts with MEILI_HOST, MEILI_KEY, HOP_BODIES and PORT; sends 'ready' over IPC.
 */
const bodies = new Map(
  Object.entries(JSON.parse(readFileSync(process.env.HOP_BODIES!, 'utf8')) as Record<string, string>).map(([q, b]) => [q, Buffer.from(b)]),
);
@Controller('api/v1/search')
class HopController {
  @Get('products')
  async products(@Query() _query: ProductSearchQueryDto, @Req() req: FastifyRequest): Promise<unknown> {
    const body = bodies.get(req.url.slice(req.url.indexOf('?') + 1));
    if (!body) throw new Error(`no body for ${req.url}`);
    return parsed((await forward(body)).bytes);
  }
}

@Module({ controllers: [HopController] })
class HopModule {}

async function main(): Promise<void> {
  await listenForBench(await serveOnOurStack(HopModule));
}

main().catch((err: Error) => {
  process.stderr.write(`search hop (Nest) failed: ${err.stack}\n`);
  process.exit(1);
});
