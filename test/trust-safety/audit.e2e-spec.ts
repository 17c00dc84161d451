import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { AuditChainHeads } from '@tradefloor/trust-safety';
import { createUser, loginAdmin, type TestUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { createEnterprise } from '../enterprise/helpers';
import { bulletinInput, categoryId as bulletinCategory, publishedBulletin } from '../news/helpers';

const run = promisify(execFile);
const root = resolve(__dirname, '../..');

/** Runs SQL with the audit triggers off, as only the database owner could: what a tamperer does. */
async function tamper(t: TestApp, sql: string, params: unknown[] = []): Promise<void> {
  await t.dataSource.transaction(async (m) => {
    await m.query(`ALTER TABLE audit_events DISABLE TRIGGER USER`);
    await m.query(sql, params);
    await m.query(`ALTER TABLE audit_events ENABLE TRIGGER USER`);
  });
}

jest.setTimeout(180_000);

describe('audit log (tamper-evident, issue 14)', () => {
  let t: TestApp;
  let admin: TestUser;
  let seller: TestUser;
  let enterpriseId: string;

  beforeAll(async () => {
    // This suite tampers with the log on purpose (and leaves a cut tail): no chain check on close.
    t = await createTestApp({ verifyAuditChainOnClose: false });
    admin = await loginAdmin(t);
    seller = await createUser(t, 'business');
    enterpriseId = (await createEnterprise(t, seller)).id;
    await t.http.post(`/api/v1/enterprises/${enterpriseId}/submit`).set(seller.auth).expect(200);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('records each privileged action with actor, role, before/after and the request id, in the same transaction', async () => {
    const verified = await t.http.post(`/api/v1/admin/enterprises/${enterpriseId}/verify`).set(admin.auth).expect(200);
    const suspended = await t.http.post(`/api/v1/admin/enterprises/${enterpriseId}/suspend`).set(admin.auth).send({ reason: 'Hàng giả' }).expect(200);

    const page = await t.http.get('/api/v1/admin/audit').query({ subjectType: 'enterprise', subjectId: enterpriseId }).set(admin.auth).expect(200);
    expect(page.body.total).toBe(2);
    const [suspend, verify] = page.body.items; // newest first
    expect(verify).toMatchObject({
      action: 'enterprise.verify',
      actorId: admin.id,
      actorRole: 'admin',
      subjectType: 'enterprise',
      subjectId: enterpriseId,
      requestId: verified.headers['x-request-id'],
    });
    expect(verify.before.status).toBe('pending_verification');
    expect(verify.after.status).toBe('verified');
    expect(suspend).toMatchObject({ action: 'enterprise.suspend', requestId: suspended.headers['x-request-id'] });
    expect(suspend.after).toMatchObject({ status: 'suspended', suspensionReason: 'Hàng giả' });

    // A refused action (already suspended) writes nothing.
    await t.http.post(`/api/v1/admin/enterprises/${enterpriseId}/suspend`).set(admin.auth).send({ reason: 'Lần hai' }).expect(409);
    const after = await t.http.get('/api/v1/admin/audit').query({ subjectId: enterpriseId }).set(admin.auth).expect(200);
    expect(after.body.total).toBe(2);
    await t.http.post(`/api/v1/admin/enterprises/${enterpriseId}/reinstate`).set(admin.auth).expect(200);
  });

  it('covers product moderation, OCOP certificates, bulletins and role changes; filters by actor, action prefix and period; exports CSV', async () => {
    const e = await createVerifiedEnterprise(t);
    const product = await createProduct(t, e.id, { name: 'Mật hoa dừa =cmd', status: 'pending_review' });
    await t.http.post(`/api/v1/admin/products/${product.id}/approve`).set(admin.auth).expect(200);
    const cert = await t.http
      .post(`/api/v1/products/${product.id}/ocop-certificates`)
      .set(admin.auth)
      .send({
        stars: 4,
        score: 75,
        decisionNumber: `QĐ-${Date.now()}`,
        issuingBody: 'UBND tỉnh Vĩnh Long',
        decisionDate: new Date().toISOString().slice(0, 10),
      });
    expect(cert.status).toBe(201);
    await t.http.post(`/api/v1/admin/ocop-certificates/${cert.body.id}/revoke`).set(admin.auth).send({ reason: 'Sai hồ sơ' }).expect(200);
    const editor = await createUser(t, 'editor');
    await publishedBulletin(t, editor, bulletinInput(await bulletinCategory(t, 'ocop')));

    const actions = async (query: Record<string, string>) =>
      (
        await t.http
          .get('/api/v1/admin/audit')
          .query({ pageSize: '100', ...query })
          .set(admin.auth)
          .expect(200)
      ).body.items.map((i: { action: string }) => i.action);
    expect(await actions({ subjectId: product.id })).toEqual(['ocop.certificate-revoke', 'ocop.certificate-add', 'product.approve']);
    expect(await actions({ action: 'user.*', subjectId: editor.id })).toEqual(['user.role-change']);
    expect(await actions({ actorId: editor.id })).toContain('bulletin.publish');
    expect(await actions({ from: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);

    const csv = await t.http.get('/api/v1/admin/audit/export.csv').query({ subjectId: product.id }).set(admin.auth).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('product.approve');
    // User text that a spreadsheet would run as a formula is neutralised.
    expect(csv.text).not.toMatch(/,=cmd/);
  });

  it('is for admins only, and bad filters get a 400 envelope naming the field', async () => {
    await t.http.get('/api/v1/admin/audit').expect(401);
    await t.http.get('/api/v1/admin/audit').set(seller.auth).expect(403);
    const editor = await createUser(t, 'editor');
    await t.http.get('/api/v1/admin/audit/verification').set(editor.auth).expect(403);
    for (const [field, value] of [
      ['actorId', 'not-a-uuid'],
      ['from', 'yesterday'],
      ['action', 'DROP TABLE'],
      ['pageSize', '1000'],
    ]) {
      const res = await t.http
        .get('/api/v1/admin/audit')
        .query({ [field]: value })
        .set(admin.auth)
        .expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });

  it('keeps one unbroken chain under concurrent privileged actions', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, () => createUser(t, 'buyer')));
    const roles = ['editor', 'buyer', 'business'] as const;
    const results = await Promise.all(
      users.flatMap((u, i) =>
        [0, 1, 2].map((k) =>
          t.http
            .patch(`/api/v1/admin/users/${u.id}/${k === 2 ? 'status' : 'role'}`)
            .set(admin.auth)
            .send(k === 2 ? { status: i % 2 ? 'disabled' : 'active' } : { role: roles[(i + k) % 3] }),
        ),
      ),
    );
    expect(results.map((r) => r.status).every((s) => s === 200)).toBe(true);
    const report = await t.http.get('/api/v1/admin/audit/verification').set(admin.auth).expect(200);
    expect(report.body).toMatchObject({ ok: true });
    expect(report.body.checked).toBeGreaterThanOrEqual(18);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the log', async () => {
    await expect(t.dataSource.query(`UPDATE audit_events SET action = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM audit_events WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM audit_chain_heads`)).rejects.toThrow(/append-only/);
  });

  it('the verifier (API and `npm run audit:verify`) names the first edited row, and a cut tail via the recorded head', async () => {
    const heads = t.app.get(AuditChainHeads);
    expect(await heads.record()).not.toBeNull();
    const cli = async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'tf-audit-'));
      try {
        return await run(process.execPath, [join(root, 'dist/apps/api/src/cli/audit-verify.js')], {
          env: { ...process.env, DATABASE_URL: t.config.databaseUrl, DATA_DIR: dataDir, LOG_LEVEL: 'error' },
        }).then(
          (r) => ({ code: 0, out: r.stdout }),
          (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
        );
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    };
    const clean = await cli();
    expect(clean.out).toMatch(/Audit chain OK/);
    expect(clean.code).toBe(0);

    const [{ max }] = await t.dataSource.query(`SELECT max(seq)::int AS max FROM audit_events`);
    const edited = 3;
    const [{ after: original }] = await t.dataSource.query(`SELECT after FROM audit_events WHERE seq = $1`, [edited]);
    await tamper(t, `UPDATE audit_events SET after = jsonb_set(coalesce(after, '{}'), '{tampered}', 'true') WHERE seq = $1`, [edited]);
    const report = await t.http.get('/api/v1/admin/audit/verification').set(admin.auth).expect(200);
    expect(report.body.ok).toBe(false);
    expect(report.body.firstBroken.seq).toBe(edited);
    expect(report.body.checked).toBe(edited - 1);
    const broken = await cli();
    expect(broken.code).toBe(2);
    expect(broken.out).toContain(`BROKEN at row #${edited}`);

    // Put the row back as it was: the chain holds again.
    await tamper(t, `UPDATE audit_events SET after = $2::jsonb WHERE seq = $1`, [edited, JSON.stringify(original)]);
    expect((await t.http.get('/api/v1/admin/audit/verification').set(admin.auth).expect(200)).body.ok).toBe(true);

    // Cutting off the newest row leaves a valid chain of links, but the recorded head is gone.
    await tamper(t, `DELETE FROM audit_events WHERE seq = $1`, [max]);
    const cut = await t.http.get('/api/v1/admin/audit/verification').set(admin.auth).expect(200);
    expect(cut.body.ok).toBe(false);
    expect(cut.body.checked).toBe(max - 1);
    expect(cut.body.firstBroken).toMatchObject({ seq: max });
    expect(cut.body.firstBroken.reason).toMatch(/tail was cut/);
  });
});
