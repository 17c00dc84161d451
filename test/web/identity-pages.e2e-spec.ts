import { JobQueue } from '@tradefloor/core';
import { IDENTITY_REMINDER_QUEUE, IDENTITY_SWEEP_QUEUE } from '@tradefloor/trust-safety';
import { SIM_DEFAULTS, startPartnerSim, type PartnerSim } from '../../apps/partner-sim/src';
import { createUser, PASSWORD, type TestUser } from '../harness/auth';
import { createVerifiedEnterprise, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { freePort } from '../harness/processes';
import { createTestApp, type TestApp } from '../harness/test-app';
import { cookieHeader, openForm, postForm, signIn, type CookieJar } from './web-helpers';

/** The seller's identity page and the staff review queue through HTTP (forms, CSRF, escaping, roles). */
jest.setTimeout(120_000);

describe('web: seller identity page and staff identity review', () => {
  let sim: PartnerSim;
  let t: TestApp;
  let editor: TestUser;
  let ent: FixtureEnterprise;
  let seller: CookieJar;
  let staff: CookieJar;
  const expiry = () => new Date(t.clock.now().getTime() + 500 * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    sim = await startPartnerSim();
    const port = await freePort();
    t = await createTestApp({
      env: {
        PORT: String(port),
        PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
        IDENTITY_EID_BASE_URL: `${sim.url}/eid`,
        IDENTITY_EID_API_KEY: SIM_DEFAULTS.eid.apiKey,
        IDENTITY_EID_WEBHOOK_SECRET: SIM_DEFAULTS.eid.webhookSecret,
      },
    });
    await t.app.listen({ port, host: '127.0.0.1' });
    editor = await createUser(t, 'editor');
    ent = await createVerifiedEnterprise(t, { displayName: 'HTX <Dừa> "Cầu Kè"' });
    seller = await signIn(t, ent.owner.email, PASSWORD);
    staff = await signIn(t, editor.email, PASSWORD);
  });
  afterAll(async () => {
    await t?.close();
    await sim?.stop();
  });

  it('the seller sees the state and both ways to prove it; bad input is shown beside the fields; the document goes to staff', async () => {
    const page = await openForm(t, '/quan-ly/danh-tinh', seller);
    expect(page.html).toContain('Xác thực danh tính người bán');
    expect(page.html).toContain('Chưa xác thực');
    expect(page.html).toContain('HTX &lt;Dừa&gt; &quot;Cầu Kè&quot;');
    expect(page.html).toContain(`action="/quan-ly/danh-tinh/${ent.id}/dien-tu"`);
    expect(page.html).toMatch(/<label for="f-documentNumber">/);
    // The landing page has the tile.
    expect((await t.http.get('/quan-ly').set('Cookie', cookieHeader(seller)).expect(200)).text).toContain('href="/quan-ly/danh-tinh"');

    const bad = await postForm(t, seller, `/quan-ly/danh-tinh/${ent.id}/giay-to`, {
      documentKind: 'cccd',
      documentNumber: '12',
      expiresOn: '',
      holderName: '',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id="f-documentNumber-error"');
    expect(bad.text).toContain('id="f-expiresOn-error"');
    expect(bad.text).toContain('id="f-holderName-error"');
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM identity_requests`))[0].n).toBe(0);

    // Without the CSRF token nothing is written.
    await t.http
      .post(`/quan-ly/danh-tinh/${ent.id}/giay-to`)
      .type('form')
      .set('Cookie', cookieHeader(seller))
      .send({ documentKind: 'cccd', documentNumber: '084095001111', expiresOn: expiry(), holderName: 'Võ Thị Lan' })
      .expect(403);

    const ok = await postForm(t, seller, `/quan-ly/danh-tinh/${ent.id}/giay-to`, {
      documentKind: 'cccd',
      documentNumber: '084095001111',
      expiresOn: expiry(),
      holderName: 'Võ Thị <b>Lan</b>',
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`/quan-ly/danh-tinh?dn=${ent.id}&done=submitted`);
    const after = await t.http.get(ok.headers.location).set('Cookie', cookieHeader(seller)).expect(200);
    expect(after.text).toContain('Đã gửi thông tin giấy tờ.');
    expect(after.text).toContain('Đang chờ xử lý');

    // Someone else's enterprise: refused.
    const stranger = await createUser(t, 'business');
    const strangerJar = await signIn(t, stranger.email, PASSWORD);
    await t.http.get(`/quan-ly/danh-tinh?dn=${ent.id}`).set('Cookie', cookieHeader(strangerJar)).expect(403);
  });

  it('staff see the queue (sellers may not), record what they checked and decide; the seller sees the result', async () => {
    await t.http.get('/quan-ly/xac-thuc-danh-tinh').set('Cookie', cookieHeader(seller)).expect(403);
    const queue = await openForm(t, '/quan-ly/xac-thuc-danh-tinh', staff);
    expect(queue.html).toContain('Võ Thị &lt;b&gt;Lan&lt;/b&gt;');
    expect(queue.html).toContain('HTX &lt;Dừa&gt;');
    const [request] = await t.dataSource.query(`SELECT id FROM identity_requests WHERE enterprise_id = $1`, [ent.id]);

    // Rejecting needs a reason: the card says so and nothing changes.
    const noReason = await postForm(t, staff, `/quan-ly/xac-thuc-danh-tinh/${request.id}`, { decision: 'reject', reason: '' });
    expect(noReason.status).toBe(400);
    expect((await t.dataSource.query(`SELECT status FROM identity_requests WHERE id = $1`, [request.id]))[0].status).toBe('pending');

    const approved = await postForm(t, staff, `/quan-ly/xac-thuc-danh-tinh/${request.id}`, {
      decision: 'approve',
      check_document_original_seen: '1',
      check_number_matches: '1',
    });
    expect(approved.status).toBe(303);
    const [row] = await t.dataSource.query(`SELECT status, checks, holder_name FROM identity_requests WHERE id = $1`, [request.id]);
    expect(row).toEqual({ status: 'approved', checks: ['document_original_seen', 'number_matches'], holder_name: null });
    const done = await t.http.get('/quan-ly/xac-thuc-danh-tinh?status=approved').set('Cookie', cookieHeader(staff)).expect(200);
    expect(done.text).toContain('Đã xem bản gốc giấy tờ');
    const mine = await t.http.get('/quan-ly/danh-tinh').set('Cookie', cookieHeader(seller)).expect(200);
    expect(mine.text).toContain('Đã xác thực');
    expect(mine.text).not.toContain(`/quan-ly/danh-tinh/${ent.id}/giay-to`);

    // Administrators see the identity state on the enterprise verification queue too.
    const adminJar = await signIn(t, t.config.adminEmail!, t.config.adminPassword!);
    const entQueue = await t.http.get('/quan-ly/duyet-doanh-nghiep?status=verified').set('Cookie', cookieHeader(adminJar)).expect(200);
    expect(entQueue.text).toContain('<a href="/quan-ly/xac-thuc-danh-tinh">Đã xác thực</a>');

    // The public profile carries the claim while it holds (its cached copy is dropped on approval)…
    expect((await t.http.get(`/doanh-nghiep/${ent.slug}`).expect(200)).text).toContain('id="identity-verified"');
    expect((await t.http.get(`/doanh-nghiep/${ent.slug}`).expect(200)).text).toContain('Đã xác thực danh tính người bán');
    // …and not after the document's expiry: the sweep records it and drops the cached page.
    t.clock.advance(501 * 86_400_000);
    await t.app.get(JobQueue).enqueueNow(IDENTITY_SWEEP_QUEUE, {});
    await t.drainJobs([IDENTITY_SWEEP_QUEUE, IDENTITY_REMINDER_QUEUE]);
    expect((await t.http.get(`/doanh-nghiep/${ent.slug}`).expect(200)).text).not.toContain('id="identity-verified"');
    expect((await t.http.get(`/api/v1/enterprises/${ent.id}/identity-claim`).expect(200)).body.verifiedIdentity).toBe(false);
  });

  it('electronic verification: the button sends the seller to the service, and coming back settles it', async () => {
    const other = await createVerifiedEnterprise(t);
    const jar = await signIn(t, other.owner.email, PASSWORD);
    await openForm(t, '/quan-ly/danh-tinh', jar);
    const started = await postForm(t, jar, `/quan-ly/danh-tinh/${other.id}/dien-tu`, {});
    expect(started.status).toBe(303);
    expect(started.headers.location).toMatch(new RegExp(`^${sim.url}/eid/v1/consent/eid_`));
    const back = await fetch(`${started.headers.location}?outcome=verified`, { redirect: 'manual' });
    const returnPath = new URL(back.headers.get('location')!).pathname + new URL(back.headers.get('location')!).search;
    const page = await t.http.get(returnPath).set('Cookie', cookieHeader(jar)).expect(200);
    expect(page.text).toContain('Đã xác thực');
    expect(page.text).toContain('Định danh điện tử');
  });
});
