import sharp from 'sharp';
import { createUser, type TestUser } from '../harness/auth';
import { categoryId, XA_CAU_KE } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { cookieHeader, openForm, postForm, signIn, type CookieJar } from './web-helpers';

const ENTERPRISE_FORM = {
  kind: 'household',
  legalName: 'Hộ kinh doanh Nguyễn Văn Sáu',
  displayName: 'Bưởi Bà Sáu Cầu Kè',
  personalId: '084190001234',
  phone: '0912345678',
  email: 'ba.sau@example.vn',
  'address.provinceCode': '86',
  'address.communeCode': XA_CAU_KE,
  'address.street': 'Ấp Ô Mịch',
  description: 'Vườn bưởi 20 năm.\n\nGiao hàng tận nơi.',
};

async function jpeg(): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 40, g: 160, b: 60 } } })
    .jpeg()
    .toBuffer();
}

/** A multipart form post from a signed-in page (CSRF field first, as the page's form sends it). */
function postMultipart(
  t: TestApp,
  jar: CookieJar,
  path: string,
  fields: Record<string, string>,
  file?: { name: string; data: Buffer; filename: string; type: string },
) {
  let req = t.http.post(path).set('Cookie', cookieHeader(jar));
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  if (file) req = req.attach(file.name, file.data, { filename: file.filename, contentType: file.type });
  return req;
}

describe('web: the sellers’ back office (enterprises, products, photos, CSV import)', () => {
  let t: TestApp;
  let seller: TestUser;
  let other: TestUser;
  let jar: CookieJar;
  let otherJar: CookieJar;
  let enterpriseId: string;
  let productId: string;
  let category: string;

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    seller = await createUser(t, 'business');
    other = await createUser(t, 'business');
    jar = await signIn(t, seller.email, seller.password);
    otherJar = await signIn(t, other.email, other.password);
    category = await categoryId(t, 'trai-cay');
  });
  afterAll(() => t.close());

  it('sends strangers to sign in and shows other roles a 403 page', async () => {
    await t.http.get('/quan-ly/doanh-nghiep').expect(303).expect('location', '/dang-nhap');
    const buyer = await createUser(t, 'buyer');
    const buyerJar = await signIn(t, buyer.email, buyer.password);
    const res = await t.http.get('/quan-ly/san-pham').set('Cookie', cookieHeader(buyerJar)).expect(403);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('tài khoản người bán');
  });

  it('lists the seller tiles on the back office landing page', async () => {
    const res = await t.http.get('/quan-ly').set('Cookie', cookieHeader(jar)).expect(200);
    expect(res.text).toContain('href="/quan-ly/doanh-nghiep"');
    expect(res.text).toContain('href="/quan-ly/san-pham"');
  });

  it('shows field errors for a bad enterprise form with 400 and writes nothing', async () => {
    const form = await openForm(t, '/quan-ly/doanh-nghiep/moi', jar);
    expect(form.html).toMatch(/<option value="86" selected>/);
    expect(form.html).toContain(`value="${XA_CAU_KE}"`);
    const res = await postForm(t, jar, '/quan-ly/doanh-nghiep/moi', {
      ...ENTERPRISE_FORM,
      displayName: 'Bưởi <Cầu Kè>',
      phone: '123',
      legalName: 'X',
      'address.communeCode': '1',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('id="f-phone" name="phone" type="tel" value="123"');
    expect(res.text).toMatch(/id="f-address\.communeCode-error"/);
    expect(res.text).toContain('aria-invalid="true"');
    expect(res.text).toContain('value="Bưởi &lt;Cầu Kè&gt;"');
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM enterprises WHERE owner_id = $1`, [seller.id]);
    expect(n).toBe(0);
  });

  it('creates an enterprise through the form, shows it as a draft and submits it for verification', async () => {
    const res = await postForm(t, jar, '/quan-ly/doanh-nghiep/moi', ENTERPRISE_FORM);
    expect(res.status).toBe(303);
    const [row] = await t.dataSource.query(`SELECT id, status, description, personal_id FROM enterprises WHERE owner_id = $1`, [seller.id]);
    enterpriseId = row.id;
    expect(res.headers.location).toBe(`/quan-ly/doanh-nghiep/${enterpriseId}`);
    expect(row.status).toBe('draft');
    expect(row.personal_id).toBe('084190001234');
    expect(row.description).toBe('<p>Vườn bưởi 20 năm.</p><p>Giao hàng tận nơi.</p>');

    const detail = await t.http.get(`/quan-ly/doanh-nghiep/${enterpriseId}`).set('Cookie', cookieHeader(jar)).expect(200);
    expect(detail.headers['cache-control']).toContain('no-store');
    expect(detail.text).toContain('Nháp — chưa gửi');
    expect(detail.text).toContain('Gửi xác minh');

    await postForm(t, jar, `/quan-ly/doanh-nghiep/${enterpriseId}/gui-xac-minh`, {}).then((r) => expect(r.status).toBe(303));
    const [after] = await t.dataSource.query(`SELECT status FROM enterprises WHERE id = $1`, [enterpriseId]);
    expect(after.status).toBe('pending_verification');
    const list = await t.http.get('/quan-ly/doanh-nghiep').set('Cookie', cookieHeader(jar)).expect(200);
    expect(list.text).toContain('Đang chờ xác minh');
  });

  it('shows the rejection reason and lets the owner edit and add staff', async () => {
    await t.dataSource.query(`UPDATE enterprises SET status = 'rejected', rejection_reason = 'Thiếu <ảnh> giấy phép' WHERE id = $1`, [enterpriseId]);
    const detail = await t.http.get(`/quan-ly/doanh-nghiep/${enterpriseId}`).set('Cookie', cookieHeader(jar)).expect(200);
    expect(detail.text).toContain('Bị từ chối vì: Thiếu &lt;ảnh&gt; giấy phép');

    const edit = await openForm(t, `/quan-ly/doanh-nghiep/${enterpriseId}/sua`, jar);
    expect(edit.html).toContain('Vườn bưởi 20 năm.\n\nGiao hàng tận nơi.');
    const saved = await postForm(t, jar, `/quan-ly/doanh-nghiep/${enterpriseId}/sua`, { ...ENTERPRISE_FORM, displayName: 'Bưởi Bà Sáu', email: '' });
    expect(saved.status).toBe(303);
    const [row] = await t.dataSource.query(`SELECT display_name, email FROM enterprises WHERE id = $1`, [enterpriseId]);
    expect(row).toEqual({ display_name: 'Bưởi Bà Sáu', email: null });

    const unknown = await postForm(t, jar, `/quan-ly/doanh-nghiep/${enterpriseId}/nhan-vien`, { email: 'khong-co@example.vn' });
    expect(unknown.status).toBe(400);
    const added = await postForm(t, jar, `/quan-ly/doanh-nghiep/${enterpriseId}/nhan-vien`, { email: other.email });
    expect(added.status).toBe(303);
    const staffView = await t.http.get(`/quan-ly/doanh-nghiep/${enterpriseId}`).set('Cookie', cookieHeader(otherJar)).expect(200);
    expect(staffView.text).toContain('nhân viên');
    await t.dataSource.query(`DELETE FROM enterprise_members WHERE enterprise_id = $1 AND user_id = $2`, [enterpriseId, other.id]);
  });

  it('refuses a product form with bad input (400, field errors, nothing written)', async () => {
    await openForm(t, `/quan-ly/san-pham/moi?dn=${enterpriseId}`, jar);
    const res = await postForm(t, jar, '/quan-ly/san-pham/moi', {
      enterpriseId,
      name: 'B',
      categoryId: category,
      priceVnd: 'mười nghìn',
      unit: 'kg',
      sku: 'BUOI 01',
      originCommuneCode: XA_CAU_KE,
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('id="f-priceVnd-error"');
    expect(res.text).toContain('id="f-sku-error"');
    expect(res.text).toContain('value="mười nghìn"');
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM products WHERE enterprise_id = $1`, [enterpriseId]);
    expect(n).toBe(0);
  });

  it('creates a product, uploads a photo, deletes nothing by mistake and submits it for review', async () => {
    const form = await openForm(t, `/quan-ly/san-pham/moi?dn=${enterpriseId}`, jar);
    expect(form.html).toContain('name="certifications" value="vietgap"');
    const res = await postForm(t, jar, '/quan-ly/san-pham/moi', {
      enterpriseId,
      name: 'Bưởi da xanh Cầu Kè',
      categoryId: category,
      priceVnd: '120.000',
      unit: 'kg',
      stockQuantity: '50',
      sku: 'BUOI-01',
      originCommuneCode: XA_CAU_KE,
      certifications: 'vietgap',
      description: 'Bưởi ngọt, múi to.',
    });
    expect(res.status).toBe(303);
    const [row] = await t.dataSource.query(`SELECT id, price_vnd, certifications, status FROM products WHERE enterprise_id = $1`, [enterpriseId]);
    productId = row.id;
    expect(Number(row.price_vnd)).toBe(120000);
    expect(row.certifications).toEqual([{ type: 'vietgap' }]);

    const noFile = await postMultipart(t, jar, `/quan-ly/san-pham/${productId}/anh`, { _csrf: jar.tf_csrf });
    expect(noFile.status).toBe(400);
    expect(noFile.text).toContain('Bạn chưa chọn ảnh');

    const upload = await postMultipart(
      t,
      jar,
      `/quan-ly/san-pham/${productId}/anh`,
      { _csrf: jar.tf_csrf },
      { name: 'file', data: await jpeg(), filename: 'buoi.jpg', type: 'image/jpeg' },
    );
    expect(upload.status).toBe(303);
    const detail = await t.http.get(`/quan-ly/san-pham/${productId}`).set('Cookie', cookieHeader(jar)).expect(200);
    expect(detail.text).toMatch(/<img src="[^"]+" alt="Ảnh 1: Bưởi da xanh Cầu Kè"/);
    expect(detail.text).toContain('accept="image/jpeg,image/png,image/webp"');
    expect(detail.text).toContain('120.000');
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM product_images WHERE product_id = $1`, [productId]);
    expect(n).toBe(1);

    expect((await postForm(t, jar, `/quan-ly/san-pham/${productId}/gui-duyet`, {})).status).toBe(303);
    const [after] = await t.dataSource.query(`SELECT status FROM products WHERE id = $1`, [productId]);
    expect(after.status).toBe('pending_review');
    const list = await t.http.get(`/quan-ly/san-pham?dn=${enterpriseId}`).set('Cookie', cookieHeader(jar)).expect(200);
    expect(list.text).toContain('Đang chờ duyệt');
    // Submitting twice is a state error shown as a page, not a crash.
    expect((await postForm(t, jar, `/quan-ly/san-pham/${productId}/gui-duyet`, {})).status).toBe(409);
    expect((await postForm(t, jar, `/quan-ly/san-pham/${productId}/lam-bay`, {})).status).toBe(404);
  });

  it('keeps another seller out of the first seller’s pages and posts', async () => {
    await openForm(t, '/quan-ly/doanh-nghiep/moi', otherJar);
    const get = (path: string) => t.http.get(path).set('Cookie', cookieHeader(otherJar));
    expect((await get(`/quan-ly/doanh-nghiep/${enterpriseId}`)).status).toBe(403);
    expect((await get(`/quan-ly/doanh-nghiep/${enterpriseId}/sua`)).status).toBe(403);
    expect((await get(`/quan-ly/san-pham?dn=${enterpriseId}`)).status).toBe(403);
    expect((await get(`/quan-ly/san-pham/${productId}`)).status).toBe(403);
    expect((await get(`/quan-ly/san-pham/moi?dn=${enterpriseId}`)).status).toBe(403);
    expect((await get('/quan-ly/san-pham/khong-phai-uuid')).status).toBe(404);
    expect((await get('/quan-ly/doanh-nghiep/00000000-0000-4000-8000-000000000000')).status).toBe(404);

    const posts = await Promise.all([
      postForm(t, otherJar, `/quan-ly/doanh-nghiep/${enterpriseId}/sua`, { ...ENTERPRISE_FORM, displayName: 'Chiếm quyền' }),
      postForm(t, otherJar, `/quan-ly/doanh-nghiep/${enterpriseId}/gui-xac-minh`, {}),
      postForm(t, otherJar, `/quan-ly/doanh-nghiep/${enterpriseId}/nhan-vien`, { email: other.email }),
      postForm(t, otherJar, '/quan-ly/san-pham/moi', {
        enterpriseId,
        name: 'Hàng giả',
        categoryId: category,
        priceVnd: '1000',
        unit: 'kg',
        sku: 'X-1',
        originCommuneCode: XA_CAU_KE,
      }),
      postForm(t, otherJar, `/quan-ly/san-pham/${productId}/sua`, {
        name: 'Đổi tên',
        categoryId: category,
        priceVnd: '1',
        unit: 'kg',
        sku: 'BUOI-01',
        originCommuneCode: XA_CAU_KE,
      }),
      postForm(t, otherJar, `/quan-ly/san-pham/${productId}/ngung-ban`, {}),
    ]);
    expect(posts.map((p) => p.status)).toEqual([403, 403, 403, 403, 403, 403]);
    const upload = await postMultipart(
      t,
      otherJar,
      `/quan-ly/san-pham/${productId}/anh`,
      { _csrf: otherJar.tf_csrf },
      { name: 'file', data: await jpeg(), filename: 'x.jpg', type: 'image/jpeg' },
    );
    expect(upload.status).toBe(403);
    const [e] = await t.dataSource.query(`SELECT display_name FROM enterprises WHERE id = $1`, [enterpriseId]);
    expect(e.display_name).toBe('Bưởi Bà Sáu');
    const [p] = await t.dataSource.query(
      `SELECT name, (SELECT count(*)::int FROM product_images WHERE product_id = $1) AS images FROM products WHERE id = $1`,
      [productId],
    );
    expect(p).toEqual({ name: 'Bưởi da xanh Cầu Kè', images: 1 });
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM products WHERE sku = 'X-1'`);
    expect(n).toBe(0);
  });

  it('refuses form posts without the CSRF token (403)', async () => {
    const bare = (path: string, body: Record<string, string>) => t.http.post(path).type('form').set('Cookie', cookieHeader(jar)).send(body);
    expect((await bare('/quan-ly/doanh-nghiep/moi', ENTERPRISE_FORM)).status).toBe(403);
    expect((await bare(`/quan-ly/san-pham/${productId}/ngung-ban`, {})).status).toBe(403);
    const upload = await postMultipart(
      t,
      jar,
      `/quan-ly/san-pham/${productId}/anh`,
      {},
      { name: 'file', data: await jpeg(), filename: 'a.jpg', type: 'image/jpeg' },
    );
    expect(upload.status).toBe(403);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM enterprises WHERE owner_id = $1`, [seller.id]);
    expect(n).toBe(1);
  });

  it('shows the per-row report of a CSV dry run and writes nothing', async () => {
    const page = await openForm(t, `/quan-ly/san-pham/nhap-csv?dn=${enterpriseId}`, jar);
    expect(page.html).toContain('name="dryRun"');
    const csv = Buffer.from(
      [
        'name,sku,priceVnd,unit,stockQuantity,categorySlug,originCommuneCode',
        `Dưa lưới,DL-1,60000,kg,5,trai-cay,${XA_CAU_KE}`,
        `Dừa sáp,DS-1,0,kg,5,trai-cay,${XA_CAU_KE}`,
      ].join('\n'),
    );
    const res = await postMultipart(
      t,
      jar,
      '/quan-ly/san-pham/nhap-csv',
      { _csrf: jar.tf_csrf, enterpriseId, dryRun: '1' },
      { name: 'file', data: csv, filename: 'sp.csv', type: 'text/csv' },
    );
    expect(res.status).toBe(200);
    expect(res.text).toContain('<caption>Kết quả kiểm tra từng dòng</caption>');
    expect(res.text).toMatch(/<th scope="row">2<\/th><td>DL-1<\/td>\s*<td><span class="badge badge-ok">Hợp lệ/);
    expect(res.text).toMatch(/<th scope="row">3<\/th><td>DS-1<\/td>[\s\S]*?<code>priceVnd<\/code>/);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM products WHERE enterprise_id = $1`, [enterpriseId]);
    expect(n).toBe(1);

    const missing = await postMultipart(t, jar, '/quan-ly/san-pham/nhap-csv', { _csrf: jar.tf_csrf, enterpriseId, dryRun: '1' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('Bạn chưa chọn tệp CSV');

    const foreign = await postMultipart(
      t,
      otherJar,
      '/quan-ly/san-pham/nhap-csv',
      { _csrf: otherJar.tf_csrf, enterpriseId },
      { name: 'file', data: csv, filename: 'sp.csv', type: 'text/csv' },
    );
    expect(foreign.status).toBe(403);
  });
});
