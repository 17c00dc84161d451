import { createUser, loginAdmin, type TestUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise, type FixtureProduct } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { FakeSmtpServer, decodeHeader } from '../harness/fake-smtp-server';

const count = async (t: TestApp, where = 'true', params: unknown[] = []) =>
  (await t.dataSource.query(`SELECT count(*)::int AS n FROM inquiries WHERE ${where}`, params))[0].n as number;

describe('inquiries API: buyer → seller', () => {
  let t: TestApp;
  let smtp: FakeSmtpServer;
  let enterprise: FixtureEnterprise;
  let product: FixtureProduct;

  /** A form token old enough to pass the minimum fill time (the clock is manual). */
  async function formToken(): Promise<string> {
    const res = await t.http.get('/api/v1/inquiries/form-token').expect(200);
    t.clock.advance((res.body.minFillSeconds + 1) * 1000);
    return res.body.token;
  }

  beforeAll(async () => {
    smtp = new FakeSmtpServer();
    const port = await smtp.start();
    t = await createTestApp({
      env: {
        SMTP_URL: `smtp://thong.bao:mat%20khau@127.0.0.1:${port}`,
        MAIL_FROM: 'hoi-mua@san.example.vn',
        INQUIRY_MAX_PER_PHONE: '3',
        INQUIRY_MAX_PER_CLIENT: '1000',
      },
    });
    enterprise = await createVerifiedEnterprise(t, { displayName: 'HTX Bưởi Hùng Hòa' });
    await t.dataSource.query(`UPDATE enterprises SET email = 'htx.hunghoa@example.vn' WHERE id = $1`, [enterprise.id]);
    product = await createProduct(t, enterprise.id, { name: 'Bưởi da xanh loại 1' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('accepts an anonymous inquiry with name and phone, and emails the enterprise and its owner', async () => {
    const res = await t.http
      .post(`/api/v1/products/${product.id}/inquiries`)
      .send({
        quantity: 50,
        message: 'Cho tôi báo giá 50 kg.\n.dòng bắt đầu bằng dấu chấm',
        buyerName: 'Nguyễn Văn An',
        buyerPhone: '+84 912 000 111',
        formToken: await formToken(),
      })
      .expect(201);
    expect(res.body.received).toBe(true);
    const [row] = await t.dataSource.query(`SELECT * FROM inquiries WHERE id = $1`, [res.body.reference]);
    expect(row).toMatchObject({ enterprise_id: enterprise.id, buyer_phone: '0912000111', buyer_user_id: null, quantity: 50, status: 'new' });
    expect(row.client_hash).toMatch(/^[0-9a-f]{32}$/);
    expect(row.client_hash).not.toContain('127.0.0.1');

    await t.drainJobs();
    const mail = smtp.messages.find((m) => m.data.includes(res.body.reference) || m.to.includes('htx.hunghoa@example.vn'));
    expect(mail).toBeDefined();
    expect(mail!.auth).toBe('\0thong.bao\0mat khau');
    expect(mail!.from).toBe('hoi-mua@san.example.vn');
    expect(mail!.to.sort()).toEqual(['htx.hunghoa@example.vn', enterprise.owner.email].sort());
    const subject = /^Subject: (.*(?:\r\n .*)*)/m.exec(mail!.data)![1];
    expect(subject).toMatch(/^=\?UTF-8\?B\?/);
    expect(decodeHeader(subject)).toBe('Hỏi mua mới: Bưởi da xanh loại 1');
    const body = Buffer.from(mail!.data.split('\r\n\r\n')[1].replace(/\r\n/g, ''), 'base64').toString('utf8');
    expect(body).toContain('Nguyễn Văn An — 0912000111');
    expect(body).toContain('\r\n.dòng bắt đầu bằng dấu chấm');
    const [notified] = await t.dataSource.query(`SELECT notified_at FROM inquiries WHERE id = $1`, [res.body.reference]);
    expect(notified.notified_at).not.toBeNull();
  });

  it('accepts a signed-in buyer without phone or form token, using the account name', async () => {
    const buyer = await createUser(t, 'buyer', { displayName: 'Trần Thị Bình' });
    const res = await t.http.post(`/api/v1/products/${product.id}/inquiries`).set(buyer.auth).send({ quantity: 2, message: 'Còn hàng không?' }).expect(201);
    const [row] = await t.dataSource.query(`SELECT buyer_user_id, buyer_name, buyer_phone FROM inquiries WHERE id = $1`, [res.body.reference]);
    expect(row).toEqual({ buyer_user_id: buyer.id, buyer_name: 'Trần Thị Bình', buyer_phone: null });
    // The inbox takes the buyer's address from identity and the names from the catalog's read model.
    const inbox = await t.http.get(`/api/v1/enterprises/${enterprise.id}/inquiries?pageSize=100`).set(enterprise.owner.auth).expect(200);
    expect(inbox.body.items.find((i: { id: string }) => i.id === res.body.reference)).toMatchObject({
      buyerEmail: buyer.email,
      buyerName: 'Trần Thị Bình',
      productName: 'Bưởi da xanh loại 1',
      productSlug: product.slug,
      enterpriseName: 'HTX Bưởi Hùng Hòa',
    });
  });

  it('answers 404 for unknown, malformed and not publicly visible products', async () => {
    const draft = await createProduct(t, enterprise.id, { name: 'Bưởi nháp', status: 'draft' });
    const body = { quantity: 1, message: 'Hỏi giá', buyerName: 'Lê C', buyerPhone: '0912000222', formToken: await formToken() };
    const before = await count(t);
    await t.http.post(`/api/v1/products/${draft.id}/inquiries`).send(body).expect(404);
    await t.http.post(`/api/v1/products/00000000-0000-4000-8000-000000000000/inquiries`).send(body).expect(404);
    await t.http.post(`/api/v1/products/khong-phai-uuid/inquiries`).send(body).expect(404);
    expect(await count(t)).toBe(before);
  });

  it('rejects bad input with 400 and writes nothing', async () => {
    const before = await count(t);
    const bad = await t.http
      .post(`/api/v1/products/${product.id}/inquiries`)
      .send({ quantity: 0, message: 'x'.repeat(2001), buyerPhone: '0123', formToken: await formToken() })
      .expect(400);
    const fields = bad.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['quantity', 'message', 'buyerPhone']));
    const missing = await t.http
      .post(`/api/v1/products/${product.id}/inquiries`)
      .send({ quantity: 1, message: 'Hỏi giá', formToken: await formToken() })
      .expect(400);
    expect(missing.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['buyerName', 'buyerPhone']);
    expect(await count(t)).toBe(before);
  });

  it('rejects a form posted too fast or with a forged token (400), and silently drops a filled honeypot (201, nothing stored)', async () => {
    const before = await count(t);
    const body = { quantity: 1, message: 'Mua sỉ', buyerName: 'Bot', buyerPhone: '0912000333' };
    const fresh = (await t.http.get('/api/v1/inquiries/form-token').expect(200)).body.token;
    const fast = await t.http
      .post(`/api/v1/products/${product.id}/inquiries`)
      .send({ ...body, formToken: fresh })
      .expect(400);
    expect(fast.body.details[0]).toMatchObject({ field: 'formToken' });
    expect(fast.body.details[0].message).toContain('gửi hơi nhanh');
    await t.http
      .post(`/api/v1/products/${product.id}/inquiries`)
      .send({ ...body, formToken: `${fresh.split('.')[0]}.${'A'.repeat(43)}` })
      .expect(400);
    await t.http.post(`/api/v1/products/${product.id}/inquiries`).send(body).expect(400);
    const honeypot = await t.http
      .post(`/api/v1/products/${product.id}/inquiries`)
      .send({ ...body, website: 'http://spam.example', formToken: await formToken() })
      .expect(201);
    expect(honeypot.body.received).toBe(true);
    expect(await count(t)).toBe(before);
  });

  it('keeps one inquiry for a repeated message and flags link-heavy messages as spam without mailing', async () => {
    const body = { quantity: 3, message: 'Giao Cần Thơ được không?', buyerName: 'Phạm D', buyerPhone: '0987000444' };
    const first = await t.http
      .post(`/api/v1/products/${product.id}/inquiries`)
      .send({ ...body, formToken: await formToken() })
      .expect(201);
    const again = await t.http
      .post(`/api/v1/products/${product.id}/inquiries`)
      .send({ ...body, formToken: await formToken() })
      .expect(201);
    expect(again.body.reference).toBe(first.body.reference);
    expect(await count(t, `buyer_phone = '0987000444'`)).toBe(1);

    await t.drainJobs();
    const mailsBefore = smtp.messages.length;
    const spam = await t.http
      .post(`/api/v1/products/${product.id}/inquiries`)
      .send({ ...body, message: 'Xem http://a.example.com và www.b.example và c.xyz ngay', formToken: await formToken() })
      .expect(201);
    const [row] = await t.dataSource.query(`SELECT status FROM inquiries WHERE id = $1`, [spam.body.reference]);
    expect(row.status).toBe('spam');
    await t.drainJobs();
    expect(smtp.messages.length).toBe(mailsBefore);
  });

  it('rate-limits one phone number with 429 and Retry-After', async () => {
    const send = async (i: number) =>
      t.http
        .post(`/api/v1/products/${product.id}/inquiries`)
        .send({ quantity: 1, message: `Hỏi lần ${i}`, buyerName: 'Võ E', buyerPhone: '0903000555', formToken: await formToken() });
    for (let i = 1; i <= 3; i++) expect((await send(i)).status).toBe(201);
    const blocked = await send(4);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(await count(t, `buyer_phone = '0903000555'`)).toBe(3);
  });

  describe('inbox and statistics', () => {
    let other: TestUser;
    let inquiryId: string;
    beforeAll(async () => {
      other = await createUser(t, 'business');
      await createVerifiedEnterprise(t, { owner: other });
      const res = await t.http
        .post(`/api/v1/products/${product.id}/inquiries`)
        .send({ quantity: 7, message: 'Hỏi <b>giá</b> sỉ', buyerName: 'Đỗ F', buyerPhone: '0977000666', formToken: await formToken() })
        .expect(201);
      inquiryId = res.body.reference;
    });

    it('lists the enterprise’s inquiries to its owner (spam hidden unless asked) and forbids other businesses', async () => {
      const list = await t.http.get(`/api/v1/enterprises/${enterprise.id}/inquiries`).set(enterprise.owner.auth).expect(200);
      const mine = list.body.items.find((i: { id: string }) => i.id === inquiryId);
      expect(mine).toMatchObject({ productName: 'Bưởi da xanh loại 1', buyerPhone: '0977000666', quantity: 7, message: 'Hỏi <b>giá</b> sỉ', status: 'new' });
      expect(list.body.items.every((i: { status: string }) => i.status !== 'spam')).toBe(true);
      expect(list.body.total).toBe(list.body.items.length);
      const spam = await t.http.get(`/api/v1/enterprises/${enterprise.id}/inquiries?status=spam`).set(enterprise.owner.auth).expect(200);
      expect(spam.body.items.length).toBe(1);
      await t.http.get(`/api/v1/enterprises/${enterprise.id}/inquiries?status=nonsense`).set(enterprise.owner.auth).expect(400);

      await t.http.get(`/api/v1/enterprises/${enterprise.id}/inquiries`).set(other.auth).expect(403);
      await t.http.get(`/api/v1/enterprises/${enterprise.id}/inquiries`).expect(401);
    });

    it('lets the owner change the status; others get 403, unknown ids 404, bad status 400', async () => {
      const res = await t.http.patch(`/api/v1/inquiries/${inquiryId}`).set(enterprise.owner.auth).send({ status: 'answered' }).expect(200);
      expect(res.body.status).toBe('answered');
      await t.http.patch(`/api/v1/inquiries/${inquiryId}`).set(other.auth).send({ status: 'spam' }).expect(403);
      await t.http.patch(`/api/v1/inquiries/${inquiryId}`).set(enterprise.owner.auth).send({ status: 'deleted' }).expect(400);
      await t.http.patch(`/api/v1/inquiries/00000000-0000-4000-8000-000000000000`).set(enterprise.owner.auth).send({ status: 'read' }).expect(404);
      const [row] = await t.dataSource.query(`SELECT status FROM inquiries WHERE id = $1`, [inquiryId]);
      expect(row.status).toBe('answered');
    });

    it('gives admins volumes per day, status and enterprise; others 403', async () => {
      const admin = await loginAdmin(t);
      const res = await t.http.get('/api/v1/admin/inquiries/stats').set(admin.auth).expect(200);
      const total = await count(t);
      expect(res.body.total).toBe(total);
      expect(res.body.perDay).toHaveLength(30);
      expect(res.body.perDay.reduce((s: number, d: { count: number }) => s + d.count, 0)).toBe(total);
      expect(res.body.perStatus.find((s: { status: string }) => s.status === 'spam').count).toBe(1);
      expect(res.body.perStatus.find((s: { status: string }) => s.status === 'answered').count).toBe(1);
      expect(res.body.perEnterprise[0]).toMatchObject({ enterpriseId: enterprise.id, enterpriseName: 'HTX Bưởi Hùng Hòa', count: total });

      await t.http.get('/api/v1/admin/inquiries/stats?from=2025-02-30').set(admin.auth).expect(400);
      await t.http.get('/api/v1/admin/inquiries/stats?from=2020-01-01&to=2025-01-01').set(admin.auth).expect(400);
      await t.http.get('/api/v1/admin/inquiries/stats').set(enterprise.owner.auth).expect(403);
    });
  });
});
