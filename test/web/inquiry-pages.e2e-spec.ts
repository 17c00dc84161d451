import { createUser, type TestUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise, type FixtureProduct } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { cookieHeader, cookiesOf, openForm, postForm, signIn, type CookieJar } from './web-helpers';

describe('web: inquiry form, business inbox and admin volumes', () => {
  let t: TestApp;
  let enterprise: FixtureEnterprise;
  let product: FixtureProduct;
  const page = () => `/san-pham/${product.slug}/hoi-mua`;
  const inquiries = async (phone: string) => t.dataSource.query(`SELECT * FROM inquiries WHERE buyer_phone = $1`, [phone]);

  /** Opens the form as a browser would, waits past the minimum fill time and posts it. */
  async function sendForm(fields: Record<string, string>, opts: { wait?: boolean; jar?: CookieJar } = {}) {
    const form = await openForm(t, page(), opts.jar ?? {});
    const formToken = /name="formToken" value="([^"]+)"/.exec(form.html)![1];
    if (opts.wait !== false) t.clock.advance(10_000);
    const res = await t.http
      .post(page())
      .type('form')
      .set('Cookie', cookieHeader(form.jar))
      .send({ _csrf: form.csrf, formToken, website: '', ...fields });
    return { res, form };
  }

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    enterprise = await createVerifiedEnterprise(t, { displayName: 'HTX Dừa sáp Cầu Kè' });
    product = await createProduct(t, enterprise.id, { name: 'Dừa sáp Cầu Kè', unit: 'trái' });
  });
  afterAll(() => t.close());

  it('shows an accessible form with CSRF, form token and a hidden honeypot to anonymous visitors', async () => {
    const res = await t.http.get(page()).expect(200);
    expect(res.headers['cache-control']).toContain('no-store');
    expect(res.text).toContain('<h1>Hỏi mua</h1>');
    expect(res.text).toContain('Dừa sáp Cầu Kè');
    expect(res.text).toMatch(/<label for="f-buyerPhone">/);
    expect(res.text).toMatch(/<label for="f-message">/);
    expect(res.text).toMatch(/name="_csrf" value="[^"]+"/);
    expect(res.text).toMatch(/class="inq-hp" aria-hidden="true">.*name="website".*tabindex="-1"/s);
    const en = await t.http.get(`${page()}?lang=en`).expect(200);
    expect(en.text).toContain('Send an inquiry');
  });

  it('sends an anonymous inquiry through the form and shows the thank-you page', async () => {
    const { res, form } = await sendForm({
      quantity: '20',
      message: 'Cho mình giá sỉ <script>alert(1)</script>',
      buyerName: 'Ngô Văn Hải',
      buyerPhone: '0911 222 333',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(new RegExp(`^/san-pham/${product.slug}/hoi-mua/da-gui\\?ref=[0-9a-f-]{36}$`));
    const thanks = await t.http.get(res.headers.location).set('Cookie', cookieHeader(form.jar)).expect(200);
    expect(thanks.text).toContain('Đã gửi câu hỏi');
    const [row] = await inquiries('0911222333');
    expect(row).toMatchObject({ buyer_name: 'Ngô Văn Hải', quantity: 20, enterprise_id: enterprise.id, status: 'new' });
    expect(row.message).toBe('Cho mình giá sỉ <script>alert(1)</script>');
  });

  it('returns the form with field errors (400) and writes nothing for bad input', async () => {
    const { res } = await sendForm({ quantity: '0', message: '<b>x</b>', buyerName: '', buyerPhone: '12345' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('aria-invalid="true"');
    expect(res.text).toContain('Số lượng phải lớn hơn 0');
    expect(res.text).toContain('&lt;b&gt;x&lt;/b&gt;</textarea>');
    expect(res.text).toContain('value="12345"');
    expect(await inquiries('12345')).toHaveLength(0);

    const missing = await sendForm({ quantity: '1', message: 'Hỏi giá' });
    expect(missing.res.status).toBe(400);
    expect(missing.res.text).toContain('Cần số điện thoại');
  });

  it('refuses a form posted too quickly (400, form again) and a post without CSRF (403)', async () => {
    const fast = await sendForm({ quantity: '1', message: 'Nhanh quá', buyerName: 'Máy', buyerPhone: '0911000999' }, { wait: false });
    expect(fast.res.status).toBe(400);
    expect(fast.res.text).toContain('Bạn gửi hơi nhanh');
    expect(await inquiries('0911000999')).toHaveLength(0);
    await t.http.post(page()).type('form').send({ quantity: '1', message: 'x', buyerName: 'A B', buyerPhone: '0911000998' }).expect(403);
  });

  it('answers a 404 page for unknown or unpublished products', async () => {
    const notFound = await t.http.get('/san-pham/khong-co-san-pham-nay/hoi-mua').expect(404);
    expect(notFound.text).toContain('Không tìm thấy trang');
    const draft = await createProduct(t, enterprise.id, { name: 'Dừa nháp', status: 'draft' });
    await t.http.get(`/san-pham/${draft.slug}/hoi-mua`).expect(404);
  });

  describe('back office', () => {
    let owner: CookieJar;
    let otherUser: TestUser;
    let other: CookieJar;
    let inquiryId: string;

    beforeAll(async () => {
      owner = await signIn(t, enterprise.owner.email, enterprise.owner.password);
      otherUser = await createUser(t, 'business');
      await createVerifiedEnterprise(t, { owner: otherUser });
      other = await signIn(t, otherUser.email, otherUser.password);
      [{ id: inquiryId }] = await inquiries('0911222333');
    });

    it('shows the inquiry with call and Zalo links to the owner only, escaped', async () => {
      const home = await t.http.get('/quan-ly').set('Cookie', cookieHeader(owner)).expect(200);
      expect(home.text).toContain('href="/quan-ly/hoi-mua"');
      const inbox = await t.http.get('/quan-ly/hoi-mua').set('Cookie', cookieHeader(owner)).expect(200);
      Object.assign(owner, cookiesOf(inbox));
      expect(inbox.headers['cache-control']).toContain('no-store');
      expect(inbox.text).toContain('Ngô Văn Hải');
      expect(inbox.text).toContain('href="tel:0911222333"');
      expect(inbox.text).toContain('href="https://zalo.me/0911222333"');
      expect(inbox.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(inbox.text).not.toContain('<script>alert(1)');

      const theirs = await t.http.get('/quan-ly/hoi-mua').set('Cookie', cookieHeader(other)).expect(200);
      Object.assign(other, cookiesOf(theirs));
      expect(theirs.text).not.toContain('Ngô Văn Hải');
      expect(theirs.text).toContain('Chưa có câu hỏi nào');

      await t.http.get('/quan-ly/hoi-mua').expect(303).expect('location', '/dang-nhap');
    });

    it('lets the owner mark the inquiry answered; another business gets 403 and nothing changes', async () => {
      const denied = await postForm(t, other, `/quan-ly/hoi-mua/${inquiryId}/trang-thai`, { status: 'spam' });
      expect(denied.status).toBe(403);
      expect((await t.dataSource.query(`SELECT status FROM inquiries WHERE id = $1`, [inquiryId]))[0].status).toBe('new');

      const bad = await postForm(t, owner, `/quan-ly/hoi-mua/${inquiryId}/trang-thai`, { status: 'xoa' });
      expect(bad.status).toBe(400);
      const missing = await postForm(t, owner, `/quan-ly/hoi-mua/khong-phai-id/trang-thai`, { status: 'read' });
      expect(missing.status).toBe(404);

      const done = await postForm(t, owner, `/quan-ly/hoi-mua/${inquiryId}/trang-thai`, { status: 'answered' });
      expect(done.status).toBe(303);
      expect(done.headers.location).toBe('/quan-ly/hoi-mua?done=updated');
      expect((await t.dataSource.query(`SELECT status FROM inquiries WHERE id = $1`, [inquiryId]))[0].status).toBe('answered');
      const answered = await t.http.get('/quan-ly/hoi-mua?status=answered').set('Cookie', cookieHeader(owner)).expect(200);
      expect(answered.text).toContain('Ngô Văn Hải');
    });

    it('shows volumes to admins as a chart and tables; businesses get 403', async () => {
      const admin = await signIn(t, t.config.adminEmail!, t.config.adminPassword!);
      const stats = await t.http.get('/quan-ly/hoi-mua/thong-ke').set('Cookie', cookieHeader(admin)).expect(200);
      expect(stats.text).toContain('<svg class="inq-chart"');
      expect(stats.text).toMatch(/<td>HTX Dừa sáp Cầu Kè<\/td><td class="num">1<\/td>/);
      expect(stats.text).toMatch(/<td>Đã trả lời<\/td><td class="num">1<\/td>/);
      const bad = await t.http.get('/quan-ly/hoi-mua/thong-ke?from=2025-13-01').set('Cookie', cookieHeader(admin)).expect(400);
      expect(bad.text).toContain('aria-invalid="true"');
      await t.http.get('/quan-ly/hoi-mua/thong-ke').set('Cookie', cookieHeader(owner)).expect(403);
    });
  });
});
