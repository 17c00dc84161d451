import sharp from 'sharp';
import { FakeSmtpServer, readMail } from '../harness/fake-smtp-server';
import { createUser, loginAdmin, type TestUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise, type FixtureProduct } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { addToCart, as, countRows, guestCheckout, sellerEntry, type Shopper } from '../orders/order-helpers';
import { cookieHeader, openForm, signIn } from '../web/web-helpers';

const fieldsOf = (body: { details?: Array<{ field: string }> }) => [...new Set((body.details ?? []).map((d) => d.field))];
const DAY = 86_400_000;

/** Issue 17: guests review through the signed link of the "completed" mail (HTTP API and the /danh-gia page). */
describe('review links: a guest who bought reviews through the signed link of the completed mail', () => {
  let t: TestApp;
  let smtp: FakeSmtpServer;
  let admin: TestUser;
  let coop: FixtureEnterprise;
  let pomelo: FixtureProduct;
  let orange: FixtureProduct;

  const step = (code: string, action: string) =>
    t.http.post(`/api/v1/enterprises/${coop.id}/sub-orders/${code}/${action}`).set(coop.owner.auth).send({}).expect(200);

  /** A guest (or a signed-in buyer) orders the products at coop; the sub-order goes as far as `until`. */
  async function order(productIds: string[], until = ['confirm', 'pack', 'ship', 'deliver', 'complete'], buyer?: TestUser): Promise<string> {
    const me: Shopper = buyer ? { auth: buyer.auth } : {};
    for (const id of productIds) await addToCart(t, me, id, 1);
    const body = buyer
      ? { buyerPhone: '0987654321', subOrders: [sellerEntry(coop.id)] }
      : guestCheckout([coop.id], { buyerName: 'Lê Thị Hoa', buyerEmail: 'hoa.le@example.vn' });
    const placed = await as(t, me).post('/api/v1/checkout', body).expect(201);
    const code: string = placed.body.subOrders[0].code;
    for (const action of until) await step(code, action);
    await t.drainJobs();
    return code;
  }

  /** The review link of the sub-order's "completed" mail. */
  function linkOf(code: string): string {
    const mail = smtp.messages.map(readMail).find((m) => m.subject.includes(code) && m.subject.startsWith('Đơn hàng đã hoàn tất'));
    const link = /https?:\/\/\S+\/danh-gia\/([A-Za-z0-9_.-]+)/.exec(mail?.text ?? '');
    if (!link) throw new Error(`no review link in the completed mail of ${code}`);
    return link[1];
  }

  const reviewsOf = async (code: string): Promise<number> =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM reviews WHERE sub_order_code = $1`, [code]))[0].n;
  const byLink = (token: string, body: object) => t.http.post(`/api/v1/reviews/by-link/${token}`).send(body);
  const good = (productId: string, stars = 5) => ({ productId, productStars: stars, sellerStars: 4, text: 'Bưởi ngọt, giao hàng nhanh, đóng gói cẩn thận.' });

  beforeAll(async () => {
    smtp = new FakeSmtpServer();
    const port = await smtp.start();
    t = await createTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'don-hang@san.example.vn' } });
    admin = await loginAdmin(t);
    coop = await createVerifiedEnterprise(t, { displayName: 'HTX Bưởi Hùng Hòa', kind: 'cooperative' });
    pomelo = await createProduct(t, coop.id, { name: 'Bưởi da xanh loại 1', priceVnd: 60_000, stockQuantity: 100 });
    orange = await createProduct(t, coop.id, { name: 'Cam sành Tam Bình', priceVnd: 40_000, stockQuantity: 100 });
    await t.http.post('/api/v1/admin/screening-terms').set(admin.auth).send({ term: 'ma túy', severity: 'prohibited' }).expect(201);
    await t.drainJobs();
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('only the completed mail carries the link; it opens each line once; bad stars are 400 with fields; nothing else is reviewable', async () => {
    const code = await order([pomelo.id, orange.id]);
    const mails = smtp.messages.map(readMail).filter((m) => m.subject.includes(code));
    expect(mails.filter((m) => m.text.includes('/danh-gia/'))).toHaveLength(1);
    const token = linkOf(code);
    expect(token).not.toContain(code); // the code is inside the signed payload, not readable as such

    // Bad input: 400 with field details, nothing written.
    const bad = await byLink(token, { productId: 'y', productStars: 6, sellerStars: 0, text: 'ngắn', subOrderCode: 'TV-AAAAAA-1' }).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(bad.body)).toEqual(expect.arrayContaining(['productId', 'productStars', 'sellerStars', 'text']));
    // A product of another order (another line) through this link: 400 on productId.
    const other = await createProduct(t, coop.id, { name: 'Chanh không hạt' });
    expect(fieldsOf((await byLink(token, good(other.id)).expect(400)).body)).toEqual(['productId']);
    // Prohibited words are refused like on the signed-in route.
    expect((await byLink(token, { ...good(pomelo.id), text: 'Bán kèm ma túy ở đây nhé' }).expect(400)).body.code).toBe('SCREENING_PROHIBITED');
    expect(await countRows(t, 'reviews')).toBe(0);

    const created = await byLink(token, good(pomelo.id)).expect(201);
    expect(created.body).toMatchObject({ status: 'pending', productStars: 5, sellerStars: 4, authorName: 'Hoa', authorUserId: null, subOrderCode: code });
    expect((await byLink(token, { ...good(pomelo.id), productStars: 1 }).expect(409)).body.code).toBe('REVIEW_EXISTS');
    await byLink(token, good(orange.id, 3)).expect(201);
    expect(await countRows(t, 'reviews')).toBe(2);

    // Moderation as for every review: staff publish it, the product's rating counts it.
    await t.http.post(`/api/v1/admin/reviews/${created.body.id}/publish`).set(admin.auth).send({}).expect(200);
    const listed = await t.http.get(`/api/v1/products/${pomelo.id}/reviews`).expect(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ authorName: 'Hoa', productStars: 5 })]);
    expect(JSON.stringify(listed.body)).not.toContain('Lê Thị');
  });

  it('a wrong, altered, another order’s or expired token is the same 404; a not-completed sub-order has no link', async () => {
    const first = await order([pomelo.id]);
    const second = await order([orange.id]);
    const token = linkOf(first);
    const [payload, mac] = token.split('.');
    const secondPayload = linkOf(second).split('.')[0];
    const refused = [
      'abc',
      `${payload}.${mac.slice(0, -2)}AA`, // altered signature
      `${secondPayload}.${mac}`, // another order's sub-order with this order's signature
      `${Buffer.from(`${first}.9999999999`).toString('base64url')}.${mac}`, // a later expiry, same signature
    ];
    for (const bad of refused) {
      const res = await byLink(bad, good(pomelo.id)).expect(404);
      expect(res.body.code).toBe('REVIEW_LINK_NOT_FOUND');
      expect(JSON.stringify(res.body)).not.toContain(first);
    }
    // The link of the second order cannot review a line of the first one.
    expect(fieldsOf((await byLink(linkOf(second), good(pomelo.id)).expect(400)).body)).toEqual(['productId']);
    expect(await reviewsOf(first)).toBe(0);

    // Delivered but not completed: no mail carries a link.
    const open = await order([pomelo.id], ['confirm', 'pack', 'ship', 'deliver']);
    expect(smtp.messages.map(readMail).filter((m) => m.subject.includes(open) && m.text.includes('/danh-gia/'))).toHaveLength(0);

    // 60 days after completion the link has expired.
    t.clock.advance(61 * DAY);
    try {
      expect((await byLink(token, good(pomelo.id)).expect(404)).body.code).toBe('REVIEW_LINK_NOT_FOUND');
      const page = await t.http.get(`/danh-gia/${token}`).expect(404);
      expect(page.text).not.toContain(first);
      expect(page.text).not.toContain('Bưởi');
    } finally {
      t.clock.advance(-61 * DAY);
    }
    await byLink(token, good(pomelo.id)).expect(201);
  });

  it('the /danh-gia page: guests review each line through a form (no JS), field errors name the line, a bad token is a bare 404', async () => {
    const code = await order([pomelo.id, orange.id]);
    const path = `/danh-gia/${linkOf(code)}`;
    const form = await openForm(t, path);
    expect(form.html).toContain('Bưởi da xanh loại 1');
    expect(form.html).toContain('Cam sành Tam Bình');
    expect(form.html).toContain('HTX Bưởi Hùng Hòa');
    expect(form.html).not.toContain('Lê Thị Hoa');
    const post = (fields: Record<string, string>) =>
      t.http
        .post(path)
        .type('form')
        .set('Cookie', cookieHeader(form.jar))
        .send({ _csrf: form.csrf, ...fields });

    // No stars, short text: 400 with the errors beside that line's fields.
    const bad = await post({ productId: pomelo.id, text: 'ngắn' }).expect(400);
    expect(bad.text).toContain(`id="f-productStars-${pomelo.id}-error"`);
    expect(bad.text).toContain(`id="f-sellerStars-${pomelo.id}-error"`);
    expect(bad.text).toContain(`id="f-text-${pomelo.id}-error"`);
    expect(bad.text).toContain('>ngắn</textarea>');
    expect(await reviewsOf(code)).toBe(0);

    const sent = await post({ productId: pomelo.id, productStars: '4', sellerStars: '5', text: 'Trái to, mọng nước, sẽ mua lại.' }).expect(303);
    expect(sent.headers.location).toBe(`${path}?done=sent`);
    const after = await t.http.get(`${path}?done=sent`).set('Cookie', cookieHeader(form.jar)).expect(200);
    expect(after.text).toContain('Đã gửi đánh giá');
    expect(after.text).not.toContain(`id="rl-${pomelo.id}"`); // the reviewed line has no form any more
    expect(after.text).toContain(`id="rl-${orange.id}"`);
    // The same line again (an old tab): 409 on the page, still one review.
    const again = await post({ productId: pomelo.id, productStars: '1', sellerStars: '1', text: 'Gửi lại lần nữa cho chắc.' }).expect(409);
    expect(again.text).toContain('role="alert"');
    expect(await reviewsOf(code)).toBe(1);
    // Without the form's CSRF token: refused, nothing written.
    const forged = await t.http.post(path).type('form').send({ productId: orange.id, productStars: '5', sellerStars: '5', text: 'Giả mạo từ trang khác.' });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(await reviewsOf(code)).toBe(1);

    const wrong = await t.http.get('/danh-gia/khong-dung.AAAA').expect(404);
    expect(wrong.headers['cache-control']).toContain('no-store');
    expect(wrong.text).not.toContain('Hùng Hòa');
  });

  it('a guest adds, replaces and removes the photo of a review through the link (API and page); it shows only once staff approve it', async () => {
    const code = await order([pomelo.id, orange.id]);
    const token = linkOf(code);
    const photo = (color: number) =>
      sharp({ create: { width: 640, height: 480, channels: 3, background: { r: color, g: 120, b: 60 } } })
        .jpeg()
        .toBuffer();
    const put = async (productId: string, tok = token) =>
      t.http.put(`/api/v1/reviews/by-link/${tok}/photo?productId=${productId}`).attach('file', await photo(200), 'anh.jpg');
    const photoOf = async (productId: string) =>
      (await t.dataSource.query(`SELECT id, photo_key, photo_status FROM reviews WHERE sub_order_code = $1 AND product_id = $2`, [code, productId]))[0] as
        { id: string; photo_key: string | null; photo_status: string | null } | undefined;

    // Before the line is reviewed there is nothing to attach to: 404, nothing stored.
    expect((await put(pomelo.id)).status).toBe(404);
    await byLink(token, good(pomelo.id)).expect(201);
    // Bad input: a productId that is not a UUID is 400 naming it; a wrong link is 404; nothing written.
    const bad = await put('khong-phai-uuid');
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['productId']);
    expect((await put(pomelo.id, `${token.slice(0, -2)}xx`)).status).toBe(404);
    // Another line of the same link that was not reviewed: 404.
    expect((await put(orange.id)).status).toBe(404);
    expect((await photoOf(pomelo.id))!.photo_key).toBeNull();

    const sent = await put(pomelo.id);
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ photoStatus: 'pending' });
    const review = (await photoOf(pomelo.id))!;
    expect(review.photo_status).toBe('pending');
    // Pending: not public (the API's review list and the photo route), whoever asks without being staff.
    await t.http.post(`/api/v1/admin/reviews/${review.id}/publish`).set(admin.auth).send({}).expect(200);
    const listed = async () =>
      ((await t.http.get(`/api/v1/products/${pomelo.id}/reviews`).expect(200)).body.items as Array<{ id: string; photoUrl: string | null }>).find(
        (r) => r.id === review.id,
      )!.photoUrl;
    expect(await listed()).toBeNull();
    await t.http.get(`/api/v1/reviews/${review.id}/photo`).expect(404);
    await t.http.post(`/api/v1/admin/reviews/${review.id}/photo/approve`).set(admin.auth).send({}).expect(200);
    expect(await listed()).toBe(`/api/v1/reviews/${review.id}/photo`);
    await t.http.get(`/api/v1/reviews/${review.id}/photo`).expect(200);

    // The page: the reviewed line offers its photo form (multipart, no JS); a replacement waits for staff again.
    const path = `/danh-gia/${token}`;
    const form = await openForm(t, path);
    expect(form.html).toContain('Ảnh đã được duyệt.');
    expect(form.html).toContain(`action="${path}/anh"`);
    const multipart = (fields: Record<string, string>, file?: Buffer) => {
      let req = t.http.post(`${path}/anh`).set('Cookie', cookieHeader(form.jar)).field('_csrf', form.csrf);
      for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
      return file ? req.attach('file', file, { filename: 'anh.jpg', contentType: 'image/jpeg' }) : req;
    };
    const missing = await multipart({ productId: pomelo.id });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain(`id="f-photo-${pomelo.id}-error"`);
    const notImage = await multipart({ productId: pomelo.id }, Buffer.from('đây không phải ảnh'));
    expect(notImage.status).toBe(400);
    expect((await photoOf(pomelo.id))!.photo_status).toBe('approved');
    const replaced = await multipart({ productId: pomelo.id }, await photo(30));
    expect(replaced.status).toBe(303);
    expect(replaced.headers.location).toBe(`${path}?done=photo`);
    expect((await photoOf(pomelo.id))!.photo_status).toBe('pending');
    expect(await listed()).toBeNull();
    const after = await t.http.get(`${path}?done=photo`).set('Cookie', cookieHeader(form.jar)).expect(200);
    expect(after.text).toContain('Đã gửi ảnh');
    expect(after.text).toContain('Ảnh đang chờ duyệt.');
    // Without the form's CSRF token: refused, the photo unchanged.
    const forged = await t.http.post(`${path}/anh/xoa`).type('form').send({ productId: pomelo.id });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect((await photoOf(pomelo.id))!.photo_status).toBe('pending');

    // Removing it through the page: gone, and its files are handed to the deletion job.
    const removed = await t.http.post(`${path}/anh/xoa`).type('form').set('Cookie', cookieHeader(form.jar)).send({ _csrf: form.csrf, productId: pomelo.id });
    expect(removed.status).toBe(303);
    expect(removed.headers.location).toBe(`${path}?done=photo-removed`);
    expect((await photoOf(pomelo.id))!.photo_key).toBeNull();
    // And through the API, once there is nothing left: 404.
    expect((await t.http.delete(`/api/v1/reviews/by-link/${token}/photo?productId=${pomelo.id}`)).status).toBe(404);
  });

  it('a signed-in buyer reaches the same form from /quan-ly/don-mua; the review carries the account', async () => {
    const buyer = await createUser(t, 'buyer', { displayName: 'Trần Thị Bình' });
    const code = await order([pomelo.id], undefined, buyer);
    const jar = await signIn(t, buyer.email, buyer.password);
    const orderCode = code.replace(/-[0-9]+$/, '');
    const mine = await t.http.get(`/quan-ly/don-mua/${orderCode}`).set('Cookie', cookieHeader(jar)).expect(200);
    const href = /href="(\/danh-gia\/[^"]+)"/.exec(mine.text)?.[1];
    expect(href).toBe(`/danh-gia/${linkOf(code)}`);
    const form = await openForm(t, href!, jar);
    const res = await t.http
      .post(href!)
      .type('form')
      .set('Cookie', cookieHeader(form.jar))
      .send({ _csrf: form.csrf, productId: pomelo.id, productStars: '5', sellerStars: '5', text: 'Rất hài lòng với đơn hàng.' })
      .expect(303);
    expect(res.headers.location).toContain('done=sent');
    const [row] = await t.dataSource.query(`SELECT author_user_id, author_name FROM reviews WHERE sub_order_code = $1`, [code]);
    expect(row).toEqual({ author_user_id: buyer.id, author_name: 'Trần Thị Bình' });
  });
});
