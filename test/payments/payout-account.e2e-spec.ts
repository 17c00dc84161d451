import { PersonalDataRegistry, ValidationFailedError } from '@tradefloor/core';
import { PaymentMethods, parseVietQr } from '@tradefloor/payments';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { createUser, loginAdmin, type TestUser } from '../harness/auth';
import { createVerifiedEnterprise, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { binary } from '../traceability/trace-fixtures';

const ACCOUNT = { bankBin: '970436', accountNumber: '0071 000-123 456', accountHolder: '  Nguyễn Thị   Đào ' };

describe('payments: seller payout accounts and the payment-method port', () => {
  let t: TestApp;
  let seller: FixtureEnterprise;
  let other: FixtureEnterprise;
  let staffMember: TestUser;
  let editor: TestUser;
  let admin: TestUser;
  let buyer: TestUser;
  const path = (id: string) => `/api/v1/enterprises/${id}/payout-account`;
  const rows = async (id: string) => t.dataSource.query(`SELECT * FROM payout_accounts WHERE enterprise_id = $1`, [id]);
  const audits = async (id: string) =>
    t.dataSource.query(`SELECT action, actor_id, before, after FROM audit_events WHERE subject_id = $1 AND action LIKE 'payments.%' ORDER BY seq`, [id]);
  const decodePng = (png: Buffer): string => {
    const image = PNG.sync.read(png);
    return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)!.data;
  };

  beforeAll(async () => {
    t = await createTestApp();
    seller = await createVerifiedEnterprise(t, { displayName: 'HTX Bưởi Hùng Hòa' });
    other = await createVerifiedEnterprise(t);
    staffMember = await createUser(t, 'business');
    await t.http.post(`/api/v1/enterprises/${seller.id}/members`).set(seller.owner.auth).send({ email: staffMember.email }).expect(201);
    editor = await createUser(t, 'editor');
    admin = await loginAdmin(t);
    buyer = await createUser(t, 'buyer');
  });
  afterAll(() => t.close());

  it('lists the NAPAS banks publicly', async () => {
    const res = await t.http.get('/api/v1/payments/banks').expect(200);
    expect(res.body.checkedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(res.body.banks).toEqual(expect.arrayContaining([{ bin: '970436', shortName: 'Vietcombank', name: 'Ngân hàng TMCP Ngoại thương Việt Nam' }]));
  });

  it('answers 404 before an account is saved, and COD is the only method', async () => {
    const res = await t.http.get(path(seller.id)).set(seller.owner.auth).expect(404);
    expect(res.body.code).toBe('PAYOUT_ACCOUNT_NOT_FOUND');
    expect(await t.app.get(PaymentMethods).available(seller.id)).toEqual(['cod']);
  });

  it('refuses bad input field by field and writes nothing', async () => {
    const res = await t.http
      .put(path(seller.id))
      .set(seller.owner.auth)
      .send({ bankBin: '97043', accountNumber: '12-34', accountHolder: 'Nguyễn 😀' })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['accountHolder', 'accountNumber', 'bankBin']);
    const unknownBank = await t.http
      .put(path(seller.id))
      .set(seller.owner.auth)
      .send({ ...ACCOUNT, bankBin: '999999' })
      .expect(400);
    expect(unknownBank.body.details).toEqual([expect.objectContaining({ field: 'bankBin' })]);
    const tooLong = await t.http
      .put(path(seller.id))
      .set(seller.owner.auth)
      .send({ ...ACCOUNT, accountNumber: '1'.repeat(20) })
      .expect(400);
    expect(tooLong.body.details).toEqual([expect.objectContaining({ field: 'accountNumber' })]);
    const missing = await t.http.put(path(seller.id)).set(seller.owner.auth).send({ bankBin: '970436', extra: 1 }).expect(400);
    expect(missing.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['accountNumber', 'accountHolder', 'extra']));
    expect(await rows(seller.id)).toEqual([]);
    expect(await audits(seller.id)).toEqual([]);
  });

  it('lets the owner save it: normalised, the number sealed at rest, audited with the number masked', async () => {
    const res = await t.http.put(path(seller.id)).set(seller.owner.auth).send(ACCOUNT).expect(200);
    expect(res.body).toMatchObject({
      enterpriseId: seller.id,
      bankBin: '970436',
      bankShortName: 'Vietcombank',
      accountNumber: '0071000123456',
      masked: false,
      accountHolder: 'NGUYEN THI DAO',
      updatedBy: seller.owner.id,
    });
    const [row] = await rows(seller.id);
    expect(row.account_number_sealed).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain('0071000123456');
    const [audit] = await audits(seller.id);
    expect(audit).toMatchObject({ action: 'payments.payout-account.create', actor_id: seller.owner.id, before: null });
    expect(audit.after).toEqual({ bankBin: '970436', accountNumber: '*********3456', accountHolder: 'NGUYEN THI DAO' });
  });

  it('shows the number in full to members only; floor staff read it masked; others are refused', async () => {
    expect((await t.http.get(path(seller.id)).set(seller.owner.auth).expect(200)).body.accountNumber).toBe('0071000123456');
    expect((await t.http.get(path(seller.id)).set(staffMember.auth).expect(200)).body.accountNumber).toBe('0071000123456');
    for (const staff of [editor, admin]) {
      const res = await t.http.get(path(seller.id)).set(staff.auth).expect(200);
      expect(res.body).toMatchObject({ accountNumber: '*********3456', masked: true, accountHolder: 'NGUYEN THI DAO' });
    }
    await t.http.get(path(seller.id)).set(other.owner.auth).expect(403);
    await t.http.get(path(seller.id)).set(buyer.auth).expect(403);
    await t.http.get(path(seller.id)).expect(401);
    await t.http.get(path('00000000-0000-4000-8000-000000000000')).set(seller.owner.auth).expect(404);
  });

  it('lets only the owner change or remove it: another business, the enterprise’s staff and floor staff write nothing', async () => {
    const change = { ...ACCOUNT, accountNumber: '9999999999' };
    for (const who of [other.owner, staffMember, editor, admin, buyer]) {
      await t.http.put(path(seller.id)).set(who.auth).send(change).expect(403);
      await t.http.delete(path(seller.id)).set(who.auth).expect(403);
    }
    expect((await t.http.get(path(seller.id)).set(seller.owner.auth).expect(200)).body.accountNumber).toBe('0071000123456');
    expect(await audits(seller.id)).toHaveLength(1);
    expect(await rows(other.id)).toEqual([]);
  });

  it('offers VietQR once the account exists, with a payload to the seller’s account that parses back', async () => {
    const methods = t.app.get(PaymentMethods);
    expect(await methods.available(seller.id)).toEqual(['cod', 'vietqr']);
    expect(await methods.available(other.id)).toEqual(['cod']);

    const qr = await methods.instructions(seller.id, 'vietqr', { orderCode: 'TV-7K3M9Q-1', amountVnd: 250_000 });
    expect(qr.method).toBe('vietqr');
    expect(qr.vietqr).toMatchObject({ bankBin: '970436', accountNumber: '0071000123456', accountHolder: 'NGUYEN THI DAO', purpose: 'TT TV-7K3M9Q-1' });
    const data = parseVietQr(qr.vietqr!.payload); // throws on a bad CRC or length
    expect(data).toMatchObject({
      initiation: 'dynamic',
      bankBin: '970436',
      accountNumber: '0071000123456',
      amountVnd: 250_000,
      billNumber: 'TV-7K3M9Q-1',
      purpose: 'TT TV-7K3M9Q-1',
    });
    expect(qr.text).toContain('250.000 ₫');
    expect(qr.text).toContain('TV-7K3M9Q-1');
    expect(qr.text).toContain('NGUYEN THI DAO');

    const cod = await methods.instructions(other.id, 'cod', { orderCode: 'TV-7K3M9Q-2', amountVnd: 80_000 });
    expect(cod).toEqual({ method: 'cod', text: expect.stringContaining('80.000 ₫') });
    await expect(methods.instructions(other.id, 'vietqr', { orderCode: 'TV-7K3M9Q-2', amountVnd: 80_000 })).rejects.toBeInstanceOf(ValidationFailedError);
    await expect(methods.instructions(seller.id, 'vietqr', { orderCode: 'TV-7K3M9Q-1', amountVnd: 0 })).rejects.toBeInstanceOf(ValidationFailedError);
  });

  it('draws a preview QR (10.000 ₫ by default) that a bank app reads as a transfer to the account', async () => {
    const png = await t.http
      .get(`${path(seller.id)}/preview.png`)
      .set(seller.owner.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['cache-control']).toContain('no-store');
    expect(parseVietQr(decodePng(png.body))).toMatchObject({ bankBin: '970436', accountNumber: '0071000123456', amountVnd: 10_000 });

    const custom = await t.http
      .get(`${path(seller.id)}/preview.png?amount=123000`)
      .set(staffMember.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(parseVietQr(decodePng(custom.body)).amountVnd).toBe(123_000);

    const svg = await t.http
      .get(`${path(seller.id)}/preview.svg`)
      .set(seller.owner.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body.toString('utf8')).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);

    expect(
      (
        await t.http
          .get(`${path(seller.id)}/preview.png?amount=0`)
          .set(seller.owner.auth)
          .expect(400)
      ).body.details[0].field,
    ).toBe('amount');
    expect(
      (
        await t.http
          .get(`${path(seller.id)}/preview.png?amount=abc`)
          .set(seller.owner.auth)
          .expect(400)
      ).body.details[0].field,
    ).toBe('amount');
    await t.http
      .get(`${path(seller.id)}/preview.png`)
      .set(other.owner.auth)
      .expect(403);
    await t.http
      .get(`${path(seller.id)}/preview.png`)
      .set(editor.auth)
      .expect(403);
    await t.http
      .get(`${path(other.id)}/preview.png`)
      .set(other.owner.auth)
      .expect(404);
  });

  it('is part of the members’ "my data" export; erasing the person keeps the account with the enterprise', async () => {
    const section = t.app
      .get(PersonalDataRegistry)
      .all()
      .find((c) => c.section === 'payout-accounts')!;
    const subject = (u: TestUser) => ({ userId: u.id, email: u.email, pseudonym: 'user-x' });
    expect(await section.export(subject(seller.owner), t.dataSource.manager)).toEqual([
      { enterpriseId: seller.id, bankBin: '970436', bank: 'Vietcombank', accountNumber: '0071000123456', accountHolder: 'NGUYEN THI DAO' },
    ]);
    expect(await section.export(subject(other.owner), t.dataSource.manager)).toEqual([]);
    await t.dataSource.transaction((m) => section.erase!(subject(seller.owner), m));
    expect(await rows(seller.id)).toEqual([expect.objectContaining({ bank_bin: '970436', updated_by: null })]);
  });

  it('audits a replacement with before and after, and a removal; VietQR is then withdrawn', async () => {
    const res = await t.http
      .put(path(seller.id))
      .set(seller.owner.auth)
      .send({ bankBin: '970415', accountNumber: '101868123456', accountHolder: 'HTX BUOI HUNG HOA' })
      .expect(200);
    expect(res.body).toMatchObject({ bankShortName: 'VietinBank', accountNumber: '101868123456' });
    await t.http.delete(path(seller.id)).set(seller.owner.auth).expect(204);
    await t.http.delete(path(seller.id)).set(seller.owner.auth).expect(404);
    const trail = await audits(seller.id);
    expect(trail.map((a: { action: string }) => a.action)).toEqual([
      'payments.payout-account.create',
      'payments.payout-account.update',
      'payments.payout-account.delete',
    ]);
    expect(trail[1].before).toEqual({ bankBin: '970436', accountNumber: '*********3456', accountHolder: 'NGUYEN THI DAO' });
    expect(trail[1].after).toEqual({ bankBin: '970415', accountNumber: '********3456', accountHolder: 'HTX BUOI HUNG HOA' });
    expect(JSON.stringify(trail)).not.toMatch(/0071000123456|101868123456/);
    expect(await rows(seller.id)).toEqual([]);
    expect(await t.app.get(PaymentMethods).available(seller.id)).toEqual(['cod']);
  });
  it('publishes in the operating rules that buyers pay sellers directly and the floor holds no money (version 2, in force)', async () => {
    const rules = await t.http.get('/api/v1/legal/operating-rules').expect(200);
    expect(rules.body).toMatchObject({ document: 'operating-rules', number: 2, status: 'in-force', material: false });
    for (const text of [
      'Thanh toán giữa người mua và người bán',
      'VietQR',
      'tài khoản ngân hàng của chính người bán',
      'không giữ tiền của người mua',
      'không khấu trừ',
      'theo đúng phương thức đã thanh toán',
    ]) {
      expect(rules.body.body).toContain(text);
    }
    expect(rules.body.body).toContain('24 giờ'); // the earlier sections are kept
    const v2 = await t.http.get('/api/v1/legal/operating-rules/versions/2').expect(200);
    expect(v2.body.previous).toBe(1);
    expect(v2.body.diff.filter((l: { change: string }) => l.change === 'removed')).toEqual([]);
    expect(v2.body.diff).toEqual(expect.arrayContaining([{ change: 'added', text: '8. Thanh toán giữa người mua và người bán' }]));
    const page = await t.http.get('/quy-che-hoat-dong').expect(200);
    expect(page.text).toContain('Thanh toán giữa người mua và người bán');
    expect(page.text).toContain('href="/quy-che-hoat-dong/phien-ban/1"');
  });
});
