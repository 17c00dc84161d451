import { JobQueue } from '@tradefloor/core';
import { IDENTITY_CHECK_QUEUE, IDENTITY_REMINDER_QUEUE, IDENTITY_SWEEP_QUEUE } from '@tradefloor/trust-safety';
import { createHmac, randomBytes } from 'node:crypto';
import { SIM_DEFAULTS, startPartnerSim, type PartnerSim } from '../../apps/partner-sim/src';
import { createUser, loginAdmin, type TestUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { FakeSmtpServer, readMail } from '../harness/fake-smtp-server';
import { freePort } from '../harness/processes';
import { createTestApp, type TestApp } from '../harness/test-app';
import { waitFor } from '../partner-sync/sync-harness';

/**
 * Seller identity (issue 14, Decree 320/2026) through HTTP on real PostgreSQL + Meilisearch: staff
 * review, the electronic identity simulator (signed notifications as hints, polling), expiry of
 * the public claim, reminders through the mail port, and the deadline policy hiding unverified sellers.
 */
jest.setTimeout(180_000);

const DAY = 86_400_000;
const day = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

describe('seller identity (issue 14): proven before selling, by staff review or electronically', () => {
  let sim: PartnerSim;
  let smtp: FakeSmtpServer;
  let t: TestApp;
  let admin: TestUser;
  let editor: TestUser;
  const hideAfter = new Date(Date.now() + 200 * DAY);
  const cccd = () => `0840${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const proof = (extra: Record<string, unknown> = {}) => ({
    documentKind: 'cccd',
    documentNumber: cccd(),
    expiresOn: day(new Date(t.clock.now().getTime() + 400 * DAY)),
    holderName: 'Trần Thị Bích',
    ...extra,
  });
  const status = async (ent: FixtureEnterprise) => (await t.http.get(`/api/v1/enterprises/${ent.id}/identity`).set(ent.owner.auth).expect(200)).body;
  const claim = async (ent: FixtureEnterprise) => (await t.http.get(`/api/v1/enterprises/${ent.id}/identity-claim`).expect(200)).body;
  const sweep = async () => {
    await t.app.get(JobQueue).enqueueNow(IDENTITY_SWEEP_QUEUE, {});
    await t.drainJobs([IDENTITY_SWEEP_QUEUE, IDENTITY_REMINDER_QUEUE], 60_000);
  };
  const audit = async (action: string, enterpriseId: string) =>
    (await t.dataSource.query(`SELECT after FROM audit_events WHERE action = $1 AND subject_id = $2 ORDER BY seq`, [action, enterpriseId])) as Array<{
      after: Record<string, unknown>;
    }>;

  beforeAll(async () => {
    sim = await startPartnerSim();
    smtp = new FakeSmtpServer();
    const smtpPort = await smtp.start();
    const port = await freePort();
    t = await createTestApp({
      env: {
        PORT: String(port),
        PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
        SMTP_URL: `smtp://thong.bao:mat%20khau@127.0.0.1:${smtpPort}`,
        MAIL_FROM: 'san@example.vn',
        IDENTITY_EID_BASE_URL: `${sim.url}/eid`,
        IDENTITY_EID_API_KEY: SIM_DEFAULTS.eid.apiKey,
        IDENTITY_EID_WEBHOOK_SECRET: SIM_DEFAULTS.eid.webhookSecret,
        IDENTITY_REMINDER_INTERVAL_HOURS: '24',
        IDENTITY_HIDE_UNVERIFIED_AFTER: hideAfter.toISOString(),
      },
    });
    await t.app.listen({ port, host: '127.0.0.1' });
    admin = await loginAdmin(t);
    editor = await createUser(t, 'editor');
  });
  afterAll(async () => {
    await t?.close();
    await sim?.stop();
    await smtp?.stop();
  });

  it('staff review: the seller submits, staff record what they checked and approve; only a keyed hash is kept; the public claim lasts until expiry', async () => {
    const ent = await createVerifiedEnterprise(t);
    expect(await status(ent)).toMatchObject({ state: 'unverified', pending: null, hidden: false, electronicAvailable: true });
    expect(await claim(ent)).toEqual({ verifiedIdentity: false, verifiedAt: null, expiresAt: null });

    const expiresOn = day(new Date(t.clock.now().getTime() + 40 * DAY));
    const body = proof({ documentNumber: '084 095 006 789', expiresOn });
    const submitted = await t.http.post(`/api/v1/enterprises/${ent.id}/identity/proofs`).set(ent.owner.auth).send(body).expect(201);
    expect(submitted.body).toMatchObject({ method: 'staff_review', status: 'pending', documentKind: 'cccd', documentExpiresOn: expiresOn });
    expect((await status(ent)).state).toBe('pending');
    // A second proof while one waits is refused.
    const again = await t.http.post(`/api/v1/enterprises/${ent.id}/identity/proofs`).set(ent.owner.auth).send(proof()).expect(409);
    expect(again.body.code).toBe('IDENTITY_PENDING');

    // Staff see the queue with the enterprise and the holder's name (while pending).
    const queue = await t.http.get('/api/v1/admin/identity/requests').set(editor.auth).expect(200);
    const item = queue.body.items.find((i: { id: string }) => i.id === submitted.body.id);
    expect(item).toMatchObject({ enterpriseId: ent.id, holderName: 'Trần Thị Bích', sameDocumentElsewhere: 0 });
    await t.http.get('/api/v1/admin/identity/requests').set(ent.owner.auth).expect(403);

    // Nothing of the number itself is stored: only a keyed hash (not even a plain sha256 of it).
    const [stored] = await t.dataSource.query(`SELECT row_to_json(r)::text AS json, document_hash FROM identity_requests r WHERE id = $1`, [submitted.body.id]);
    expect(stored.json).not.toContain('084095006789');
    expect(stored.document_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.document_hash).not.toBe(createHmac('sha256', '').update('cccd:084095006789').digest('hex'));

    const decided = await t.http
      .post(`/api/v1/admin/identity/requests/${submitted.body.id}/decision`)
      .set(editor.auth)
      .send({ decision: 'approve', checks: ['document_original_seen', 'photo_matches_holder', 'number_matches'] })
      .expect(200);
    expect(decided.body).toMatchObject({ status: 'approved', holderName: null, checks: ['document_original_seen', 'photo_matches_holder', 'number_matches'] });
    const [afterDecision] = await t.dataSource.query(`SELECT holder_name, image_key FROM identity_requests WHERE id = $1`, [submitted.body.id]);
    expect(afterDecision).toEqual({ holder_name: null, image_key: null });
    const verified = await status(ent);
    expect(verified).toMatchObject({ state: 'verified', method: 'staff_review', documentKind: 'cccd', pending: null });
    expect(day(new Date(verified.expiresAt))).toBe(expiresOn);
    expect((await claim(ent)).verifiedIdentity).toBe(true);
    // Staff see it too; the decision is audited with what was checked (never the number).
    expect((await t.http.get(`/api/v1/admin/identity/enterprises/${ent.id}`).set(admin.auth).expect(200)).body.state).toBe('verified');
    const [approved] = await audit('identity.approve', ent.id);
    expect(approved.after).toMatchObject({
      requestId: submitted.body.id,
      method: 'staff_review',
      checks: ['document_original_seen', 'photo_matches_holder', 'number_matches'],
    });
    expect(JSON.stringify(approved)).not.toContain('084095006789');
    // Deciding twice is refused.
    const twice = await t.http
      .post(`/api/v1/admin/identity/requests/${submitted.body.id}/decision`)
      .set(editor.auth)
      .send({ decision: 'reject', checks: [], reason: 'x' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('IDENTITY_DECIDED');

    // The same document for another enterprise is flagged to staff.
    const other = await createVerifiedEnterprise(t);
    const reused = await t.http
      .post(`/api/v1/enterprises/${other.id}/identity/proofs`)
      .set(other.owner.auth)
      .send(proof({ documentNumber: '084095006789' }))
      .expect(201);
    expect((await t.http.get(`/api/v1/admin/identity/requests/${reused.body.id}`).set(editor.auth).expect(200)).body.sameDocumentElsewhere).toBe(1);

    // On the document's expiry the claim disappears at once; the sweep records it.
    t.clock.advance(41 * DAY);
    expect(await claim(ent)).toEqual({ verifiedIdentity: false, verifiedAt: null, expiresAt: null });
    expect((await status(ent)).state).toBe('expired');
    await sweep();
    expect(await audit('identity.expire', ent.id)).toHaveLength(1);
  });

  it('refuses bad input with field errors and writes nothing; other businesses can neither read nor submit', async () => {
    const ent = await createVerifiedEnterprise(t);
    const count = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM identity_requests`))[0].n as number;
    const before = await count();
    const past = day(new Date(t.clock.now().getTime() - DAY));
    const cases: Array<[Record<string, unknown>, string]> = [
      [proof({ documentKind: 'driving_licence' }), 'documentKind'],
      [proof({ documentNumber: '12345' }), 'documentNumber'],
      [proof({ documentKind: 'passport', documentNumber: '084095001234' }), 'documentNumber'],
      [proof({ expiresOn: undefined }), 'expiresOn'],
      [proof({ expiresOn: '2031-02-30' }), 'expiresOn'],
      [proof({ expiresOn: past }), 'expiresOn'],
      [proof({ holderName: '  ' }), 'holderName'],
      [proof({ documentKind: 'business_registration', documentNumber: '0123456788', expiresOn: undefined }), 'documentNumber'],
    ];
    for (const [payload, field] of cases) {
      const res = await t.http.post(`/api/v1/enterprises/${ent.id}/identity/proofs`).set(ent.owner.auth).send(payload).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const stranger = await createUser(t, 'business');
    await t.http.post(`/api/v1/enterprises/${ent.id}/identity/proofs`).set(stranger.auth).send(proof()).expect(403);
    await t.http.get(`/api/v1/enterprises/${ent.id}/identity`).set(stranger.auth).expect(403);
    await t.http.post(`/api/v1/enterprises/${ent.id}/identity/electronic`).set(stranger.auth).send({}).expect(403);
    await t.http.get(`/api/v1/enterprises/${ent.id}/identity`).expect(401);
    expect(await count()).toBe(before);
    // A business registration without expiry is accepted (valid tax code).
    await t.http
      .post(`/api/v1/enterprises/${ent.id}/identity/proofs`)
      .set(ent.owner.auth)
      .send(proof({ documentKind: 'business_registration', documentNumber: '0101243150', expiresOn: undefined }))
      .expect(201);
    // Staff decisions: a rejection needs a reason, checks must be known ones.
    const [pending] = await t.dataSource.query(`SELECT id FROM identity_requests WHERE enterprise_id = $1 AND status = 'pending'`, [ent.id]);
    const noReason = await t.http
      .post(`/api/v1/admin/identity/requests/${pending.id}/decision`)
      .set(editor.auth)
      .send({ decision: 'reject', checks: [] })
      .expect(400);
    expect(noReason.body.details[0].field).toBe('reason');
    const badCheck = await t.http
      .post(`/api/v1/admin/identity/requests/${pending.id}/decision`)
      .set(editor.auth)
      .send({ decision: 'approve', checks: ['vibes'] })
      .expect(400);
    expect(badCheck.body.details[0].field).toBe('checks');
    await t.http.post(`/api/v1/admin/identity/requests/${pending.id}/decision`).set(ent.owner.auth).send({ decision: 'approve', checks: [] }).expect(403);
    const rejected = await t.http
      .post(`/api/v1/admin/identity/requests/${pending.id}/decision`)
      .set(editor.auth)
      .send({ decision: 'reject', checks: ['document_original_seen'], reason: 'Tên trên giấy tờ không khớp với doanh nghiệp' })
      .expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionReason: 'Tên trên giấy tờ không khớp với doanh nghiệp' });
    expect(await status(ent)).toMatchObject({ state: 'rejected', reason: 'Tên trên giấy tờ không khớp với doanh nghiệp' });
    expect(await audit('identity.reject', ent.id)).toHaveLength(1);
  });

  it('a foreign passport needs six months of validity left at decision time (injected clock)', async () => {
    const ent = await createVerifiedEnterprise(t);
    const fiveMonths = day(new Date(t.clock.now().getTime() + 150 * DAY));
    const res = await t.http
      .post(`/api/v1/enterprises/${ent.id}/identity/proofs`)
      .set(ent.owner.auth)
      .send(proof({ documentKind: 'foreign_passport', documentNumber: 'X1234567K', expiresOn: fiveMonths, holderName: 'John Smith' }))
      .expect(201);
    const refused = await t.http
      .post(`/api/v1/admin/identity/requests/${res.body.id}/decision`)
      .set(editor.auth)
      .send({ decision: 'approve', checks: [] })
      .expect(409);
    expect(refused.body.code).toBe('IDENTITY_DOCUMENT_EXPIRING');
    // Nothing changed: still pending, nothing audited.
    expect((await status(ent)).state).toBe('pending');
    expect(await audit('identity.approve', ent.id)).toHaveLength(0);
    await t.http
      .post(`/api/v1/admin/identity/requests/${res.body.id}/decision`)
      .set(editor.auth)
      .send({ decision: 'reject', checks: ['document_not_expired'], reason: 'Hộ chiếu còn hạn dưới 6 tháng' })
      .expect(200);

    const eightMonths = day(new Date(t.clock.now().getTime() + 240 * DAY));
    const ok = await t.http
      .post(`/api/v1/enterprises/${ent.id}/identity/proofs`)
      .set(ent.owner.auth)
      .send(proof({ documentKind: 'foreign_passport', documentNumber: 'X7654321K', expiresOn: eightMonths, holderName: 'John Smith' }))
      .expect(201);
    await t.http
      .post(`/api/v1/admin/identity/requests/${ok.body.id}/decision`)
      .set(editor.auth)
      .send({ decision: 'approve', checks: ['document_original_seen'] })
      .expect(200);
    expect((await status(ent)).state).toBe('verified');
  });

  it('electronic identity: redirect, signed notification as a hint (re-fetched), bad signatures refused, lying notifications ignored, polling without notification', async () => {
    const ent = await createVerifiedEnterprise(t);
    sim.eid.person = { documentKind: 'cccd', documentNumber: cccd(), expiresOn: day(new Date(t.clock.now().getTime() + 900 * DAY)), fullName: 'Lê Văn Cường' };
    const started = await t.http.post(`/api/v1/enterprises/${ent.id}/identity/electronic`).set(ent.owner.auth).send({}).expect(201);
    expect(started.body.redirectUrl).toMatch(new RegExp(`^${sim.url}/eid/v1/consent/eid_`));
    expect((await status(ent)).pending).toMatchObject({ method: 'electronic', status: 'pending', redirectUrl: started.body.redirectUrl });

    // The seller consents on the service's page; it sends them back and notifies us (signed).
    const back = await fetch(`${started.body.redirectUrl}?outcome=verified`, { redirect: 'manual' });
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe(`${t.config.publicBaseUrl}/quan-ly/danh-tinh?dn=${ent.id}`);
    expect(sim.eid.delivered.at(-1)?.status).toBe(204);
    await t.drainJobs([IDENTITY_CHECK_QUEUE]);
    expect(await status(ent)).toMatchObject({ state: 'verified', method: 'electronic', documentKind: 'cccd' });
    expect((await audit('identity.approve', ent.id))[0].after).toMatchObject({ method: 'electronic' });

    // A notification with a wrong signature is refused and changes nothing.
    const second = await createVerifiedEnterprise(t);
    sim.setFaults({ eidNotify: 'bad-signature' });
    const s2 = await t.http.post(`/api/v1/enterprises/${second.id}/identity/electronic`).set(second.owner.auth).send({}).expect(201);
    const id2 = s2.body.redirectUrl.split('/').pop();
    const notified = await sim.eid.complete(id2, 'failed');
    expect(notified.notified).toBe(401);
    expect((await status(second)).state).toBe('pending');

    // A notification claiming "verified" for a session the service says failed: re-fetched, so it fails.
    sim.setFaults({ eidNotify: 'lying' });
    await sim.eid.notify(sim.eid.session(id2)!, 'lying');
    await t.drainJobs([IDENTITY_CHECK_QUEUE]);
    expect(await status(second)).toMatchObject({ state: 'rejected', reason: 'citizen declined' });
    expect(await claim(second)).toMatchObject({ verifiedIdentity: false });

    // No notification at all: the seller coming back asks the service (the durable poll would too);
    // while the service errors the state stays pending, never a 500.
    sim.setFaults({ eidNotify: 'none' });
    const third = await createVerifiedEnterprise(t);
    const s3 = await t.http.post(`/api/v1/enterprises/${third.id}/identity/electronic`).set(third.owner.auth).send({}).expect(201);
    const id3 = s3.body.redirectUrl.split('/').pop();
    await sim.eid.complete(id3, 'verified');
    sim.setFaults({ transientRate: 1 });
    expect((await t.http.post(`/api/v1/enterprises/${third.id}/identity/electronic/check`).set(third.owner.auth).expect(200)).body.state).toBe('pending');
    sim.setFaults({ transientRate: 0 });
    expect((await t.http.post(`/api/v1/enterprises/${third.id}/identity/electronic/check`).set(third.owner.auth).expect(200)).body.state).toBe('verified');

    // And the poll alone settles a session nobody comes back from.
    const fourth = await createVerifiedEnterprise(t);
    const s4 = await t.http.post(`/api/v1/enterprises/${fourth.id}/identity/electronic`).set(fourth.owner.auth).send({}).expect(201);
    await sim.eid.complete(s4.body.redirectUrl.split('/').pop(), 'verified');
    await waitFor(async () => (await status(fourth)).state === 'verified', 30_000, 'the poll to settle the session');
    sim.setFaults({ eidNotify: 'signed' });

    // Someone else's signed-looking notification without our secret is a 401.
    const forged = JSON.stringify({ id: id3 });
    const ts = Math.floor(Date.now() / 1000);
    const sig = createHmac('sha256', 'not-the-secret').update(`${ts}.${forged}`).digest('hex');
    const res = await t.http
      .post('/api/v1/identity/electronic/notifications')
      .set('content-type', 'application/json')
      .set('x-eid-signature', `t=${ts},v1=${sig}`)
      .send(forged)
      .expect(401);
    expect(res.body.code).toBe('INVALID_NOTIFICATION_SIGNATURE');
  });

  it('reminds unverified sellers by mail at most once per interval, and after the configured deadline hides them until verified', async () => {
    const ent = await createVerifiedEnterprise(t);
    const product = await createProduct(t, ent.id, { name: `Chuối sấy ${randomBytes(3).toString('hex')}` });
    await t.drainJobs(undefined, 60_000);
    // Reminders only (the owner also got the account's verification mail when registering).
    const mailsTo = () => smtp.messages.filter((m) => m.to.includes(ent.owner.email) && readMail(m).subject.includes('danh tính'));

    await sweep();
    await waitFor(async () => mailsTo().length === 1, 10_000, 'the reminder');
    const mail = readMail(mailsTo()[0]);
    expect(mail.subject).toContain('Xác thực danh tính người bán');
    expect(mail.text).toContain('/quan-ly/danh-tinh');
    // Within the interval: no second reminder however often the sweep runs.
    await sweep();
    await sweep();
    expect(mailsTo()).toHaveLength(1);
    t.clock.advance(25 * 3600_000);
    await sweep();
    await waitFor(async () => mailsTo().length === 2, 10_000, 'the next reminder');

    // Before the deadline nothing is hidden.
    await t.http.get(`/api/v1/products/${product.slug}`).expect(200);
    // After it, the unverified seller and its products leave the public surfaces (as a suspension does).
    t.clock.set(new Date(hideAfter.getTime() + 1000));
    await sweep();
    await t.drainJobs(undefined, 60_000);
    expect((await status(ent)).hidden).toBe(true);
    await t.http.get(`/api/v1/products/${product.slug}`).expect(404);
    await t.http.get(`/api/v1/enterprises/${ent.slug}`).expect(404);
    expect(await audit('identity.hide', ent.id)).toHaveLength(1);
    // A verified seller is not touched.
    const good = await createVerifiedEnterprise(t);
    const p = await t.http.post(`/api/v1/enterprises/${good.id}/identity/proofs`).set(good.owner.auth).send(proof()).expect(201);
    await t.http.post(`/api/v1/admin/identity/requests/${p.body.id}/decision`).set(editor.auth).send({ decision: 'approve', checks: [] }).expect(200);
    await sweep();
    await t.http.get(`/api/v1/enterprises/${good.slug}`).expect(200);

    // Verified again: back on the floor.
    const proofRes = await t.http.post(`/api/v1/enterprises/${ent.id}/identity/proofs`).set(ent.owner.auth).send(proof()).expect(201);
    await t.http
      .post(`/api/v1/admin/identity/requests/${proofRes.body.id}/decision`)
      .set(admin.auth)
      .send({ decision: 'approve', checks: ['number_matches'] })
      .expect(200);
    await t.drainJobs(undefined, 60_000);
    expect((await status(ent)).hidden).toBe(false);
    await t.http.get(`/api/v1/products/${product.slug}`).expect(200);
    await t.http.get(`/api/v1/enterprises/${ent.slug}`).expect(200);
    expect(await audit('identity.unhide', ent.id)).toHaveLength(1);
    // Verified: no more reminders.
    const before = mailsTo().length;
    t.clock.advance(48 * 3600_000);
    await sweep();
    expect(mailsTo()).toHaveLength(before);
  });
});
