import { generateSerials } from '@tradefloor/traceability';
import { createTestApp, type TestApp } from '../harness/test-app';
import { XA_CAU_KE } from '../harness/catalog-fixtures';
import { createBatch, issue, ownerWithProduct, serialsOf, type Owner } from './trace-fixtures';

describe('traceability: EPCIS events and owner dashboard', () => {
  let t: TestApp;
  let a: Owner;
  let b: Owner;
  beforeAll(async () => {
    t = await createTestApp({ env: { STAMP_WARN_SCANS: '2', TRUST_PROXY: '1', STAMP_SCAN_RATE_PER_MINUTE: '1000' } });
    t.clock.set(new Date('2025-07-10T03:00:00Z'));
    a = await ownerWithProduct(t);
    b = await ownerWithProduct(t, { gtin: null });
  });
  afterAll(() => t.close());

  it('validates events against the EPCIS 2.0 / CBV vocabulary and writes nothing on bad input', async () => {
    const batch = await createBatch(t, a);
    const post = (body: object) => t.http.post(`/api/v1/batches/${batch.id}/events`).set(a.owner.auth).send(body);
    const cases: Array<[object, string]> = [
      [{ type: 'TransactionEventX', bizStep: 'packing', eventTime: '2025-07-01T08:00:00+07:00' }, 'type'],
      [{ type: 'ObjectEvent', bizStep: 'harvest-party', eventTime: '2025-07-01T08:00:00+07:00' }, 'bizStep'],
      [{ type: 'ObjectEvent', bizStep: 'packing', eventTime: '2025-07-01' }, 'eventTime'],
      [{ type: 'ObjectEvent', bizStep: 'packing', eventTime: 'yesterday' }, 'eventTime'],
      [{ type: 'ObjectEvent', bizStep: 'packing', eventTime: '2026-07-01T08:00:00+07:00' }, 'eventTime'],
      [{ type: 'ObjectEvent', bizStep: 'packing', eventTime: '2025-07-01T08:00:00+07:00', action: 'UPSERT' }, 'action'],
      [{ type: 'TransformationEvent', bizStep: 'repackaging', eventTime: '2025-07-01T08:00:00+07:00', action: 'ADD' }, 'action'],
      [{ type: 'ObjectEvent', bizStep: 'packing', eventTime: '2025-07-01T08:00:00+07:00', photoUrl: 'javascript:alert(1)' }, 'photoUrl'],
      [{ type: 'ObjectEvent', bizStep: 'packing', eventTime: '2025-07-01T08:00:00+07:00', communeCode: '00000' }, 'communeCode'],
      [{ type: 'ObjectEvent', bizStep: 'packing', eventTime: '2025-07-01T08:00:00+07:00', readPoint: 'not a uri' }, 'readPoint'],
    ];
    for (const [body, field] of cases) {
      const res = await post(body).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const n = await t.dataSource.query(`SELECT count(*)::int AS n FROM trace_events WHERE batch_id = $1`, [batch.id]);
    expect(n[0].n).toBe(0);
  });

  it('exports a batch’s events as an EPCIS 2.0 JSON-LD document with the batch LGTIN', async () => {
    const batch = await createBatch(t, a, { lotCode: 'HH/7', quantity: 1500, unit: 'kg' });
    const post = (body: object) => t.http.post(`/api/v1/batches/${batch.id}/events`).set(a.owner.auth).send(body).expect(201);
    const harvest = await post({
      type: 'ObjectEvent',
      bizStep: 'commissioning',
      eventTime: '2025-07-01T06:30:00+07:00',
      place: 'Vườn bưởi ấp Phú Thọ',
      communeCode: XA_CAU_KE,
      actor: 'Tổ sản xuất 2',
    });
    expect(harvest.body).toMatchObject({ action: 'ADD', bizStep: 'commissioning', eventTimeZoneOffset: '+07:00' });
    await post({
      type: 'AggregationEvent',
      bizStep: 'https://ref.gs1.org/cbv/BizStep-packing',
      action: 'ADD',
      eventTime: '2025-07-02T01:00:00Z',
      photoUrl: 'https://example.vn/p.jpg',
    });
    await post({ type: 'TransformationEvent', bizStep: 'repackaging', eventTime: '2025-07-03T08:00:00+07:00', note: 'Đóng hộp quà Tết' });
    await post({ type: 'ObjectEvent', bizStep: 'shipping', eventTime: '2025-07-04T08:00:00+07:00', readPoint: 'https://id.gs1.org/414/8934567000009' });

    const list = await t.http.get(`/api/v1/batches/${batch.id}/events`).set(a.owner.auth).expect(200);
    expect(list.body.items.map((e: { bizStep: string }) => e.bizStep)).toEqual(['commissioning', 'packing', 'repackaging', 'shipping']);
    const res = await t.http.get(`/api/v1/batches/${batch.id}/events.jsonld`).set(a.owner.auth).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
    const doc = JSON.parse(res.text);
    expect(doc['@context'][0]).toBe('https://ref.gs1.org/standards/epcis/epcis-context.jsonld');
    expect(doc).toMatchObject({ type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2025-07-10T03:00:00.000Z' });
    const [e1, e2, e3, e4] = doc.epcisBody.eventList;
    const lgtin = 'https://id.gs1.org/01/08931234567897/10/HH%2F7';
    expect(e1).toMatchObject({
      type: 'ObjectEvent',
      action: 'ADD',
      bizStep: 'commissioning',
      eventTime: '2025-07-01T06:30:00+07:00',
      eventTimeZoneOffset: '+07:00',
      epcList: [],
      quantityList: [{ epcClass: lgtin, quantity: 1500, uom: 'KGM' }],
      'tf:place': 'Vườn bưởi ấp Phú Thọ',
      'tf:actor': 'Tổ sản xuất 2',
    });
    expect(e1.eventID).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(e2).toMatchObject({
      type: 'AggregationEvent',
      action: 'ADD',
      bizStep: 'packing',
      eventTime: '2025-07-02T08:00:00+07:00',
      childQuantityList: [{ epcClass: lgtin }],
      'tf:photo': 'https://example.vn/p.jpg',
    });
    expect(e3).toMatchObject({ type: 'TransformationEvent', bizStep: 'repackaging', outputQuantityList: [{ epcClass: lgtin }] });
    expect(e3.action).toBeUndefined();
    expect(e4).toMatchObject({ action: 'OBSERVE', bizStep: 'shipping', readPoint: { id: 'https://id.gs1.org/414/8934567000009' } });

    const noGtin = await createBatch(t, b, { unit: 'hộp' });
    await t.http
      .post(`/api/v1/batches/${noGtin.id}/events`)
      .set(b.owner.auth)
      .send({ type: 'ObjectEvent', bizStep: 'packing', eventTime: '2025-07-01T08:00:00+07:00' })
      .expect(201);
    const doc2 = (await t.http.get(`/api/v1/batches/${noGtin.id}/events.jsonld`).set(b.owner.auth).expect(200)).text;
    const ev = JSON.parse(doc2).epcisBody.eventList[0];
    expect(ev.quantityList).toEqual([{ epcClass: `urn:uuid:${noGtin.id}`, quantity: 1200 }]);
    expect(ev['tf:unit']).toBe('hộp');
    await t.http.get(`/api/v1/batches/${noGtin.id}/events.jsonld`).set(a.owner.auth).expect(403);
  });

  it('reports scans per batch over time and the enterprise’s anomalies', async () => {
    const batch = await createBatch(t, a, { lotCode: 'DASH-1' });
    await issue(t, a, batch.id, 5);
    const serials = await serialsOf(t, batch.id);
    let n = 0;
    const scan = (path: string) => t.http.get(path).set('x-forwarded-for', `10.${++n}.0.1`).expect(200);
    // Day 1 (10 July, Vietnam time): serial 0 three times (over STAMP_WARN_SCANS=2), serial 1 once.
    for (let i = 0; i < 3; i++) await scan(`/api/v1/stamps/${serials[0]}`);
    await scan(`/t/${serials[1]}`);
    // Day 2: a revoked stamp scanned, and a fake serial under this batch's GTIN and lot.
    t.clock.set(new Date('2025-07-11T02:00:00Z'));
    await t.http
      .post('/api/v1/stamps/revoke')
      .set(a.owner.auth)
      .send({ serials: [serials[2]], reason: 'Thất lạc' })
      .expect(200);
    await scan(`/api/v1/stamps/${serials[2]}`);
    const [fake] = generateSerials(1);
    await scan(`/01/08931234567897/10/DASH-1/21/${fake}`);

    const series = await t.http.get(`/api/v1/batches/${batch.id}/scans?bucket=day&from=2025-07-09&to=2025-07-11`).set(a.owner.auth).expect(200);
    expect(series.body.totals).toEqual({ issued: 5, activated: 0, revoked: 1, scanned: 3, warning: 1 });
    expect(series.body.series).toEqual([
      { start: '2025-07-09T17:00:00.000Z', scans: 4, genuine: 3, warning: 1, revoked: 0, unknown: 0, clients: 4 },
      { start: '2025-07-10T17:00:00.000Z', scans: 2, genuine: 0, warning: 0, revoked: 1, unknown: 1, clients: 2 },
    ]);
    await t.http.get(`/api/v1/batches/${batch.id}/scans?bucket=minute`).set(a.owner.auth).expect(400);
    await t.http.get(`/api/v1/batches/${batch.id}/scans?from=2020-01-01&to=2025-01-01`).set(a.owner.auth).expect(400);
    await t.http.get(`/api/v1/batches/${batch.id}/scans`).set(b.owner.auth).expect(403);

    const anomalies = await t.http.get(`/api/v1/enterprises/${a.enterprise.id}/traceability/anomalies`).set(a.owner.auth).expect(200);
    expect(anomalies.body.warningStamps).toEqual([expect.objectContaining({ serial: serials[0], batchId: batch.id, lotCode: 'DASH-1', scanCount: 3 })]);
    expect(anomalies.body.revokedScans).toEqual([
      expect.objectContaining({ serial: serials[2], lotCode: 'DASH-1', place: expect.stringMatching(/^net:[0-9a-f]{32}$/) }),
    ]);
    expect(anomalies.body.unknownScans).toEqual([expect.objectContaining({ serial: fake, batchId: batch.id })]);
    await t.http.get(`/api/v1/enterprises/${a.enterprise.id}/traceability/anomalies`).set(b.owner.auth).expect(403);
  });

  it('documents every traceability operation with a success response schema', async () => {
    const doc = (await t.http.get('/docs-json').expect(200)).body;
    const ops: string[] = [];
    for (const [path, item] of Object.entries<Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>(doc.paths)) {
      if (!/batches|stamps|traceability/.test(path)) continue;
      for (const [method, op] of Object.entries(item)) {
        const success = Object.entries(op.responses).find(([code]) => code.startsWith('2'));
        const schema = success && Object.values(success[1].content ?? {})[0]?.schema;
        ops.push(`${method.toUpperCase()} ${path}${schema ? '' : ' (no success schema)'}`);
      }
    }
    expect(ops.filter((o) => o.endsWith('(no success schema)'))).toEqual([]);
    expect(ops).toEqual(
      expect.arrayContaining([
        'POST /api/v1/batches',
        'POST /api/v1/batches/{id}/events',
        'POST /api/v1/batches/{id}/stamps',
        'GET /api/v1/batches/{id}/stamps.csv',
        'GET /api/v1/batches/{id}/stamps.pdf',
        'POST /api/v1/stamps/revoke',
        'GET /api/v1/stamps/{serial}',
        'GET /api/v1/stamps/{serial}/qr.png',
      ]),
    );
    expect(doc.paths['/api/v1/batches/{id}/stamps.pdf'].get.responses['200'].content['application/pdf'].schema).toEqual({ type: 'string', format: 'binary' });
    // Public HTML pages (like the storefront's) are not API operations.
    expect(doc.paths['/t/{serial}']).toBeUndefined();
  });
});
