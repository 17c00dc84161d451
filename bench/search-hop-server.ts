import { Agent, createServer, request } from 'node:http';
import { readFileSync } from 'node:fs';

/**
 * The ceiling of the search bench's API rows: a bare node:http server that forwards `GET /<n>` as
 * the n-th Meilisearch multi-search body (the bodies the API itself sends for the bench's queries)
 * over a keep-alive agent, and answers with Meilisearch's answer — either piped through untouched
 * (HOP_MODE=pipe: the cost of one Node HTTP hop) or parsed and serialised again (HOP_MODE=parse: the
 * least an API that shapes its answer must do). No framework, validation, logging or mapping. The
 * API's c=1 ratio and c=32 share read against these rows say how much of the gap any Node hop has
 * on this machine, and how much is ours.
 *
 * Run by bench/search.ts as `node dist/bench/search-hop-server.js` with MEILI_HOST, MEILI_KEY,
 * HOP_BODIES (a JSON file: array of request bodies), HOP_MODE and PORT; sends 'ready' over IPC.
 */
const bodies = (JSON.parse(readFileSync(process.env.HOP_BODIES!, 'utf8')) as string[]).map((b) => Buffer.from(b));
const upstream = new URL('/multi-search', process.env.MEILI_HOST);
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const parse = process.env.HOP_MODE === 'parse';

createServer((req, res) => {
  const body = bodies[Number(req.url?.slice(1))];
  if (!body) {
    res.writeHead(404);
    return res.end();
  }
  const forward = request(
    upstream,
    {
      method: 'POST',
      agent,
      headers: {
        'content-type': 'application/json',
        'content-length': body.length,
        'accept-encoding': 'identity',
        authorization: `Bearer ${process.env.MEILI_KEY}`,
      },
    },
    (answer) => {
      if (!parse) {
        res.writeHead(answer.statusCode ?? 502, { 'content-type': 'application/json; charset=utf-8', 'content-length': answer.headers['content-length'] ?? 0 });
        return answer.pipe(res);
      }
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        const json = JSON.stringify(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(answer.statusCode ?? 502, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
        res.end(json);
      });
    },
  );
  forward.on('error', () => {
    res.writeHead(502);
    res.end();
  });
  forward.end(body);
}).listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
