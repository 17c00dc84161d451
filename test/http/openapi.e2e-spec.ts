import { createTestApp, type TestApp } from '../harness/test-app';

interface Operation {
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
}

/**
 * Guards every route, present and future: each OpenAPI operation documents a success response with
 * a schema — JSON, or string/binary for files — (or is a 204). Fails with the list of offending routes.
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
      // Files (CSV, PDF, images) document their media type with a string/binary schema instead of JSON.
      const documented = success.some(
        ([status, res]) => status === '204' || Object.values(res.content ?? {}).some((media) => Boolean(media.schema)),
      );
      if (!documented) problems.push(`${route}: 2xx response without a JSON schema (give the decorator a { type: Dto })`);
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

  it('the guard names the offending route', () => {
    const doc = {
      paths: {
        '/api/v1/things': { get: { responses: { '200': { description: 'ok' } } } },
        '/api/v1/things/{id}': { delete: { responses: { '204': { description: 'gone' } } } },
        '/api/v1/other': { post: { responses: { '400': { description: 'bad' } } } },
      },
    };
    expect(operationsWithoutSuccessSchema(doc)).toEqual([
      'GET /api/v1/things: 2xx response without a JSON schema (give the decorator a { type: Dto })',
      'POST /api/v1/other: no 2xx response (add @ApiOkResponse/@ApiCreatedResponse({ type }) or @ApiNoContentResponse)',
    ]);
  });
});
