import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { CommuneFileError, loadCommunes, parseCommuneRecords } from '@tradefloor/enterprise-profile';
import { createUser } from '../harness/auth';
import { createTestApp, type TestApp } from '../harness/test-app';
import { enterpriseBody } from './helpers';

const run = promisify(execFile);
const CLI = resolve(__dirname, '../../dist/apps/api/src/cli/load-communes.js');

describe('reference data: provinces, communes, legacy addresses, loading other provinces', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    dir = mkdtempSync(join(tmpdir(), 'tf-communes-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('lists the 34 provinces with their loaded commune counts', async () => {
    const res = await t.http.get('/api/v1/provinces').expect(200);
    expect(res.body).toHaveLength(34);
    expect(res.body.find((p: { code: string }) => p.code === '86')).toMatchObject({ name: expect.stringContaining('Vĩnh Long'), communeCount: 124 });
    expect(res.body.find((p: { code: string }) => p.code === '01').communeCount).toBe(0);
  });

  it('lists the communes of a province, 404 for an unknown or malformed code', async () => {
    const res = await t.http.get('/api/v1/provinces/86/communes').expect(200);
    expect(res.body).toHaveLength(124);
    expect(res.body).toContainEqual({ code: '29242', name: 'Phường Trà Vinh', provinceCode: '86' });
    expect(res.body).toContainEqual({ code: '29516', name: 'Phường Trường Long Hòa', provinceCode: '86' });
    await t.http.get('/api/v1/provinces/00/communes').expect(404);
    await t.http.get('/api/v1/provinces/abc/communes').expect(404);
  });

  it('searches communes without diacritics, paginated', async () => {
    const res = await t.http.get('/api/v1/communes?q=hung%20hoa').expect(200);
    expect(res.body.items.map((c: { code: string }) => c.code)).toContain('29362');
    expect(res.body.items.length).toBeLessThan(5);
    const tone = await t.http.get(`/api/v1/communes?q=${encodeURIComponent('Hùng Hoà')}`).expect(200);
    expect(tone.body.items.map((c: { code: string }) => c.code)).toContain('29362');
    const paged = await t.http.get('/api/v1/communes?province=86&pageSize=10&page=2').expect(200);
    expect(paged.body).toMatchObject({ total: 124, page: 2, pageSize: 10 });
    expect(paged.body.items).toHaveLength(10);
    const none = await t.http.get(`/api/v1/communes?q=${encodeURIComponent('%')}`).expect(200);
    expect(none.body.total).toBe(0);
    await t.http.get('/api/v1/communes?province=8').expect(400);
  });

  it('resolves a pre-2025 commune and district to today’s commune', async () => {
    const res = await t.http
      .get(`/api/v1/communes/resolve-legacy?name=${encodeURIComponent('Tân Hùng')}&district=${encodeURIComponent('Tiểu Cần')}`)
      .expect(200);
    expect(res.body.items).toEqual([
      {
        oldName: 'Xã Tân Hùng',
        oldDistrictName: 'Huyện Tiểu Cần',
        oldProvinceName: 'Tỉnh Trà Vinh',
        commune: { code: '29362', name: 'Xã Hùng Hòa', provinceCode: '86' },
      },
    ]);
    const typed = await t.http.get('/api/v1/communes/resolve-legacy?name=xa%20tan%20hung&district=huyen%20tieu%20can&province=tra%20vinh').expect(200);
    expect(typed.body.items.map((i: { commune: { code: string } }) => i.commune.code)).toEqual(['29362']);
    const wrongDistrict = await t.http
      .get(`/api/v1/communes/resolve-legacy?name=${encodeURIComponent('Tân Hùng')}&district=${encodeURIComponent('Cầu Kè')}`)
      .expect(200);
    expect(wrongDistrict.body.items).toEqual([]);
    await t.http.get('/api/v1/communes/resolve-legacy').expect(400);
  });

  it('parseCommuneRecords refuses malformed files with every problem listed', () => {
    expect(() => parseCommuneRecords({})).toThrow(CommuneFileError);
    let caught: unknown;
    try {
      parseCommuneRecords([
        { code: '1', provinceCode: '01', name: 'X' },
        { code: '00004', provinceCode: 1, name: 'Phường Ba Đình' },
        { code: '00004', provinceCode: '01', name: 'Trùng' },
      ]);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(CommuneFileError);
    expect((caught as CommuneFileError).problems).toEqual([
      '[0] code must be a 5-digit string',
      '[0] name must be 2–100 characters',
      '[1] provinceCode must be a 2-digit string',
      '[2] duplicate code 00004',
    ]);
  });

  it('loadCommunes upserts idempotently, all or nothing, and new communes are accepted at once', async () => {
    const owner = await createUser(t, 'business');
    // A running server was asked about this commune before it was loaded.
    await t.http
      .post('/api/v1/enterprises')
      .set(owner.auth)
      .send(enterpriseBody({ address: { provinceCode: '01', communeCode: '00004' } }))
      .expect(400);

    const records = parseCommuneRecords([
      { code: '00004', provinceCode: '01', name: 'Phường Ba Đình' },
      { code: '00008', provinceCode: '01', name: 'Phường Ngọc Hà' },
    ]);
    const progress: Array<[number, number]> = [];
    const first = await t.dataSource.transaction((m) => loadCommunes(m, records, (d, n) => progress.push([d, n])));
    expect(first).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(progress).toEqual([[2, 2]]);
    const again = await t.dataSource.transaction((m) => loadCommunes(m, records));
    expect(again).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    const renamed = await t.dataSource.transaction((m) => loadCommunes(m, [{ ...records[1], name: 'Phường Ngọc Hà mới' }]));
    expect(renamed).toEqual({ inserted: 0, updated: 1, unchanged: 0 });

    await expect(t.dataSource.transaction((m) => loadCommunes(m, [{ code: '99990', provinceCode: '99', name: 'Không có' }]))).rejects.toThrow(
      /unknown provinceCode 99/,
    );

    const folded = await t.http.get('/api/v1/communes?q=ngoc%20ha').expect(200);
    expect(folded.body.items).toEqual([{ code: '00008', name: 'Phường Ngọc Hà mới', provinceCode: '01' }]);
    await t.http
      .post('/api/v1/enterprises')
      .set(owner.auth)
      .send(enterpriseBody({ address: { provinceCode: '01', communeCode: '00004' } }))
      .expect(201);
  });

  it('the ref:load-communes CLI loads a file with progress, and refuses a bad file without writing', async () => {
    const env = { ...process.env, DATABASE_URL: t.config.databaseUrl, LOG_LEVEL: 'silent', NODE_ENV: 'test' };
    const good = join(dir, 'hcm.json');
    writeFileSync(
      good,
      JSON.stringify([
        { code: '26734', provinceCode: '79', name: 'Phường Sài Gòn' },
        { code: '26737', provinceCode: '79', name: 'Phường Tân Định' },
      ]),
    );
    const ok = await run(process.execPath, [CLI, good], { env });
    expect(ok.stdout).toMatch(/Loading 2 communes/);
    expect(ok.stdout).toMatch(/2\/2 \(100%\)/);
    expect(ok.stdout).toMatch(/2 inserted, 0 updated, 0 unchanged/);
    const twice = await run(process.execPath, [CLI, good], { env });
    expect(twice.stdout).toMatch(/0 inserted, 0 updated, 2 unchanged/);
    const res = await t.http.get('/api/v1/provinces/79/communes').expect(200);
    expect(res.body.map((c: { code: string }) => c.code)).toEqual(['26734', '26737']);

    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify([
        { code: '26740', provinceCode: '79', name: 'Phường Bến Thành' },
        { code: 'x', provinceCode: '79', name: 'Sai' },
      ]),
    );
    await expect(run(process.execPath, [CLI, bad], { env })).rejects.toMatchObject({
      code: 65,
      stderr: expect.stringContaining('[1] code must be a 5-digit string'),
    });
    await expect(run(process.execPath, [CLI], { env })).rejects.toMatchObject({ code: 64 });
    const after = await t.dataSource.query(`SELECT count(*)::int AS n FROM communes WHERE province_code = '79'`);
    expect(after[0].n).toBe(2);
  });
});
