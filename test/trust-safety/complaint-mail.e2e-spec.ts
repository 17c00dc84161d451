import { randomBytes } from 'node:crypto';
import { createUser, loginAdmin, type TestUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { FakeSmtpServer, readMail } from '../harness/fake-smtp-server';
import { createTestApp, type TestApp } from '../harness/test-app';
import { bulletinInput, categoryId, publishedBulletin } from '../news/helpers';
import { waitFor } from '../partner-sync/sync-harness';

/**
 * Complainants are mailed (issue 14): a receipt with the code on filing, a mail for each staff
 * reply and for the conclusion; storefront pages link to the complaint form; a takedown of a
 * bulletin mails its author. Mail is caught by a fake SMTP server.
 */
jest.setTimeout(180_000);

describe('complaint mails, report links and bulletin takedown notices', () => {
  let smtp: FakeSmtpServer;
  let t: TestApp;
  let admin: TestUser;
  let editor: TestUser;
  let seller: FixtureEnterprise;
  let product: { id: string; slug: string };
  const mails = (to: string) => smtp.messages.filter((m) => m.to.includes(to)).map(readMail);
  const waitMails = async (to: string, n: number) => {
    await t.drainJobs(undefined, 60_000);
    await waitFor(async () => mails(to).length >= n, 10_000, `${n} mails to ${to}`);
    return mails(to);
  };

  beforeAll(async () => {
    smtp = new FakeSmtpServer();
    const port = await smtp.start();
    t = await createTestApp({ env: { SMTP_URL: `smtp://thong.bao:mk@127.0.0.1:${port}`, MAIL_FROM: 'san@example.vn', TRUST_PROXY: '1' } });
    admin = await loginAdmin(t);
    editor = await createUser(t, 'editor');
    seller = await createVerifiedEnterprise(t);
    product = await createProduct(t, seller.id, { name: `Bánh tét lá cẩm ${randomBytes(2).toString('hex')}`, sku: 'BT-1' });
    await t.drainJobs(undefined, 60_000);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('product and enterprise pages link to the complaint form with their subject', async () => {
    const page = await t.http.get(`/san-pham/${product.slug}`).expect(200);
    expect(page.text).toContain(`href="/khieu-nai?doi-tuong=product&amp;id=${product.id}">Báo cáo vi phạm</a>`);
    const ent = await t.http.get(`/doanh-nghiep/${seller.slug}`).expect(200);
    expect(ent.text).toContain(`href="/khieu-nai?doi-tuong=enterprise&amp;id=${seller.id}">Báo cáo vi phạm</a>`);
    // The form picks the subject up.
    const form = await t.http.get(`/khieu-nai?doi-tuong=product&id=${product.id}`).expect(200);
    expect(form.text).toContain(product.id);
  });

  it('the complainant gets a receipt with the code, a mail for a staff reply and one for the conclusion; a repeated filing gets no second receipt', async () => {
    const email = `khieu-nai-${randomBytes(3).toString('hex')}@example.vn`;
    const payload = { kind: 'counterfeit', subjectType: 'product', subjectId: product.id, name: 'Phạm Văn Đồng', email, message: 'Nghi là hàng giả' };
    const { code } = (await t.http.post('/api/v1/complaints').set('x-forwarded-for', '100.64.9.1').send(payload).expect(201)).body;
    let got = await waitMails(email, 1);
    expect(got[0].subject).toContain(code);
    expect(got[0].text).toContain('Chào Phạm Văn Đồng');
    expect(got[0].text).toContain(`/khieu-nai/tra-cuu?ma=${code}`);
    // The lookup page takes the code from the mail's link.
    expect((await t.http.get(`/khieu-nai/tra-cuu?ma=${code}`).expect(200)).text).toContain(`value="${code}"`);
    // The same complaint again within the hour: the first code, no second receipt.
    expect((await t.http.post('/api/v1/complaints').set('x-forwarded-for', '100.64.9.2').send(payload).expect(201)).body.code).toBe(code);
    await t.drainJobs(undefined, 60_000);
    expect(mails(email)).toHaveLength(1);

    const [{ id }] = await t.dataSource.query(`SELECT id FROM complaints WHERE code = $1`, [code]);
    await t.http.post(`/api/v1/admin/complaints/${id}/replies`).set(editor.auth).send({ message: 'Chúng tôi đang kiểm tra lô hàng này.' }).expect(200);
    got = await waitMails(email, 2);
    expect(got[1].subject).toContain(`Trả lời khiếu nại ${code}`);
    expect(got[1].text).toContain('Chúng tôi đang kiểm tra lô hàng này.');
    await t.http
      .post(`/api/v1/admin/complaints/${id}/resolution`)
      .set(editor.auth)
      .send({ outcome: 'rejected', resolution: 'Sản phẩm có giấy chứng nhận hợp lệ.' })
      .expect(200);
    got = await waitMails(email, 3);
    expect(got[2].subject).toContain(`Kết luận khiếu nại ${code}`);
    expect(got[2].text).toContain('bị từ chối');
    expect(got[2].text).toContain('Sản phẩm có giấy chứng nhận hợp lệ.');
    // Nothing personal in the jobs table: the payload carries only the complaint's id.
    const payloads: Array<{ p: string }> = await t.dataSource.query(`SELECT payload::text AS p FROM jobs WHERE queue = 'trust-safety.complaint-mail'`);
    expect(payloads.length).toBeGreaterThanOrEqual(3);
    for (const { p } of payloads) expect(p).not.toContain(email);
  });

  it('a takedown of a bulletin mails its author', async () => {
    const author = await createUser(t, 'editor');
    const bulletin = await publishedBulletin(
      t,
      author,
      bulletinInput(await categoryId(t, 'ocop'), { title: `Hội chợ OCOP ${randomBytes(2).toString('hex')}` }),
    );
    await t.http
      .post('/api/v1/admin/takedowns')
      .set(admin.auth)
      .send({
        subjectType: 'bulletin',
        subjectId: bulletin.id,
        source: 'authority',
        requester: 'Sở Thông tin và Truyền thông',
        reference: 'CV-88/STTTT',
        legalBasis: 'Nghị định 147/2024',
        receivedAt: new Date(t.clock.now().getTime() - 60_000).toISOString(),
        reason: 'Thông tin sai sự thật',
      })
      .expect(201);
    const got = await waitMails(author.email, 1).then((all) => all.filter((m) => m.subject.includes('Bản tin đã bị gỡ')));
    expect(got).toHaveLength(1);
    expect(got[0].subject).toContain('CV-88/STTTT');
    expect(got[0].text).toContain('Thông tin sai sự thật');
  });
});
