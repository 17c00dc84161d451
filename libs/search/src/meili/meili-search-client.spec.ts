import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SearchUnavailableError } from '../engine/search-engine';
import { MeiliAnswerError, MeiliSearchClient } from './meili-search-client';

/** A local stand-in for Meilisearch's /multi-search, answering as `handler` says. */
async function standIn(handler: RequestListener): Promise<{ host: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return { host: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('MeiliSearchClient', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((closed) => server.close(closed));
    }
  });
  const serve = async (handler: RequestListener) => {
    const s = await standIn(handler);
    servers.push(s.server);
    return new MeiliSearchClient(s.host, 'key');
  };

  it('posts the queries with the key, uncompressed, and parses the answer', async () => {
    const seen: Array<{ body: string; auth?: string; encoding?: string }> = [];
    const client = await serve((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ body, auth: req.headers.authorization, encoding: req.headers['accept-encoding'] });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results: [{ hits: [{ name: 'Dừa sáp' }] }] }));
      });
    });
    const answer = await client.multiSearch([{ indexUid: 'products', q: 'dua sap' }], 1000);
    expect(answer.results[0].hits[0]).toEqual({ name: 'Dừa sáp' });
    expect(seen).toEqual([{ body: JSON.stringify({ queries: [{ indexUid: 'products', q: 'dua sap' }] }), auth: 'Bearer key', encoding: 'identity' }]);
  });

  it("reads Meilisearch's error object as an answer error, and a bare 5xx as unavailable", async () => {
    let calls = 0;
    const client = await serve((req, res) => {
      req.resume();
      if (calls++ === 0)
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'index_not_found', message: 'Index `x` not found.' }));
      else res.writeHead(502).end('Bad Gateway');
    });
    const answerError = client.multiSearch([{ indexUid: 'x' }], 1000);
    await expect(answerError).rejects.toBeInstanceOf(MeiliAnswerError);
    await expect(answerError).rejects.toMatchObject({ status: 400, code: 'index_not_found' });
    await expect(client.multiSearch([{ indexUid: 'x' }], 1000)).rejects.toBeInstanceOf(SearchUnavailableError);
  });

  const neverAnswers: RequestListener = () => undefined;
  const stallsInTheBody: RequestListener = (_req, res) => void res.writeHead(200).write('{"results":[');
  it.each([
    ['never answers', neverAnswers],
    ['sends headers, then stalls in the body', stallsInTheBody],
  ])('gives up within its timeout on a Meilisearch that %s', async (_case, handler) => {
    const client = await serve(handler);
    const started = Date.now();
    await expect(client.multiSearch([{ indexUid: 'products', q: 'dua' }], 300)).rejects.toBeInstanceOf(SearchUnavailableError);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('reads a refused connection as unavailable', async () => {
    const { host, server } = await standIn(() => undefined);
    await new Promise((closed) => server.close(closed));
    await expect(new MeiliSearchClient(host, undefined).multiSearch([{ indexUid: 'products' }], 1000)).rejects.toBeInstanceOf(SearchUnavailableError);
  });
});
