import { createUser } from '../harness/auth';
import { createVerifiedEnterprise, XA_CAU_KE, XA_HUNG_HOA, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { countRows, createDraft, VALID_GTIN } from './catalog-helpers';

const VI_HEADER = 'Tên sản phẩm,Mã SKU,Giá (VND),Đơn vị,Tồn kho,Danh mục,Mã GTIN,Mã xã/phường xuất xứ,Mô tả,Chứng nhận';

function csv(lines: string[], bom = false): Buffer {
  return Buffer.from(`${bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`, 'utf8');
}

describe('catalog: CSV product import', () => {
  let t: TestApp;
  let ent: FixtureEnterprise;

  beforeAll(async () => {
    t = await createTestApp();
    ent = await createVerifiedEnterprise(t);
  });
  afterAll(() => t.close());

  const upload = (file: Buffer, query = '', auth = ent.owner.auth, enterpriseId = ent.id) =>
    t.http.post(`/api/v1/enterprises/${enterpriseId}/products/import${query}`).set(auth).attach('file', file, 'san-pham.csv');

  it('imports a valid file with Vietnamese headers, BOM and "120.000" prices as drafts', async () => {
    const file = csv(
      [
        VI_HEADER,
        `Bưởi da xanh,BDX-01,120.000,kg,100,trai-cay,${VALID_GTIN},${XA_CAU_KE},<p>Ngọt<script>x</script></p>,VietGAP; hữu cơ`,
        `"Mật ong hoa dừa, loại 1",MO-02,"85,000",Chai,20,Mật ong,,${XA_HUNG_HOA},,khác: Halal`,
        `Gạo ST25,GAO-03,35000,túi,0,gao,,${XA_CAU_KE},,`,
      ],
      true,
    );
    const res = await upload(file).expect(201);
    expect(res.body).toMatchObject({ dryRun: false, totalRows: 3, validRows: 3, invalidRows: 0, created: 3 });
    expect(res.body.rows.map((r: { row: number; status: string; sku: string }) => [r.row, r.status, r.sku])).toEqual([
      [2, 'ok', 'BDX-01'],
      [3, 'ok', 'MO-02'],
      [4, 'ok', 'GAO-03'],
    ]);
    const list = await t.http.get(`/api/v1/enterprises/${ent.id}/products?pageSize=100`).set(ent.owner.auth).expect(200);
    const bySku = Object.fromEntries(list.body.items.map((p: { sku: string }) => [p.sku, p]));
    expect(bySku['BDX-01']).toMatchObject({
      status: 'draft',
      priceVnd: 120000,
      unit: 'kg',
      gtin: VALID_GTIN,
      description: '<p>Ngọt</p>',
      certifications: [{ type: 'vietgap' }, { type: 'organic' }],
    });
    expect(bySku['MO-02']).toMatchObject({
      name: 'Mật ong hoa dừa, loại 1',
      priceVnd: 85000,
      unit: 'chai',
      certifications: [{ type: 'other', name: 'Halal' }],
    });
    expect(bySku['GAO-03']).toMatchObject({ stockQuantity: 0, unit: 'túi' });
  });

  it('dry run: reports every row and writes nothing', async () => {
    const before = await countRows(t, 'products');
    const file = csv([
      'name,sku,priceVnd,unit,stockQuantity,categorySlug,originCommuneCode',
      `Dưa lưới,DL-1,60000,kg,5,trai-cay,${XA_CAU_KE}`,
      `Dừa sáp,DS-1,0,kg,5,trai-cay,${XA_CAU_KE}`,
    ]);
    const res = await upload(file, '?dryRun=true').expect(200);
    expect(res.body).toMatchObject({ dryRun: true, totalRows: 2, validRows: 1, invalidRows: 1, created: 0 });
    expect(res.body.rows[1]).toMatchObject({ row: 3, status: 'error', sku: 'DS-1', errors: [{ field: 'priceVnd' }] });
    const ok = await upload(
      csv(['name,sku,priceVnd,unit,stockQuantity,categorySlug,originCommuneCode', `Dưa lưới,DL-1,60000,kg,5,trai-cay,${XA_CAU_KE}`]),
      '?dryRun=true',
    ).expect(200);
    expect(ok.body).toMatchObject({ dryRun: true, validRows: 1, created: 0 });
    expect(await countRows(t, 'products')).toBe(before);
  });

  it('refuses a file with any invalid row (400 with the full report) and writes nothing', async () => {
    await createDraft(t, ent.owner, ent.id, { sku: 'DA-CO' });
    const before = await countRows(t, 'products');
    const file = csv([
      VI_HEADER,
      `Sản phẩm tốt,OK-1,50000,kg,1,trai-cay,,${XA_CAU_KE},,`,
      `GTIN sai,BAD-1,50000,kg,1,trai-cay,8934588063054,${XA_CAU_KE},,`,
      `Xã lạ,BAD-2,50000,kg,1,trai-cay,,99999,,`,
      `Đơn vị lạ,BAD-3,50000,bao,1,danh-muc-khong-co,,${XA_CAU_KE},,`,
      `Trùng trong tệp,OK-1,12.5,kg,1,trai-cay,,${XA_CAU_KE},,`,
      `Trùng trong CSDL,DA-CO,50000,kg,1,trai-cay,,${XA_CAU_KE},,chứng nhận lạ`,
    ]);
    const res = await upload(file).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'IMPORT_INVALID', dryRun: false, totalRows: 6, validRows: 1, invalidRows: 5, created: 0 });
    const errorFields = (row: number) =>
      res.body.rows
        .find((r: { row: number }) => r.row === row)
        .errors.map((e: { field: string }) => e.field)
        .sort();
    expect(res.body.rows[0]).toMatchObject({ row: 2, status: 'ok', errors: [] });
    expect(errorFields(3)).toEqual(['gtin']);
    expect(errorFields(4)).toEqual(['originCommuneCode']);
    expect(errorFields(5)).toEqual(['categoryId', 'unit']);
    expect(errorFields(6)).toEqual(['priceVnd', 'sku']);
    expect(errorFields(7)).toEqual(['certifications.0.type', 'sku']);
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'rows[3].gtin' })]));
    expect(await countRows(t, 'products')).toBe(before);
  });

  it('accepts a text/csv body and semicolon-separated files', async () => {
    const body = ['Tên sản phẩm;Mã SKU;Giá (VND);Đơn vị;Tồn kho;Danh mục;Mã xã/phường xuất xứ', `Khô cá lóc;KCL-1;250.000;kg;10;kho-hai-san;${XA_CAU_KE}`].join(
      '\n',
    );
    const res = await t.http.post(`/api/v1/enterprises/${ent.id}/products/import`).set(ent.owner.auth).set('Content-Type', 'text/csv').send(body).expect(201);
    expect(res.body).toMatchObject({ created: 1 });
  });

  it('refuses unusable files and other enterprises', async () => {
    await upload(csv(['name,sku', 'x,y'])).expect(400);
    await upload(csv(['name,sku,priceVnd,unit,categorySlug,originCommuneCode'])).expect(400);
    await upload(Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x00, 0x42])).expect(400);
    const stranger = await createVerifiedEnterprise(t);
    const file = csv(['name,sku,priceVnd,unit,categorySlug,originCommuneCode', `Dưa,D-1,1000,kg,trai-cay,${XA_CAU_KE}`]);
    await upload(file, '', stranger.owner.auth).expect(403);
    await upload(file, '', (await createUser(t, 'buyer')).auth).expect(403);
    await upload(file, '?dryRun=maybe').expect(400);
    await t.http.post(`/api/v1/enterprises/${ent.id}/products/import`).set(ent.owner.auth).send({ rows: [] }).expect(400);
    const tooMany = csv([
      'name,sku,priceVnd,unit,categorySlug,originCommuneCode',
      ...Array.from({ length: 5001 }, (_, i) => `SP ${i},S-${i},1000,kg,trai-cay,${XA_CAU_KE}`),
    ]);
    const res = await upload(tooMany, '?dryRun=true').expect(400);
    expect(res.body.details[0]).toMatchObject({ field: 'file', message: expect.stringMatching(/5000/) });
  });
});
