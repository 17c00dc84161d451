import { parseVietQr } from '@tradefloor/payments';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { createUser, PASSWORD } from '../harness/auth';
import { createVerifiedEnterprise, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { cookieHeader, openForm, postForm, signIn, type CookieJar } from '../web/web-helpers';

/** The seller's payout account page through HTTP: the owner's form, the test QR, members and strangers. */
describe('web: seller payout account page (/quan-ly/tai-khoan-nhan-tien)', () => {
  let t: TestApp;
  let ent: FixtureEnterprise;
  let owner: CookieJar;
  let member: CookieJar;
  const PAGE = '/quan-ly/tai-khoan-nhan-tien';
  const count = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM payout_accounts WHERE enterprise_id = $1`, [ent.id]))[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    ent = await createVerifiedEnterprise(t, { displayName: 'HTX <Bưởi> "Hùng Hòa"' });
    const staff = await createUser(t, 'business');
    await t.http.post(`/api/v1/enterprises/${ent.id}/members`).set(ent.owner.auth).send({ email: staff.email }).expect(201);
    owner = await signIn(t, ent.owner.email, PASSWORD);
    member = await signIn(t, staff.email, PASSWORD);
  });
  afterAll(() => t.close());

  it('is linked from the back office; without an account it says buyers can only pay on delivery', async () => {
    expect((await t.http.get('/quan-ly').set('Cookie', cookieHeader(owner)).expect(200)).text).toContain(`href="${PAGE}"`);
    const page = await openForm(t, PAGE, owner);
    expect(page.html).toContain('Tài khoản nhận tiền');
    expect(page.html).toContain('HTX &lt;Bưởi&gt; &quot;Hùng Hòa&quot;');
    expect(page.html).toContain('thanh toán khi nhận hàng (COD)');
    expect(page.html).toContain('<option value="970436">Vietcombank');
    expect(page.html).toContain(`action="${PAGE}/${ent.id}"`);
  });

  it('shows bad input beside the fields and writes nothing; without the CSRF token nothing is written', async () => {
    const bad = await postForm(t, owner, `${PAGE}/${ent.id}`, { bankBin: '999999', accountNumber: '12', accountHolder: '' });
    expect(bad.status).toBe(400);
    for (const f of ['bankBin', 'accountNumber', 'accountHolder']) expect(bad.text).toContain(`id="f-${f}-error"`);
    await t.http
      .post(`${PAGE}/${ent.id}`)
      .type('form')
      .set('Cookie', cookieHeader(owner))
      .send({ bankBin: '970436', accountNumber: '0071000123456', accountHolder: 'Nguyen Thi Dao' })
      .expect(403);
    expect(await count()).toBe(0);
  });

  it('saves the owner’s account and shows a 10.000 ₫ test code to that account', async () => {
    const ok = await postForm(t, owner, `${PAGE}/${ent.id}`, { bankBin: '970436', accountNumber: '0071 000 123 456', accountHolder: 'Nguyễn Thị Đào' });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`${PAGE}?dn=${ent.id}&done=saved`);
    const page = await t.http.get(ok.headers.location).set('Cookie', cookieHeader(owner)).expect(200);
    expect(page.text).toContain('Đã lưu tài khoản nhận tiền.');
    expect(page.text).toContain('0071000123456');
    expect(page.text).toContain('NGUYEN THI DAO');
    const dataUrl = /src="data:image\/png;base64,([^"]+)"/.exec(page.text)?.[1];
    expect(dataUrl).toBeDefined();
    const image = PNG.sync.read(Buffer.from(dataUrl!, 'base64'));
    const payload = jsQR(new Uint8ClampedArray(image.data), image.width, image.height)!.data;
    expect(parseVietQr(payload)).toMatchObject({ bankBin: '970436', accountNumber: '0071000123456', amountVnd: 10_000 });
  });

  it('shows members the account without the form; their posts and strangers are refused', async () => {
    const page = await t.http.get(PAGE).set('Cookie', cookieHeader(member)).expect(200);
    expect(page.text).toContain('0071000123456');
    expect(page.text).toContain('Chỉ chủ doanh nghiệp được thay đổi');
    expect(page.text).not.toContain(`action="${PAGE}/${ent.id}"`);
    expect((await postForm(t, member, `${PAGE}/${ent.id}`, { bankBin: '970415', accountNumber: '123456789', accountHolder: 'KE GIAN' })).status).toBe(403);

    const stranger = await createUser(t, 'business');
    const strangerJar = await signIn(t, stranger.email, PASSWORD);
    await t.http.get(`${PAGE}?dn=${ent.id}`).set('Cookie', cookieHeader(strangerJar)).expect(403);
    expect((await postForm(t, strangerJar, `${PAGE}/${ent.id}/xoa`, {})).status).toBe(403);
    expect(await count()).toBe(1);
  });

  it('lets the owner remove it', async () => {
    const gone = await postForm(t, owner, `${PAGE}/${ent.id}/xoa`, {});
    expect(gone.status).toBe(303);
    const page = await t.http.get(gone.headers.location).set('Cookie', cookieHeader(owner)).expect(200);
    expect(page.text).toContain('Đã xoá tài khoản nhận tiền.');
    expect(page.text).not.toContain('data:image/png');
    expect(await count()).toBe(0);
  });
});
