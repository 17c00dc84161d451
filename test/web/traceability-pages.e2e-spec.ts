import { execFileSync, spawnSync } from 'node:child_process';
import { STAMP_SHEET_LAYOUT } from '@tradefloor/traceability';
import { createUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise, XA_HUNG_HOA } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { binary, ownerWithProduct, serialsOf, type Owner } from '../traceability/trace-fixtures';
import { cookieHeader, openForm, postForm, signIn, type CookieJar } from './web-helpers';

const BASE = '/quan-ly/truy-xuat';
const WARN_SCANS = 3;
/** What a browser sends when it navigates to a page (error pages are HTML for it). */
const BROWSER = 'text/html,application/xhtml+xml';

const hasPdfinfo = spawnSync('pdfinfo', ['-v']).error === undefined;

describe('web: batches, QR stamps and scan dashboard in the sellers’ back office', () => {
  let t: TestApp;
  let a: Owner;
  let jar: CookieJar;
  let otherJar: CookieJar;
  let otherEnterpriseId: string;
  let otherProductId: string;
  let batchId: string;
  let serials: string[];

  const count = async (sql: string, params: unknown[] = []) => (await t.dataSource.query(sql, params))[0].n as number;
  const stamps = () => count(`SELECT count(*)::int AS n FROM trace_stamps WHERE batch_id = $1`, [batchId]);
  const get = (path: string, cookies: CookieJar = jar) => t.http.get(path).set('Cookie', cookieHeader(cookies)).set('Accept', BROWSER);

  beforeAll(async () => {
    t = await createTestApp({ worker: false, env: { STAMP_SCAN_RATE_PER_MINUTE: '1000', STAMP_WARN_SCANS: String(WARN_SCANS), TRUST_PROXY: '1' } });
    a = await ownerWithProduct(t, { name: 'Bưởi da xanh Hùng Hòa', ocopStars: 4 });
    const other = await createVerifiedEnterprise(t, { displayName: 'HTX Dừa sáp Cầu Kè' });
    otherEnterpriseId = other.id;
    otherProductId = (await createProduct(t, other.id, { name: 'Dừa sáp' })).id;
    jar = await signIn(t, a.owner.email, a.owner.password);
    otherJar = await signIn(t, other.owner.email, other.owner.password);
  });
  afterAll(() => t.close());

  it('shows the traceability tile to sellers and an empty batch list for their enterprise', async () => {
    expect((await get('/quan-ly')).text).toContain(`href="${BASE}"`);
    const res = await get(BASE).expect(200);
    expect(res.text).toContain('Chưa có lô hàng nào.');
    expect(res.text).toContain(`href="${BASE}/lo-moi?dn=${a.enterprise.id}"`);
    // Strangers are sent to sign in; buyers are not sellers.
    await t.http.get(BASE).expect(303).expect('location', '/dang-nhap');
    const buyer = await createUser(t, 'buyer');
    await get(BASE, await signIn(t, buyer.email, buyer.password)).expect(403);
  });

  it('creates a batch through the form (quantity typed the Vietnamese way)', async () => {
    const form = await openForm(t, `${BASE}/lo-moi?dn=${a.enterprise.id}`, jar);
    expect(form.html).toContain(`<option value="${a.product.id}">Bưởi da xanh Hùng Hòa</option>`);
    const res = await postForm(t, jar, `${BASE}/lo-moi`, {
      enterpriseId: a.enterprise.id,
      productId: a.product.id,
      lotCode: 'HH/25-09',
      producedAt: '2025-07-01',
      expiresAt: '2025-10-01',
      quantity: '1.200,5',
      unit: 'kg',
      originCommuneCode: XA_HUNG_HOA,
      certifications: 'organic',
      notes: 'Thu hoạch vụ hè thu',
    });
    expect(res.status).toBe(303);
    const m = new RegExp(`^${BASE}/lo/([0-9a-f-]{36})\\?created=1$`).exec(res.headers.location);
    expect(m).not.toBeNull();
    batchId = m![1];
    const [row] = await t.dataSource.query(`SELECT lot_code, quantity, unit, certifications, gtin14 FROM trace_batches WHERE id = $1`, [batchId]);
    expect(row).toMatchObject({ lot_code: 'HH/25-09', quantity: '1200.500', unit: 'kg', certifications: [{ type: 'organic' }], gtin14: '08931234567897' });

    const page = await get(res.headers.location).expect(200);
    expect(page.text).toContain('Đã tạo lô hàng.');
    expect(page.text).toContain('Lô HH/25-09');
    expect(page.text).toContain('08931234567897');
    const list = await get(BASE).expect(200);
    expect(list.text).toContain(`<a href="${BASE}/lo/${batchId}">HH/25-09</a>`);
  });

  it('re-renders the batch form with field errors for bad input and a duplicate lot code, writing nothing', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM trace_batches`);
    const good = { enterpriseId: a.enterprise.id, productId: a.product.id, lotCode: 'HH/25-10', producedAt: '2025-07-01', quantity: '50', unit: 'kg' };

    const bad = await postForm(t, jar, `${BASE}/lo-moi`, { ...good, lotCode: 'Lô số 1', quantity: 'nhiều', producedAt: '' });
    expect(bad.status).toBe(400);
    for (const name of ['lotCode', 'quantity', 'producedAt']) expect(bad.text).toContain(`id="f-${name}-error"`);
    expect(bad.text).toContain('value="Lô số 1"');

    const backwards = await postForm(t, jar, `${BASE}/lo-moi`, { ...good, expiresAt: '2025-06-01' });
    expect(backwards.status).toBe(400);
    expect(backwards.text).toMatch(/id="f-expiresAt-error">Hạn dùng phải sau ngày sản xuất/);

    const duplicate = await postForm(t, jar, `${BASE}/lo-moi`, { ...good, lotCode: 'HH/25-09' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.text).toMatch(/id="f-lotCode-error">Mã lô đã tồn tại/);
    expect(duplicate.text).toContain('aria-invalid="true"');
    expect(await count(`SELECT count(*)::int AS n FROM trace_batches`)).toBe(before);
  });

  it('refuses 0 and 100,001 stamps with a field error and writes nothing, then issues 25', async () => {
    await openForm(t, `${BASE}/lo/${batchId}`, jar);
    for (const [value, message] of [
      ['0', 'Phát hành ít nhất 1 tem'],
      ['100001', 'Tối đa 100.000 tem mỗi lần'],
      ['mười', 'Số tem phải là số nguyên'],
    ]) {
      const res = await postForm(t, jar, `${BASE}/lo/${batchId}/phat-hanh`, { count: value });
      expect(res.status).toBe(400);
      expect(res.text).toMatch(new RegExp(`id="f-count-error">${message}`));
      expect(res.text).toContain(`id="f-count" name="count" type="number" value="${value}"`);
    }
    expect(await stamps()).toBe(0);

    const res = await postForm(t, jar, `${BASE}/lo/${batchId}/phat-hanh`, { count: '25' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${BASE}/lo/${batchId}?issued=25&from=1&to=25#stamps-h`);
    expect(await stamps()).toBe(25);
    serials = await serialsOf(t, batchId);

    const page = await get(res.headers.location.split('#')[0]).expect(200);
    expect(page.text).toContain('Đã phát hành 25 tem (số thứ tự 1–25).');
    expect(page.text).toContain(`href="${BASE}/lo/${batchId}/tem.pdf?fromSeq=1&amp;toSeq=25"`);
    expect(page.text).toMatch(/<tr><td>1–25<\/td><td><span class="badge badge-off">Chưa kích hoạt<\/span><\/td><td class="num">25<\/td>/);
  });

  it('downloads the CSV through the cookie session: 25 rows whose URLs verify as genuine', async () => {
    const res = await get(`${BASE}/lo/${batchId}/tem.csv`).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="stamps-HH_25-09.csv"');
    expect(res.headers['cache-control']).toBe('private, no-store');
    const [header, ...rows] = res.text.trim().split('\n');
    expect(header).toBe('seq,serial,url,state');
    expect(rows).toHaveLength(25);
    for (const [i, line] of rows.entries()) {
      const [seq, serial, url, state] = line.split(',');
      expect([Number(seq), serial, state]).toEqual([i + 1, serials[i], 'issued']);
      expect(url).toBe(`${t.config.publicBaseUrl}/01/08931234567897/10/HH%2F25-09/21/${serial}`);
      const page = await t.http.get(url.slice(t.config.publicBaseUrl.length)).set('Accept', BROWSER).expect(200);
      expect(page.text).toContain('data-verdict="genuine"');
    }
    const range = await get(`${BASE}/lo/${batchId}/tem.csv?fromSeq=3&toSeq=7`).expect(200);
    expect(
      range.text
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0]),
    ).toEqual(['3', '4', '5', '6', '7']);
    const upsideDown = await get(`${BASE}/lo/${batchId}/tem.csv?fromSeq=7&toSeq=3`).expect(400);
    expect(upsideDown.headers['content-type']).toContain('text/html');
  });

  it('downloads the printable PDF: content type, %PDF header, one A4 page per 35 stamps', async () => {
    const res = await t.http.get(`${BASE}/lo/${batchId}/tem.pdf`).set('Cookie', cookieHeader(jar)).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="stamps-HH_25-09.pdf"');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (hasPdfinfo) {
      const info = execFileSync('pdfinfo', ['-'], { input: pdf }).toString();
      expect(Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])).toBe(Math.ceil(25 / STAMP_SHEET_LAYOUT.perPage));
    }
  });

  it('activates a range and revokes one stamp; the stamp page then says revoked, in the storefront layout', async () => {
    const activated = await postForm(t, jar, `${BASE}/lo/${batchId}/kich-hoat`, { 'activate.fromSeq': '1', 'activate.toSeq': '10' });
    expect(activated.status).toBe(303);
    expect(activated.headers.location).toBe(`${BASE}/lo/${batchId}?activated=10#stamps-h`);

    // Nothing to revoke named, and a code whose check character is wrong: field errors, nothing revoked.
    const empty = await postForm(t, jar, `${BASE}/lo/${batchId}/thu-hoi`, { 'revoke.reason': 'Tem bị rách' });
    expect(empty.status).toBe(400);
    expect(empty.text).toMatch(/id="f-revoke\.serial-error">Nhập mã tem/);
    const typo = serials[4].slice(0, 13) + (serials[4][13] === 'A' ? 'B' : 'A');
    const wrong = await postForm(t, jar, `${BASE}/lo/${batchId}/thu-hoi`, { 'revoke.serial': typo, 'revoke.reason': 'Tem bị rách' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('id="f-revoke.serial-error"');
    expect(await count(`SELECT count(*)::int AS n FROM trace_stamps WHERE batch_id = $1 AND state = 'revoked'`, [batchId])).toBe(0);

    const revoked = await postForm(t, jar, `${BASE}/lo/${batchId}/thu-hoi`, { 'revoke.serial': serials[4].toLowerCase(), 'revoke.reason': 'Tem bị rách' });
    expect(revoked.status).toBe(303);
    expect(revoked.headers.location).toBe(`${BASE}/lo/${batchId}?revoked=1#stamps-h`);
    const page = await get(`${BASE}/lo/${batchId}`).expect(200);
    const runs = [...page.text.matchAll(/<tr><td>([\d–]+)<\/td><td><span class="badge [^"]+">([^<]+)<\/span>/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(runs).toEqual(['1–4 Đã kích hoạt', '5 Đã thu hồi', '6–10 Đã kích hoạt', '11–25 Chưa kích hoạt']);

    const verdict = await t.http.get(`/t/${serials[4]}`).set('Accept', BROWSER).expect(200);
    expect(verdict.text).toContain('data-verdict="revoked"');
    expect(verdict.text).toMatch(/<h1>Tem đã bị thu hồi<\/h1>/);
    expect(verdict.text).toContain('<strong>HTX Bưởi da xanh Hùng Hòa</strong> đã thu hồi tem này.');
    expect(verdict.text).toContain('<header class="site">');
    expect(verdict.text).toContain('<a href="/kiem-tra-tem">');
    expect(verdict.text).toContain('<footer class="site">');
    expect(verdict.text).not.toContain('<script');
    const english = await t.http.get(`/t/${serials[4]}?lang=en`).set('Accept', BROWSER).expect(200);
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toMatch(/<h1>This stamp has been revoked<\/h1>/);
  });

  it('adds an EPCIS event from the batch page, shown to buyers on the stamp page', async () => {
    const now = new Date(t.clock.now().getTime() + 7 * 3600_000).toISOString().slice(0, 16);
    const tomorrow = new Date(t.clock.now().getTime() + 31 * 3600_000).toISOString().slice(0, 16);
    const future = await postForm(t, jar, `${BASE}/lo/${batchId}/su-kien`, { type: 'ObjectEvent', bizStep: 'packing', eventTime: tomorrow });
    expect(future.status).toBe(400);
    expect(future.text).toMatch(/id="f-eventTime-error">Sự kiện không thể ở tương lai/);
    const res = await postForm(t, jar, `${BASE}/lo/${batchId}/su-kien`, {
      type: 'ObjectEvent',
      bizStep: 'packing',
      eventTime: now,
      place: 'Nhà sơ chế ấp Phú Thọ',
    });
    expect(res.status).toBe(303);
    const [event] = await t.dataSource.query(`SELECT biz_step, place, event_time_zone_offset FROM trace_events WHERE batch_id = $1`, [batchId]);
    expect(event).toEqual({ biz_step: 'packing', place: 'Nhà sơ chế ấp Phú Thọ', event_time_zone_offset: '+07:00' });
    const stampPage = await t.http.get(`/t/${serials[0]}`).set('Accept', BROWSER).expect(200);
    expect(stampPage.text).toContain('Hành trình sản phẩm');
    expect(stampPage.text).toContain('<strong>Đóng gói</strong>');
  });

  it('draws the batch’s scans per day as an SVG column chart, and lists the anomalies', async () => {
    // One stamp read by more phones (distinct clients) than the warning threshold; a revoked one scanned again.
    for (let i = 0; i <= WARN_SCANS; i++) {
      await t.http
        .get(`/t/${serials[1]}`)
        .set('x-forwarded-for', `198.51.100.${i + 1}`)
        .set('user-agent', `Phone ${i}`)
        .expect(200);
    }
    await t.http.get(`/api/v1/stamps/${serials[4]}`).set('x-forwarded-for', '192.0.2.44').set('user-agent', 'Zalo').expect(200);

    const res = await get(`${BASE}/lo/${batchId}/thong-ke`).expect(200);
    const chart = /<figure class="chart" aria-labelledby="scans-cap">([\s\S]*?)<\/figure>/.exec(res.text)![1];
    expect(chart).toContain('role="img"');
    const values = [...chart.matchAll(/data-value="(\d+)"/g)].map((m) => Number(m[1]));
    expect(values).toHaveLength(30);
    const recorded = await count(`SELECT count(*)::int AS n FROM trace_stamp_scans WHERE batch_id = $1`, [batchId]);
    expect(recorded).toBeGreaterThanOrEqual(25 + WARN_SCANS + 1);
    // All of this suite's scans happened today: the last column holds them, the others are empty.
    expect(values.at(-1)).toBe(recorded);
    expect(values.slice(0, -1).every((v) => v === 0)).toBe(true);

    // A period the dashboard refuses is said next to the dates; the default period is drawn instead.
    const upsideDown = await get(`${BASE}/lo/${batchId}/thong-ke?from=2025-03-10&to=2025-03-01`).expect(200);
    expect(upsideDown.text).toContain('id="f-to-error"');
    expect(upsideDown.text).toContain('aria-labelledby="scans-cap"');

    const anomalies = await get(`${BASE}/canh-bao?dn=${a.enterprise.id}`).expect(200);
    const [warned, revokedScans] = anomalies.text.split('Tem đã thu hồi vẫn bị quét</h2>');
    expect(warned).toContain(`<code>${serials[1]}</code>`);
    expect(revokedScans.split('</table>')[0]).toContain(`<code>${serials[4]}</code>`);
  });

  it('keeps another business out of the batch, its downloads and its forms, writing nothing', async () => {
    // The other seller holds a session and a CSRF token of their own, from their own batch form.
    await openForm(t, `${BASE}/lo-moi?dn=${otherEnterpriseId}`, otherJar);
    const before = { stamps: await stamps(), batches: await count(`SELECT count(*)::int AS n FROM trace_batches`) };

    for (const path of [
      `${BASE}/lo/${batchId}`,
      `${BASE}/lo/${batchId}/thong-ke`,
      `${BASE}/lo-moi?dn=${a.enterprise.id}`,
      `${BASE}?dn=${a.enterprise.id}`,
      `${BASE}/canh-bao?dn=${a.enterprise.id}`,
    ]) {
      const res = await get(path, otherJar);
      expect([path, res.status]).toEqual([path, 403]);
    }
    for (const file of ['tem.csv', 'tem.pdf']) {
      const res = await get(`${BASE}/lo/${batchId}/${file}`, otherJar).expect(403);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['content-disposition']).toBeUndefined();
      await t.http.get(`${BASE}/lo/${batchId}/${file}`).expect(303).expect('location', '/dang-nhap');
    }
    await get(`${BASE}/lo/00000000-0000-4000-8000-000000000000`).expect(404);

    const posts: Array<[string, Record<string, string>]> = [
      [`${BASE}/lo/${batchId}/phat-hanh`, { count: '5' }],
      [`${BASE}/lo/${batchId}/kich-hoat`, { 'activate.fromSeq': '11', 'activate.toSeq': '25' }],
      [`${BASE}/lo/${batchId}/thu-hoi`, { 'revoke.fromSeq': '1', 'revoke.toSeq': '25', 'revoke.reason': 'Không phải của tôi' }],
      [`${BASE}/lo/${batchId}/su-kien`, { type: 'ObjectEvent', bizStep: 'shipping', eventTime: '2025-07-02T08:00' }],
      // Someone else's enterprise, and someone else's product under one's own enterprise.
      [`${BASE}/lo-moi`, { enterpriseId: a.enterprise.id, productId: a.product.id, lotCode: 'X1', producedAt: '2025-07-01', quantity: '1', unit: 'kg' }],
      [`${BASE}/lo-moi`, { enterpriseId: otherEnterpriseId, productId: a.product.id, lotCode: 'X2', producedAt: '2025-07-01', quantity: '1', unit: 'kg' }],
    ];
    for (const [path, fields] of posts) {
      const res = await postForm(t, otherJar, path, fields);
      expect([path, res.status]).toEqual([path, 403]);
    }
    // A form posted without its CSRF token is refused too, even by the owner.
    await t.http.post(`${BASE}/lo/${batchId}/phat-hanh`).type('form').set('Cookie', cookieHeader(jar)).send({ count: '5' }).expect(403);

    expect({ stamps: await stamps(), batches: await count(`SELECT count(*)::int AS n FROM trace_batches`) }).toEqual(before);
    expect(await count(`SELECT count(*)::int AS n FROM trace_stamps WHERE batch_id = $1 AND state = 'revoked'`, [batchId])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM trace_events WHERE batch_id = $1`, [batchId])).toBe(1);
    // The other seller's own product is still theirs to trace; GS1 lot codes may hold <, &, " and '.
    const own = await postForm(t, otherJar, `${BASE}/lo-moi`, {
      enterpriseId: otherEnterpriseId,
      productId: otherProductId,
      lotCode: `D<&>"'1`,
      producedAt: '2025-07-01',
      quantity: '10',
      unit: 'kg',
    });
    expect(own.status).toBe(303);
    for (const path of [own.headers.location, `${own.headers.location.split('?')[0]}/thong-ke`]) {
      const page = await get(path, otherJar).expect(200);
      expect(page.text).toContain('D&lt;&amp;&gt;&quot;&#39;1');
      expect(page.text).not.toContain('&amp;amp;');
      expect(page.text).not.toContain(`D<&>`);
    }
  });
});
