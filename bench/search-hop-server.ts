import fastify from 'fastify';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { forward, parsed } from './meili-forward';
import { readyForBench } from './stand-in-ready';

/**
 * The ceiling of the search bench's API rows: a bare node:http server that forwards `GET /<n>` as
 * the n-th Meilisearch multi-search body (the bodies the API itself sends for the bench's queries)
 * over a keep-alive agent, and answers with Meilisearch's answer — either piped through untouched
 * (HOP_MODE=pipe: the cost of one Node HTTP hop) or parsed and serialised again (HOP_MODE=parse: the
 * least an API that shapes its answer must do). No framework, validation, logging or mapping. The
 * API's c=1 ratio and c=32 share read against these rows say how much of the gap any Node hop has
 * on this machine, and how much is ours. HOP_MODE=fastify parses the same way on a plain Fastify
 * instance (no plugins or hooks): the framework under Nest, by itself.
 *
 * Run by bench/search.ts as `node dist/bench/search-hop-server.js` with MEILI_HOST, MEILI_KEY,
 * HOP_BODIES (a JSON file: array of request bodies), HOP_MODE and PORT; sends 'ready' over IPC.
 */
const bodies = (JSON.parse(readFileSync(process.env.HOP_BODIES!, 'utf8')) as string[]).map((b) => Buffer.from(b));
const mode = process.env.HOP_MODE ?? 'parse';
const port = Number(process.env.PORT);

if (mode === 'fastify') {
  // Fastify alone, no plugins or hooks: what the framework under Nest costs by itself.
  const app = fastify();
  app.get<{ Params: { n: string } }>('/:n', async (req, reply) => {
    const body = bodies[Number(req.params.n)];
    if (!body) return reply.status(404).send();
    const { status, bytes } = await forward(body);
    return reply.status(status).send(parsed(bytes));
  });
  void app.listen({ port, host: '127.0.0.1' }).then(readyForBench);
} else {
  createServer((req, res) => {
    const body = bodies[Number(req.url?.slice(1))];
    if (!body) {
      res.writeHead(404);
      return res.end();
    }
    forward(body, mode === 'pipe' ? res : undefined).then(
      ({ status, bytes }) => {
        if (mode === 'pipe') return;
        const json = JSON.stringify(parsed(bytes));
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
        res.end(json);
      },
      () => {
        res.writeHead(502);
        res.end();
      },
    );
  }).listen(port, '127.0.0.1', readyForBench);
}
