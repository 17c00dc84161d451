import { createUser, type TestUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { cookieHeader, openForm, postForm, signIn, type CookieJar } from './web-helpers';

/** Today is 10 July 2025 in Vietnam for the whole suite (certificate dates are calendar dates). */
const NOW = new Date('2025-07-10T03:00:00Z');

const certificate = (overrides: Record<string, string> = {}) => ({
  stars: '4',
  score: '78,5',
  decisionNumber: '1234/QĐ-UBND',
  issuingBody: 'UBND tỉnh Vĩnh Long',
  decisionDate: '2025-07-01',
  ...overrides,
});

describe('web: OCOP certificates in the back office', () => {
  let t: TestApp;
  let editorUser: TestUser;
  let editor: CookieJar;
  const certificates = async (productId: string) =>
    (await t.dataSource.query(`SELECT id, status, stars, revocation_reason FROM ocop_certificates WHERE product_id = $1 ORDER BY created_at`, [
      productId,
    ])) as Array<{
      id: string;
      status: string;
      stars: number;
      revocation_reason: string | null;
    }>;
  const page = async (jar: CookieJar, path: string, status = 200) => (await t.http.get(path).set('Cookie', cookieHeader(jar)).expect(status)).text;
  /** The rows of the first table of a page, as text cells. */
  const rows = (html: string) =>
    [...(/<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '').matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) =>
      [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1].replace(/<[^>]+>/g, '').trim()),
    );

  /** Visible text of some markup, whitespace collapsed. */
  const text = (markup: string) =>
    markup
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  /** The search result card of a product, if listed. */
  const card = (html: string, slug: string) =>
    html
      .split('<li class="card">')
      .find((c) => c.includes(`href="/san-pham/${slug}"`))
      ?.split('</li>')[0];

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(NOW);
    editorUser = await createUser(t, 'editor');
    editor = await signIn(t, editorUser.email, editorUser.password);
  });
  afterAll(() => t.close());

  it('finds any product by name without diacritics, by enterprise or by SKU, a page at a time', async () => {
    const hungHoa = await createVerifiedEnterprise(t, { displayName: 'HTX Bưởi Da Xanh Hùng Hòa' });
    const other = await createVerifiedEnterprise(t, { displayName: 'Cơ sở Mật ong Út Hiền' });
    await createProduct(t, hungHoa.id, { name: 'Bưởi da xanh loại 1', sku: 'BDX-001' });
    await createProduct(t, hungHoa.id, { name: 'Bưởi da xanh sấy dẻo', status: 'draft' });
    await createProduct(t, other.id, { name: 'Mật ong rừng tràm', sku: 'MO-77' });

    const byName = rows(await page(editor, '/quan-ly/ocop?q=buoi+da+xanh'));
    expect(byName.map((r) => r[0]).sort()).toEqual(['Bưởi da xanh loại 1', 'Bưởi da xanh sấy dẻo']);
    expect(byName.find((r) => r[0] === 'Bưởi da xanh sấy dẻo')?.[3]).toContain('Nháp');
    expect(rows(await page(editor, '/quan-ly/ocop?q=hung+hoa')).map((r) => r[1])).toEqual(['HTX Bưởi Da Xanh Hùng Hòa', 'HTX Bưởi Da Xanh Hùng Hòa']);
    expect(rows(await page(editor, '/quan-ly/ocop?q=mo-77'))).toEqual([['Mật ong rừng tràm', 'Cơ sở Mật ong Út Hiền', 'MO-77', 'Đang bán', 'Chưa có']]);
    expect(await page(editor, '/quan-ly/ocop?q=khong+co+san+pham+nay')).toContain('Không tìm thấy sản phẩm nào.');

    for (let i = 1; i <= 22; i++) await createProduct(t, other.id, { name: `Kẹo dừa sáp số ${String(i).padStart(2, '0')}` });
    const first = await page(editor, '/quan-ly/ocop?q=keo+dua');
    expect(rows(first)).toHaveLength(20);
    expect(first).toContain('Kết quả: 22');
    expect(first).toContain('href="/quan-ly/ocop?q=keo+dua&amp;page=2"');
    const second = rows(await page(editor, '/quan-ly/ocop?q=keo+dua&page=2'));
    expect(second.map((r) => r[0])).toEqual(['Kẹo dừa sáp số 21', 'Kẹo dừa sáp số 22']);
  });

  it('adds a certificate that the product page and search show after the jobs ran, revokes it with a reason, and keeps the history', async () => {
    const e = await createVerifiedEnterprise(t, { displayName: 'HTX Dừa sáp Cầu Kè' });
    const p = await createProduct(t, e.id, { name: 'Dừa sáp Cầu Kè chính gốc' });
    await t.drainJobs();
    const panel = `/quan-ly/ocop/${p.id}`;
    expect(await page(editor, panel)).toContain('Sản phẩm chưa có chứng nhận OCOP còn hiệu lực.');

    await openForm(t, panel, editor);
    const added = await postForm(t, editor, `${panel}/chung-nhan`, certificate());
    expect(added.status).toBe(303);
    expect(added.headers.location).toBe(`${panel}?done=added`);
    const [cert] = await certificates(p.id);
    expect(cert).toMatchObject({ status: 'valid', stars: 4 });

    const shown = await page(editor, added.headers.location);
    expect(shown).toContain('Đã thêm chứng nhận OCOP.');
    const current = /<section aria-labelledby="ocop-current">([\s\S]*?)<\/section>/.exec(shown)![1];
    expect(current).toContain('4 sao OCOP');
    expect(current).toContain('<dd>78,5</dd>');
    expect(current).toContain('Số quyết định: 1234/QĐ-UBND');
    expect(current).toContain('<dd>UBND tỉnh Vĩnh Long</dd>');
    expect(current).toContain('<dd>01/07/2025</dd>');
    expect(current).toContain('<dd>01/07/2028</dd>'); // 36 months of validity

    await t.drainJobs();
    const badge = /<div class="ocop">[\s\S]*?<\/dl><\/div>/.exec((await t.http.get(`/san-pham/${p.slug}`).expect(200)).text);
    expect(badge?.[0]).toContain('4 sao OCOP');
    expect(badge?.[0]).toContain('1234/QĐ-UBND'); // the decision that makes the claim checkable
    expect(badge?.[0]).toContain('UBND tỉnh Vĩnh Long');
    const search = (await t.http.get('/tim-kiem?q=dua+sap+cau+ke&ocopMin=4').expect(200)).text;
    expect(card(search, p.slug)).toContain('4 sao OCOP');

    // A reason is required: the form comes back with the error and nothing changes.
    const empty = await postForm(t, editor, `${panel}/chung-nhan/${cert.id}/thu-hoi`, { reason: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain(`id="reason-${cert.id}"`);
    expect(empty.text).toContain('aria-invalid="true"');
    expect((await certificates(p.id))[0].status).toBe('valid');

    const revoked = await postForm(t, editor, `${panel}/chung-nhan/${cert.id}/thu-hoi`, { reason: 'Không còn đạt tiêu chuẩn chất lượng' });
    expect(revoked.status).toBe(303);
    expect(revoked.headers.location).toBe(`${panel}?done=revoked`);
    expect(await certificates(p.id)).toEqual([expect.objectContaining({ status: 'revoked', revocation_reason: 'Không còn đạt tiêu chuẩn chất lượng' })]);

    await t.drainJobs();
    expect((await t.http.get(`/san-pham/${p.slug}`).expect(200)).text).not.toContain('<div class="ocop">');
    expect(card((await t.http.get('/tim-kiem?q=dua+sap+cau+ke&ocopMin=4').expect(200)).text, p.slug)).toBeUndefined();
    expect(card((await t.http.get('/tim-kiem?q=dua+sap+cau+ke').expect(200)).text, p.slug)).not.toContain('sao OCOP');

    // A later re-recognition adds to the history; the revoked certificate stays listed with its reason.
    await postForm(t, editor, `${panel}/chung-nhan`, certificate({ stars: '3', score: '65', decisionNumber: '88/QĐ-UBND', decisionDate: '2025-07-09' })).then(
      (r) => expect(r.status).toBe(303),
    );
    const after = await page(editor, panel);
    const history = [...after.matchAll(/<li class="item" id="c-[^"]+">([\s\S]*?)<\/li>/g)].map((m) => text(m[1]));
    expect(history).toHaveLength(2);
    expect(history[0]).toMatch(/^Số quyết định 88\/QĐ-UBND Còn hiệu lực .*Điểm đánh giá 65 /);
    expect(history[1]).toMatch(/^Số quyết định 1234\/QĐ-UBND Đã thu hồi .*Điểm đánh giá 78,5 .*Không còn đạt tiêu chuẩn chất lượng/);
    // Only the valid one can still be revoked; revoking the revoked one again is refused.
    expect(after).not.toContain(`${panel}/chung-nhan/${cert.id}/thu-hoi`);
    const again = await postForm(t, editor, `${panel}/chung-nhan/${cert.id}/thu-hoi`, { reason: 'Lần nữa cho chắc' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('role="alert"');
  });

  it('re-renders the form with every field error for an inconsistent certificate, keeps what was typed, and writes nothing', async () => {
    const e = await createVerifiedEnterprise(t);
    const p = await createProduct(t, e.id, { name: 'Mắm tép Trà Cú' });
    const panel = `/quan-ly/ocop/${p.id}`;
    await openForm(t, panel, editor);

    const bad = await postForm(t, editor, `${panel}/chung-nhan`, certificate({ stars: '5', score: '85', decisionNumber: '', decisionDate: '2025-07-11' }));
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Chứng nhận chưa được lưu');
    for (const name of ['score', 'decisionNumber', 'decisionDate']) expect(bad.text).toMatch(new RegExp(`id="f-${name}"[^>]*aria-invalid="true"`));
    expect(bad.text).toContain('Điểm 85 không khớp hạng 5 sao');
    expect(bad.text).toContain('Ngày quyết định không được ở tương lai');
    expect(bad.text).toMatch(/id="f-score" name="score" type="text" value="85"/);
    expect(bad.text).toMatch(/<option value="5" selected>/);

    const potential = await postForm(t, editor, `${panel}/chung-nhan`, certificate({ stars: '3', score: '95', potentialFiveStar: 'true' }));
    expect(potential.status).toBe(400);
    expect(potential.text).toMatch(/id="f-potentialFiveStar"[^>]*checked[^>]*aria-invalid="true"/);
    expect(potential.text).toContain('Tiềm năng 5 sao chỉ áp dụng cho sản phẩm 4 sao');

    const notANumber = await postForm(t, editor, `${panel}/chung-nhan`, certificate({ score: 'tám mươi', stars: '' }));
    expect(notANumber.status).toBe(400);
    expect(notANumber.text).toContain('Hạng sao phải là 3, 4 hoặc 5');
    expect(notANumber.text).toContain('Điểm là số');

    expect(await certificates(p.id)).toEqual([]);
  });

  it('lists the certificates ending within 90 days, soonest first', async () => {
    const e = await createVerifiedEnterprise(t, { displayName: 'HTX Thanh long Chợ Gạo' });
    const soon = await createProduct(t, e.id, { name: 'Thanh long ruột đỏ hết hạn sớm' });
    const later = await createProduct(t, e.id, { name: 'Thanh long ruột trắng hết hạn sau' });
    const far = await createProduct(t, e.id, { name: 'Thanh long còn lâu mới hết hạn' });
    const add = (productId: string, decisionDate: string) =>
      t.http
        .post(`/api/v1/products/${productId}/ocop-certificates`)
        .set(editorUser.auth)
        .send({ stars: 3, score: 60, decisionNumber: `QĐ-${decisionDate}`, issuingBody: 'UBND tỉnh Vĩnh Long', decisionDate })
        .expect(201);
    await add(later.id, '2022-09-08'); // valid until 08/09/2025, in 60 days
    await add(soon.id, '2022-08-09'); // valid until 09/08/2025, in 30 days
    await add(far.id, '2022-11-20'); // valid until 20/11/2025, beyond 90 days

    const list = await page(editor, '/quan-ly/ocop/sap-het-han');
    expect(list).toContain('10/07/2025 – 08/10/2025');
    const names = rows(list).map((r) => [r[0], r[1]]);
    expect(names).toEqual([
      ['09/08/2025', 'Thanh long ruột đỏ hết hạn sớm'],
      ['08/09/2025', 'Thanh long ruột trắng hết hạn sau'],
    ]);
    expect(list).toContain(`href="/quan-ly/ocop/${soon.id}"`);
    expect(await page(editor, '/quan-ly/ocop')).toMatch(/Chứng nhận hết hạn trong 90 ngày tới<\/a>: <strong>2<\/strong>/);

    const api = await t.http.get('/api/v1/admin/ocop-certificates/expiring?days=45').set(editorUser.auth).expect(200);
    expect(api.body).toMatchObject({ total: 1, from: '2025-07-10', to: '2025-08-24' });
    expect(api.body.items[0]).toMatchObject({ productId: soon.id, validUntil: '2025-08-09' });
  });

  it('is for editors and admins only: a business user gets 403 pages and cannot add a certificate', async () => {
    const seller = await createVerifiedEnterprise(t);
    const p = await createProduct(t, seller.id, { name: 'Bánh tét lá cẩm' });
    const business = await signIn(t, seller.owner.email, seller.owner.password);
    for (const path of ['/quan-ly/ocop', '/quan-ly/ocop/sap-het-han', `/quan-ly/ocop/${p.id}`]) {
      expect(await page(business, path, 403)).toContain('Không có quyền truy cập');
    }
    await openForm(t, '/quan-ly', business);
    expect((await postForm(t, business, `/quan-ly/ocop/${p.id}/chung-nhan`, certificate())).status).toBe(403);
    expect(await certificates(p.id)).toEqual([]);
    await t.http.get('/api/v1/admin/ocop-certificates/expiring').set(seller.owner.auth).expect(403);

    const admin = await signIn(t, t.config.adminEmail!, t.config.adminPassword!);
    await page(admin, `/quan-ly/ocop/${p.id}`);
    expect(await page(editor, '/quan-ly')).toContain('href="/quan-ly/ocop"');
    expect(await page(business, '/quan-ly')).not.toContain('href="/quan-ly/ocop"');
    await t.http.get('/quan-ly/ocop').expect(303).expect('location', '/dang-nhap');
  });

  it('answers an unknown product, a malformed id and another product’s certificate with 404 pages', async () => {
    const e = await createVerifiedEnterprise(t);
    const a = await createProduct(t, e.id, { name: 'Chuối sấy dẻo' });
    const b = await createProduct(t, e.id, { name: 'Chuối sấy giòn' });
    await openForm(t, `/quan-ly/ocop/${a.id}`, editor);
    await postForm(t, editor, `/quan-ly/ocop/${a.id}/chung-nhan`, certificate()).then((r) => expect(r.status).toBe(303));
    const [cert] = await certificates(a.id);

    await page(editor, '/quan-ly/ocop/5d1c1c61-4f61-4a55-9d8e-2b8f0a1e7c11', 404);
    await page(editor, '/quan-ly/ocop/khong-phai-id', 404);
    expect((await postForm(t, editor, '/quan-ly/ocop/khong-phai-id/chung-nhan', certificate())).status).toBe(404);
    const wrong = await postForm(t, editor, `/quan-ly/ocop/${b.id}/chung-nhan/${cert.id}/thu-hoi`, { reason: 'Sai sản phẩm' });
    expect(wrong.status).toBe(404);
    expect((await certificates(a.id))[0].status).toBe('valid');
  });
});
