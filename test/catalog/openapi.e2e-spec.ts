import { createTestApp, type TestApp } from '../harness/test-app';

const CATALOG_PATHS =
  /^\/(api\/v1\/(products|categories|ocop|admin\/products|admin\/categories|admin\/ocop-certificates)|api\/v1\/enterprises\/\{id\}\/products)/;

describe('catalog: OpenAPI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('documents a success response with a schema for every catalog operation', async () => {
    const doc = (await t.http.get('/docs-json').expect(200)).body;
    const ops: string[] = [];
    const missing: string[] = [];
    for (const [path, methods] of Object.entries<Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>(
      doc.paths,
    )) {
      if (!CATALOG_PATHS.test(path)) continue;
      for (const [method, op] of Object.entries(methods)) {
        ops.push(`${method} ${path}`);
        const ok = Object.entries(op.responses).some(
          ([code, r]) => code === '204' || (/^2\d\d$/.test(code) && Object.values(r.content ?? {}).some((c) => c.schema)),
        );
        if (!ok) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(ops.length).toBeGreaterThanOrEqual(20);
    expect(missing).toEqual([]);
    expect(doc.paths['/media/*']).toBeUndefined();
  });
});
