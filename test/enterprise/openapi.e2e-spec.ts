import { createTestApp, type TestApp } from '../harness/test-app';

const ROUTES: Array<[string, string]> = [
  ['post', '/api/v1/enterprises'],
  ['get', '/api/v1/enterprises'],
  ['get', '/api/v1/enterprises/{slug}'],
  ['get', '/api/v1/enterprises/by-id/{id}'],
  ['patch', '/api/v1/enterprises/{id}'],
  ['post', '/api/v1/enterprises/{id}/submit'],
  ['get', '/api/v1/enterprises/{id}/members'],
  ['post', '/api/v1/enterprises/{id}/members'],
  ['delete', '/api/v1/enterprises/{id}/members/{userId}'],
  ['get', '/api/v1/me/enterprises'],
  ['get', '/api/v1/admin/enterprises'],
  ['post', '/api/v1/admin/enterprises/{id}/verify'],
  ['post', '/api/v1/admin/enterprises/{id}/reject'],
  ['post', '/api/v1/admin/enterprises/{id}/suspend'],
  ['post', '/api/v1/admin/enterprises/{id}/reinstate'],
  ['get', '/api/v1/provinces'],
  ['get', '/api/v1/provinces/{code}/communes'],
  ['get', '/api/v1/communes'],
  ['get', '/api/v1/communes/resolve-legacy'],
];

describe('enterprise-profile OpenAPI document', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> };
  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    doc = (await t.http.get('/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  it.each(ROUTES)('%s %s is documented with a success response schema', (method, path) => {
    const op = doc.paths[path]?.[method];
    expect(op).toBeDefined();
    const [status, success] = Object.entries(op.responses).find(([code]) => /^2/.test(code)) ?? [];
    expect(status).toBeDefined();
    if (status === '204') return;
    expect(success?.content?.['application/json']?.schema).toBeDefined();
  });

  it('every operation of the whole API has a success response (with a schema unless 204)', () => {
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const success = Object.entries(op.responses ?? {}).find(([code]) => /^2/.test(code));
        if (!success || (success[0] !== '204' && !success[1].content?.['application/json']?.schema)) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('documents the enterprise schemas with their properties', () => {
    const schemas = (doc as unknown as { components: { schemas: Record<string, { properties?: Record<string, unknown> }> } }).components.schemas;
    expect(Object.keys(schemas.CreateEnterpriseDto.properties ?? {})).toEqual(expect.arrayContaining(['kind', 'legalName', 'displayName', 'taxCode', 'phone', 'email', 'address', 'description']));
    expect(Object.keys(schemas.PublicEnterpriseProfileDto.properties ?? {})).toEqual(expect.arrayContaining(['slug', 'products', 'address']));
    expect(schemas.PublicEnterpriseProfileDto.properties).not.toHaveProperty('personalId');
  });
});
