import helmet from 'helmet';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SECURITY_HEADER_OPTIONS, securityHeaders } from './security-headers';

/** Headers Node sets on any response, not helmet. */
const TRANSPORT = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

describe('securityHeaders', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    // helmet's own middleware, run per request on a real response, as @fastify/helmet did.
    const middleware = helmet(SECURITY_HEADER_OPTIONS);
    server = createServer((req, res) => middleware(req, res, () => res.end('ok')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('are exactly the headers helmet sets on a real response', async () => {
    const res = await fetch(url);
    const fromMiddleware = Object.fromEntries([...res.headers].filter(([name]) => !TRANSPORT.has(name) && name !== 'content-type'));
    expect(securityHeaders()).toEqual(fromMiddleware);
    expect(Object.keys(fromMiddleware).length).toBeGreaterThan(8);
    expect(securityHeaders()['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('refuses options whose CSP is computed per request', () => {
    const nonce = () => `'nonce-abc'`;
    expect(() => securityHeaders({ contentSecurityPolicy: { directives: { scriptSrc: [`'self'`, nonce] } } })).toThrow(/per request/);
  });
});
