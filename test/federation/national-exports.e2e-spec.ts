import { createUser, type TestUser } from '../harness/auth';
import { createTestApp, type TestApp } from '../harness/test-app';
import { createBatch, issue, ownerWithProduct, serialsOf, type Owner } from '../traceability/trace-fixtures';

jest.setTimeout(120_000);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON-LD read by path in assertions

const csvLines = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');

/** Exports for national systems (issue 16): the traceability portal's EPCIS 2.0 and the Ministry's statistics report. */
describe('national exports (issue 16)', () => {
  let t: TestApp;
  let admin: TestUser;
  let o: Owner;
  let withGtin: { id: string; lotCode: string; gtin14: string | null };
  let withoutGtin: { id: string; lotCode: string; gtin14: string | null };
  const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_BASE_URL: 'https://san.example' } });
    admin = await createUser(t, 'admin');
    o = await ownerWithProduct(t);
    withGtin = await createBatch(t, o, { lotCode: 'HH-2025/07', expiresAt: '2025-09-30' });
    await t.http
      .post(`/api/v1/batches/${withGtin.id}/events`)
      .set(o.owner.auth)
      .send({ type: 'ObjectEvent', action: 'OBSERVE', bizStep: 'inspecting', eventTime: '2025-07-01T08:00:00+07:00', place: 'Vườn ông Tư' })
      .expect(201);
    await t.http
      .post(`/api/v1/batches/${withGtin.id}/events`)
      .set(o.owner.auth)
      .send({
        type: 'ObjectEvent',
        action: 'OBSERVE',
        bizStep: 'packing',
        eventTime: '2025-07-02T09:30:00+07:00',
        readPoint: 'https://id.gs1.org/414/8931234000018',
      })
      .expect(201);
    await issue(t, o, withGtin.id, 3);
    const [first] = await serialsOf(t, withGtin.id);
    await t.http
      .post('/api/v1/stamps/revoke')
      .set(o.owner.auth)
      .send({ serials: [first], reason: 'Tem hỏng khi in' })
      .expect(200);
    const noGtin = await ownerWithProduct(t, { name: 'Mật ong rừng U Minh', gtin: null });
    withoutGtin = await createBatch(t, noGtin, { lotCode: 'MO-01' });
    await issue(t, noGtin, withoutGtin.id, 2);
  });
  afterAll(() => t?.close());

  it('lots, events and stamp codes as an EPCIS 2.0 JSON-LD document with GS1 identifiers', async () => {
    const res = await t.http.get('/api/v1/admin/exports/epcis').query({ from: today(), to: today() }).set(admin.auth).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
    const doc: Json = res.body;
    // The EPCIS 2.0 document's required structure.
    expect(doc['@context']).toEqual(expect.arrayContaining(['https://ref.gs1.org/standards/epcis/epcis-context.jsonld']));
    expect(doc).toMatchObject({ type: 'EPCISDocument', schemaVersion: '2.0' });
    expect(new Date(doc.creationDate).toISOString()).toBe(doc.creationDate);
    const events: Json[] = doc.epcisBody.eventList;
    expect(events.length).toBeGreaterThanOrEqual(5);
    for (const e of events) {
      expect(['ObjectEvent', 'AggregationEvent', 'TransformationEvent', 'TransactionEvent', 'AssociationEvent']).toContain(e.type);
      expect(e.eventTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/);
      expect(e.eventTimeZoneOffset).toMatch(/^[+-]\d{2}:\d{2}$/);
      expect(e.eventTime.endsWith(e.eventTimeZoneOffset)).toBe(true);
      expect(typeof e.bizStep).toBe('string');
      expect(e.readPoint).toEqual({ id: expect.stringMatching(/^(https:\/\/|urn:)/) });
      if (e.type === 'ObjectEvent') {
        expect(['ADD', 'OBSERVE', 'DELETE']).toContain(e.action);
        expect(Array.isArray(e.epcList) || Array.isArray(e.quantityList)).toBe(true);
        expect((e.epcList ?? []).length + (e.quantityList ?? []).length).toBeGreaterThan(0);
      }
    }
    const lgtin = 'https://id.gs1.org/01/08931234567897/10/HH-2025%2F07';
    const ofLot = events.filter((e) => e['tf:lotId'] === `urn:uuid:${withGtin.id}`);
    const harvest = ofLot.find((e) => e.bizStep === 'inspecting')!;
    expect(harvest).toMatchObject({
      action: 'OBSERVE',
      eventTime: '2025-07-01T08:00:00+07:00',
      quantityList: [{ epcClass: lgtin, quantity: 1200, uom: 'KGM' }],
    });
    expect(harvest.readPoint.id).toMatch(/^https:\/\/san\.example\/ns\/trace\/commune\/\d{5}$/);
    expect(ofLot.find((e) => e.bizStep === 'packing')!.readPoint).toEqual({ id: 'https://id.gs1.org/414/8931234000018' });
    // Stamps: SGTIN Digital Link URIs (AI 01 + 21), commissioned with the lot's master data; the revoked one decommissioned.
    const serials = await serialsOf(t, withGtin.id);
    const commissioning = ofLot.find((e) => e.bizStep === 'commissioning')!;
    expect(commissioning).toMatchObject({
      action: 'ADD',
      disposition: 'active',
      epcList: serials.map((s) => `https://id.gs1.org/01/08931234567897/21/${s}`),
      ilmd: { 'cbvmda:lotNumber': 'HH-2025/07', 'cbvmda:productionDate': '2025-07-01', 'cbvmda:itemExpirationDate': '2025-09-30' },
    });
    expect(ofLot.find((e) => e.bizStep === 'decommissioning')).toMatchObject({
      action: 'DELETE',
      disposition: 'inactive',
      epcList: [`https://id.gs1.org/01/08931234567897/21/${serials[0]}`],
    });
    // Without a GTIN: the floor's stamp URLs, the lot as urn:uuid.
    const noGtin = events.find((e) => e['tf:lotId'] === `urn:uuid:${withoutGtin.id}` && e.bizStep === 'commissioning')!;
    expect(noGtin.epcList).toEqual((await serialsOf(t, withoutGtin.id)).map((s) => `https://san.example/t/${s}`));
    expect(noGtin.quantityList).toEqual([{ epcClass: `urn:uuid:${withoutGtin.id}`, quantity: 1200, uom: 'KGM' }]);

    // A period without lots: an empty, valid document.
    const empty = await t.http.get('/api/v1/admin/exports/epcis').query({ from: '2020-01-01', to: '2020-01-31' }).set(admin.auth).expect(200);
    expect(empty.body).toMatchObject({ type: 'EPCISDocument', schemaVersion: '2.0', epcisBody: { eventList: [] } });
  });

  it('the EPCIS export is for admins only and validates its period', async () => {
    await t.http.get('/api/v1/admin/exports/epcis').expect(401);
    await t.http.get('/api/v1/admin/exports/epcis').set(o.owner.auth).expect(403);
    const editor = await createUser(t, 'editor');
    await t.http.get('/api/v1/admin/exports/epcis').set(editor.auth).expect(403);
    const bad = await t.http.get('/api/v1/admin/exports/epcis').query({ from: '2025-13-45', to: 'soon' }).set(admin.auth).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['from', 'to']);
    expect((await t.http.get('/api/v1/admin/exports/epcis').query({ to: '2025-02-30' }).set(admin.auth).expect(400)).body.details).toEqual([
      expect.objectContaining({ field: 'to' }),
    ]);
    const reversed = await t.http.get('/api/v1/admin/exports/epcis').query({ from: '2025-08-01', to: '2025-07-01' }).set(admin.auth).expect(400);
    expect(reversed.body.details).toEqual([expect.objectContaining({ field: 'from' })]);
  });

  it("the Ministry's periodic statistics report: CSV for a period, admins only", async () => {
    await t.http.get(`/t/${(await serialsOf(t, withGtin.id))[1]}`).expect(200);
    await t.drainJobs();
    await t.http.get('/api/v1/admin/exports/statistics.csv').set(o.owner.auth).expect(403);
    const editor = await createUser(t, 'editor');
    await t.http.get('/api/v1/admin/exports/statistics.csv').set(editor.auth).expect(403);
    const res = await t.http.get('/api/v1/admin/exports/statistics.csv').query({ from: today(), to: today() }).set(admin.auth).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="bao-cao-thong-ke-${today()}-${today()}.csv"`);
    expect(res.text.startsWith('\uFEFF')).toBe(true);
    const lines = csvLines(res.text);
    expect(lines[0]).toBe('ma_chi_tieu,chi_tieu,pham_vi,gia_tri');
    const figure = (code: string, scope = 'tinh') =>
      lines
        .find((l) => l.startsWith(`${code},`) && l.split(',').at(-2) === scope)
        ?.split(',')
        .at(-1);
    expect(figure('period.from')).toBe(today());
    expect(figure('enterprises.verified')).toBe('2');
    expect(figure('products.published')).toBe('2');
    expect(figure('activity.stampScans')).toBe('1');
    expect(lines.some((l) => l.startsWith('communes.publishedProducts,'))).toBe(true);
    // The default period is the previous month; a bad or reversed period is a 400 with the field.
    expect((await t.http.get('/api/v1/admin/exports/statistics.csv').set(admin.auth).expect(200)).headers['content-disposition']).toMatch(
      /bao-cao-thong-ke-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.csv/,
    );
    const bad = await t.http.get('/api/v1/admin/exports/statistics.csv').query({ from: '2025-02-30', to: '2025-03-31' }).set(admin.auth).expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'from' })]);
    expect((await t.http.get('/api/v1/admin/exports/statistics.csv').query({ to: 'tomorrow' }).set(admin.auth).expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    await t.http.get('/api/v1/admin/exports/statistics.csv').query({ from: '2024-01-01', to: '2025-12-31' }).set(admin.auth).expect(400);
  });
});
