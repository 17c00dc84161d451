import { loginAdmin } from '../harness/auth';
import { createTestApp, type TestApp } from '../harness/test-app';

interface Operation {
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
}

/**
 * Guards every route, present and future: each OpenAPI operation documents a success response with
 * a schema for its media type (or is a 204). Fails with the list of offending routes.
 */
function operationsWithoutSuccessSchema(doc: { paths: Record<string, Record<string, Operation>> }): string[] {
  const problems: string[] = [];
  const methods = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!methods.includes(method)) continue;
      const route = `${method.toUpperCase()} ${path}`;
      const success = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
      if (!success.length) {
        problems.push(`${route}: no 2xx response (add @ApiOkResponse/@ApiCreatedResponse({ type }) or @ApiNoContentResponse)`);
        continue;
      }
      // Non-JSON downloads (CSV exports: @ApiProduces('text/csv') with a string schema) document their own media type.
      const documented = success.some(
        // JSON routes name a DTO; feeds, CSV, PDF and images document their media type's schema.
        ([status, res]) => status === '204' || Object.values(res.content ?? {}).some((c) => Boolean(c.schema)),
      );
      if (!documented) problems.push(`${route}: 2xx response without a schema (give the decorator a { type: Dto }, or @ApiProduces + schema)`);
    }
  }
  return problems;
}

describe('OpenAPI documentation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('serves the Swagger UI at /docs', async () => {
    const res = await t.http.get('/docs').redirects(1).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toMatch(/swagger-ui/i);
  });

  it('serves an OpenAPI document at /docs-json where every operation has a success response schema', async () => {
    const res = await t.http.get('/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const operations = Object.values(res.body.paths as Record<string, object>).flatMap((item) => Object.keys(item));
    expect(operations.length).toBeGreaterThan(5);
    expect(res.body.paths['/health/ready']).toBeDefined();
    const problems = operationsWithoutSuccessSchema(res.body);
    if (problems.length) throw new Error(`Operations without a documented success response:\n  ${problems.join('\n  ')}`);
  });

  it("two libs' DTOs of one class name would share one schema: the seller's reason and the enterprise review's each document their own", async () => {
    const doc = (await t.http.get('/docs-json').expect(200)).body;
    const bodyOf = (path: string) => {
      const ref: string = doc.paths[path].post.requestBody.content['application/json'].schema.$ref;
      return doc.components.schemas[ref.split('/').pop()!];
    };
    expect(bodyOf('/api/v1/admin/enterprises/{id}/reject').properties.reason.example).toContain('Mã số thuế');
    expect(bodyOf('/api/v1/enterprises/{id}/sub-orders/{code}/cancel').properties.reason).toMatchObject({
      maxLength: 1000,
      example: expect.stringContaining('Hết hàng'),
    });
  });

  it('the guard names the offending route', () => {
    const doc = {
      paths: {
        '/api/v1/things': { get: { responses: { '200': { description: 'ok' } } } },
        '/api/v1/things/{id}': { delete: { responses: { '204': { description: 'gone' } } } },
        '/api/v1/other': { post: { responses: { '400': { description: 'bad' } } } },
        '/api/v1/things.csv': { get: { responses: { '200': { description: 'csv', content: { 'text/csv': { schema: { type: 'string' } } } } } } },
      },
    };
    expect(operationsWithoutSuccessSchema(doc)).toEqual([
      'GET /api/v1/things: 2xx response without a schema (give the decorator a { type: Dto }, or @ApiProduces + schema)',
      'POST /api/v1/other: no 2xx response (add @ApiOkResponse/@ApiCreatedResponse({ type }) or @ApiNoContentResponse)',
    ]);
  });
});

interface FuzzOperation {
  method: string;
  path: string;
  query: string[];
  hasBody: boolean;
}

function fuzzOperations(doc: {
  paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }>; requestBody?: unknown }>>;
}): FuzzOperation[] {
  const ops: FuzzOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      ops.push({ method, path, query, hasBody: method !== 'get' && method !== 'delete' });
    }
  }
  return ops;
}

/** Path with every `{param}` replaced by `value` (already percent-encoded). */
function fill(path: string, value: string): string {
  return path.replace(/\{[^}]+\}/g, value);
}

/**
 * Bad input over every route in /docs-json (issue 12 §2): NUL and invalid UTF-8 in the path, the
 * query and the body, deeply nested JSON and an invalid header. No answer may be a 5xx, and the
 * edge names the field it refused.
 */
describe('bad input over every OpenAPI route', () => {
  let t: TestApp;
  let ops: FuzzOperation[];
  let admin: { Authorization: string };
  const VALID_ID = '00000000-0000-4000-8000-000000000000';

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    admin = (await loginAdmin(t)).auth;
    ops = fuzzOperations((await t.http.get('/docs-json').expect(200)).body);
  });
  afterAll(() => t.close());

  async function send(method: string, url: string, body?: string | Buffer, headers: Record<string, string> = {}) {
    let req = (t.http as unknown as Record<string, (u: string) => import('supertest').Test>)[method](url).set(admin);
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    if (Buffer.isBuffer(body))
      req = req
        .set('content-type', 'application/json')
        .serialize((b: Buffer) => b as unknown as string)
        .send(body);
    else if (body !== undefined) req = req.set('content-type', 'application/json').send(body);
    return req;
  }

  function expectRefused(res: { status: number; body: { details?: Array<{ field: string }> } }, field: string | RegExp, route: string) {
    if (res.status !== 400) throw new Error(`${route}: expected 400, got ${res.status} ${JSON.stringify(res.body)}`);
    const got = res.body.details?.[0]?.field ?? '';
    if (!(typeof field === 'string' ? got === field : field.test(got)))
      throw new Error(`${route}: expected field ${String(field)}, got ${JSON.stringify(res.body)}`);
  }

  it('refuses NUL and invalid UTF-8 in path parameters with 400 naming the path', async () => {
    const withParams = ops.filter((o) => o.path.includes('{'));
    expect(withParams.length).toBeGreaterThan(20);
    for (const op of withParams) {
      for (const bad of ['%00', 'x%FFy', '%C3']) {
        const res = await send(op.method, fill(op.path, bad));
        expectRefused(res, 'path', `${op.method.toUpperCase()} ${op.path} with ${bad}`);
      }
    }
  });

  it('refuses NUL and invalid UTF-8 in every query parameter with 400 naming it', async () => {
    for (const op of ops) {
      for (const name of [...op.query, 'q']) {
        for (const bad of ['%00', 'a%FF', 'a%01b']) {
          const res = await send(op.method, `${fill(op.path, VALID_ID)}?${name}=${bad}`);
          expectRefused(res, `query.${name}`, `${op.method.toUpperCase()} ${op.path}?${name}=${bad}`);
        }
      }
    }
  });

  it('refuses NUL, lone surrogates, invalid UTF-8 and deep nesting in JSON bodies, never a 5xx', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const deepObject = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    for (const op of ops.filter((o) => o.hasBody)) {
      const route = `${op.method.toUpperCase()} ${op.path}`;
      const url = fill(op.path, VALID_ID);
      const nul = await send(op.method, url, JSON.stringify({ name: 'a\u0000b', email: 'x@example.vn', items: [{ note: '\u0000' }] }));
      if (nul.status !== 415) expectRefused(nul, /^body\./, `${route} NUL`);
      const surrogate = await send(op.method, url, '{"name":"\\ud800"}');
      if (surrogate.status !== 415) expectRefused(surrogate, 'body.name', `${route} lone surrogate`);
      const bytes = await send(op.method, url, Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]));
      if (bytes.status !== 415) expectRefused(bytes, 'body', `${route} invalid UTF-8`);
      for (const nested of [deep, deepObject]) {
        const res = await send(op.method, url, nested);
        if (res.status !== 415) expectRefused(res, 'body', `${route} nested JSON`);
      }
    }
  });

  it('refuses a header value that is not UTF-8 on every route', async () => {
    for (const op of ops) {
      const res = await send(op.method, fill(op.path, VALID_ID), undefined, { 'x-note': Buffer.from([0x61, 0xff]).toString('latin1') });
      expectRefused(res, 'headers.x-note', `${op.method.toUpperCase()} ${op.path}`);
    }
  });

  it('GET /api/v1/enterprises?q=%00 is a 400 envelope, not a 500 (issue 12 §2 repro)', async () => {
    const res = await t.http.get('/api/v1/enterprises?q=%00').expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: [{ field: 'query.q' }] });
  });
});
