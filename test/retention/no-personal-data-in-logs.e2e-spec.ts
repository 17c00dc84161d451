import { createLogger } from '@tradefloor/core';
import { Writable } from 'node:stream';
import { verifyEmail } from '../harness/auth';
import { createProduct, createVerifiedEnterprise } from '../harness/catalog-fixtures';
import { FakeSmtpServer } from '../harness/fake-smtp-server';
import { createTestApp, type TestApp } from '../harness/test-app';
import { createBatch, issue, ownerWithProduct, serialsOf } from '../traceability/trace-fixtures';

/**
 * No personal data in logs (issue 15): representative flows — register, verify, sign in, send an
 * inquiry (anonymous, with name and phone), file a complaint, scan a stamp — run against the app
 * while its pino logger (the one every Nest and request log goes through) writes into memory at
 * debug level; none of the emails, phone numbers, names or client IPs used may appear there.
 */
jest.setTimeout(180_000);

describe('logs carry no personal data', () => {
  const lines: string[] = [];
  let smtp: FakeSmtpServer;
  let t: TestApp;

  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });

  beforeAll(async () => {
    smtp = new FakeSmtpServer();
    const port = await smtp.start();
    t = await createTestApp({
      logger: createLogger('debug', sink),
      env: { SMTP_URL: `smtp://thong.bao:mk@127.0.0.1:${port}`, MAIL_FROM: 'san@example.vn', TRUST_PROXY: '1', STAMP_SCAN_RATE_PER_MINUTE: '1000' },
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('register, sign in, inquiry, complaint and a stamp scan leave no email, phone, name or IP in the logs', async () => {
    const ent = await createVerifiedEnterprise(t);
    const product = await createProduct(t, ent.id, { name: 'Dừa sáp Cầu Kè' });
    const owner = await ownerWithProduct(t);
    const batch = await createBatch(t, owner);
    await issue(t, owner, batch.id, 1);
    const [serial] = await serialsOf(t, batch.id);
    await t.drainJobs(undefined, 60_000);
    const before = lines.length;

    const secrets = {
      email: 'nguyen.thi.mai.hoa.1987@example.vn',
      complaintEmail: 'tran.van.khieu.nai@example.vn',
      name: 'Nguyễn Thị Mai Hoa',
      buyerName: 'Lê Văn Hỏi Mua',
      complainantName: 'Trần Văn Khiếu Nại',
      phone: '0912345671',
      phoneSpaced: '0912 345 671',
      complaintPhone: '0987654329',
      ipRegister: '100.70.11.21',
      ipLogin: '100.70.11.22',
      ipInquiry: '100.70.11.23',
      ipComplaint: '100.70.11.24',
      ipScan: '100.70.11.25',
    };

    // Register (202), verify the email, sign in — also a failed sign-in.
    await t.http
      .post('/api/v1/auth/register')
      .set('x-forwarded-for', secrets.ipRegister)
      .send({ email: secrets.email, password: 'mat-khau-that-dai-123', displayName: secrets.name, role: 'buyer', acceptTerms: true })
      .expect(202);
    await verifyEmail(t, secrets.email);
    await t.http
      .post('/api/v1/auth/login')
      .set('x-forwarded-for', secrets.ipLogin)
      .send({ email: secrets.email, password: 'sai-mat-khau-roi-123' })
      .expect(401);
    const signedIn = await t.http
      .post('/api/v1/auth/login')
      .set('x-forwarded-for', secrets.ipLogin)
      .send({ email: secrets.email, password: 'mat-khau-that-dai-123' })
      .expect(200);
    await t.http.get('/api/v1/me').set('Authorization', `Bearer ${signedIn.body.accessToken}`).expect(200);

    // An anonymous inquiry with name and phone (the form token must be old enough: the clock is manual).
    const token = (await t.http.get('/api/v1/inquiries/form-token').expect(200)).body;
    t.clock.advance((token.minFillSeconds + 1) * 1000);
    await t.http
      .post(`/api/v1/products/${product.id}/inquiries`)
      .set('x-forwarded-for', secrets.ipInquiry)
      .send({ quantity: 5, message: 'Báo giá giúp tôi', buyerName: secrets.buyerName, buyerPhone: secrets.phoneSpaced, formToken: token.token })
      .expect(201);

    // A complaint, with a bad one first (400: the validation failure is logged too).
    await t.http
      .post('/api/v1/complaints')
      .set('x-forwarded-for', secrets.ipComplaint)
      .send({ kind: 'counterfeit', name: secrets.complainantName, email: 'not-an-email' })
      .expect(400);
    await t.http
      .post('/api/v1/complaints')
      .set('x-forwarded-for', secrets.ipComplaint)
      .send({
        kind: 'counterfeit',
        subjectType: 'product',
        subjectId: product.id,
        name: secrets.complainantName,
        email: secrets.complaintEmail,
        phone: secrets.complaintPhone,
        message: 'Nghi hàng giả',
      })
      .expect(201);

    // A stamp scan.
    await t.http.get(`/api/v1/stamps/${serial}`).set('x-forwarded-for', secrets.ipScan).expect(200);

    // The mails and notifications these flows enqueue run too.
    await t.drainJobs(undefined, 60_000);

    const captured = lines.slice(before).join('');
    expect(captured.length).toBeGreaterThan(0);
    // The request logs are there (so the capture works) …
    expect(captured).toContain('/api/v1/complaints');
    // … but none of the personal data.
    for (const [what, value] of Object.entries(secrets)) {
      expect({ what, found: captured.includes(value) }).toEqual({ what, found: false });
    }
    expect(captured).not.toContain('nguyen.thi.mai.hoa');
  });
});
