import { createUser, loginAdmin, type TestUser } from '../harness/auth';
import { createVerifiedEnterprise, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { createDraft } from '../catalog/catalog-helpers';
import { cookieHeader, openForm, postForm, signIn } from '../web/web-helpers';

/** Keyword screening (issue 14) through HTTP on real PostgreSQL: the term lists, screening at submission, the approval gate. */
describe('keyword screening (issue 14): staff term lists, products screened when submitted, prohibited matches gate approval', () => {
  let t: TestApp;
  let admin: TestUser;
  let editor: TestUser;
  let ent: FixtureEnterprise;
  const TERMS = '/api/v1/admin/screening-terms';

  const count = async (table: string) => (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  const auditActions = async (subjectId: string) =>
    (
      (await t.http.get('/api/v1/admin/audit').query({ subjectId }).set(admin.auth).expect(200)).body.items as Array<{
        action: string;
        after: Record<string, unknown>;
      }>
    ).map((e) => e);
  const queueItem = async (id: string) => {
    const queue = await t.http.get('/api/v1/admin/products').query({ pageSize: 100 }).set(editor.auth).expect(200);
    return queue.body.items.find((i: { id: string }) => i.id === id);
  };
  const submit = (id: string) => t.http.post(`/api/v1/products/${id}/submit`).set(ent.owner.auth).expect(200);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    editor = await createUser(t, 'editor');
    ent = await createVerifiedEnterprise(t);
  });
  afterAll(() => t?.close());

  it('staff manage the lists (admins and editors; audited); bad input is a 400 with field details and writes nothing; others get 403', async () => {
    const created = await t.http.post(TERMS).set(admin.auth).send({ term: '  ma túy ', severity: 'prohibited', note: 'Luật Phòng, chống ma túy' }).expect(201);
    expect(created.body).toMatchObject({ term: 'ma túy', severity: 'prohibited', note: 'Luật Phòng, chống ma túy' });
    await t.http.post(TERMS).set(editor.auth).send({ term: 'rượu', severity: 'restricted' }).expect(201);
    await t.http.post(TERMS).set(admin.auth).send({ term: 'thuốc lá điện tử', severity: 'prohibited' }).expect(201);

    // The same words without diacritics or case are the same term.
    const dup = await t.http.post(TERMS).set(admin.auth).send({ term: 'MA TUY', severity: 'restricted' }).expect(409);
    expect(dup.body.code).toBe('SCREENING_TERM_EXISTS');

    const before = await count('screening_terms');
    const auditBefore = await count('audit_events');
    const bad = await t.http
      .post(TERMS)
      .set(admin.auth)
      .send({ term: '', severity: 'forbidden', note: 'x'.repeat(501) })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['note', 'severity', 'term']);
    const noLetters = await t.http.post(TERMS).set(admin.auth).send({ term: '%%%', severity: 'restricted' }).expect(400);
    expect(noLetters.body.details[0].field).toBe('term');
    await t.http.patch(`${TERMS}/${created.body.id}`).set(admin.auth).send({ severity: 'nope' }).expect(400);
    expect(await count('screening_terms')).toBe(before);
    expect(await count('audit_events')).toBe(auditBefore);

    const seller = await createUser(t, 'business');
    await t.http.get(TERMS).set(seller.auth).expect(403);
    await t.http.post(TERMS).set(seller.auth).send({ term: 'abc', severity: 'restricted' }).expect(403);
    await t.http.get(TERMS).expect(401);

    const temp = await t.http.post(TERMS).set(admin.auth).send({ term: 'tạm thời', severity: 'restricted' }).expect(201);
    const patched = await t.http.patch(`${TERMS}/${temp.body.id}`).set(editor.auth).send({ severity: 'prohibited', note: 'thử' }).expect(200);
    expect(patched.body).toMatchObject({ term: 'tạm thời', severity: 'prohibited', note: 'thử' });
    await t.http.delete(`${TERMS}/${temp.body.id}`).set(admin.auth).expect(204);
    await t.http.get(`${TERMS}/${temp.body.id}`).set(admin.auth).expect(404);

    const list = await t.http.get(TERMS).set(editor.auth).expect(200);
    expect(list.body.items.map((i: { term: string }) => i.term)).toEqual(['ma túy', 'thuốc lá điện tử', 'rượu']);
    const prohibitedOnly = await t.http.get(TERMS).query({ severity: 'prohibited' }).set(editor.auth).expect(200);
    expect(prohibitedOnly.body.total).toBe(2);

    expect((await auditActions(temp.body.id)).map((e) => e.action).sort()).toEqual(['screening-term.create', 'screening-term.delete', 'screening-term.update']);
    expect((await auditActions(created.body.id))[0]).toMatchObject({ action: 'screening-term.create', after: { term: 'ma túy', severity: 'prohibited' } });
  });

  it('a submitted product is screened (accent-insensitive, whole words); a prohibited match refuses approval until an audited override with a reason', async () => {
    const p = await createDraft(t, ent.owner, ent.id, {
      name: 'Trà thảo mộc Ma Tuy',
      description: '<p>Mang về pha với rượu nếp. Không phải thuốc lá điện tử. &lt;script&gt;alert(1)&lt;/script&gt;</p>',
    });
    expect(await queueItem(p.id)).toBeUndefined();
    await submit(p.id);

    const item = await queueItem(p.id);
    expect(item.screening.prohibited).toBe(true);
    expect(item.screening.revision).toBe(1);
    const found = item.screening.matches.map((m: { field: string; term: string; severity: string; text: string }) => [m.field, m.term, m.severity, m.text]);
    expect(found).toEqual([
      ['name', 'ma túy', 'prohibited', 'Ma Tuy'],
      ['description', 'rượu', 'restricted', 'rượu'],
      ['description', 'thuốc lá điện tử', 'prohibited', 'thuốc lá điện tử'],
    ]);
    // "Mang" is not "ma"; offsets point into the plain text returned beside them.
    const nameMatch = item.screening.matches[0];
    expect(item.screening.texts.name.slice(nameMatch.start, nameMatch.end)).toBe('Ma Tuy');
    expect(item.screening.texts.description).toContain('<script>alert(1)</script>');

    const refused = await t.http.post(`/api/v1/admin/products/${p.id}/approve`).set(editor.auth).send({}).expect(409);
    expect(refused.body.code).toBe('SCREENING_PROHIBITED');
    expect(refused.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['description', 'name']);
    const bad = await t.http.post(`/api/v1/admin/products/${p.id}/approve`).set(editor.auth).send({ overrideScreening: true }).expect(400);
    expect([...new Set(bad.body.details.map((d: { field: string }) => d.field))]).toEqual(['overrideReason']);
    await t.http.post(`/api/v1/admin/products/${p.id}/approve`).set(editor.auth).send({ overrideScreening: true, overrideReason: 'ngắn' }).expect(400);
    expect((await t.http.get(`/api/v1/products/by-id/${p.id}`).set(ent.owner.auth).expect(200)).body.status).toBe('pending_review');
    expect((await auditActions(p.id)).map((e) => e.action)).not.toContain('product.screening-override');

    const reason = 'Tên thương mại của trà "Ma Tuy" (đã xác minh nhãn hiệu), không liên quan chất cấm';
    const approved = await t.http
      .post(`/api/v1/admin/products/${p.id}/approve`)
      .set(editor.auth)
      .send({ overrideScreening: true, overrideReason: reason, revision: 1 })
      .expect(200);
    expect(approved.body.status).toBe('published');
    const audit = await auditActions(p.id);
    const override = audit.find((e) => e.action === 'product.screening-override');
    expect(override?.after).toMatchObject({ reason, terms: ['ma túy', 'thuốc lá điện tử'], revision: 1 });
    expect(audit.map((e) => e.action)).toContain('product.approve');
    const [row] = await t.dataSource.query(`SELECT override_reason, overridden_by FROM product_screenings WHERE product_id = $1`, [p.id]);
    expect(row).toEqual({ override_reason: reason, overridden_by: editor.id });
  });

  it('restricted matches are flagged only; a clean product has an empty screening', async () => {
    const restricted = await createDraft(t, ent.owner, ent.id, { name: 'Rượu Nếp Cẩm Trà Vinh', description: '<p>Đặc sản</p>' });
    const clean = await createDraft(t, ent.owner, ent.id, { name: 'Mãng cầu xiêm', description: '<p>Trái mang về ăn ngay.</p>' });
    await submit(restricted.id);
    await submit(clean.id);
    const r = await queueItem(restricted.id);
    expect(r.screening).toMatchObject({ prohibited: false, matches: [{ field: 'name', term: 'rượu', severity: 'restricted', text: 'Rượu' }] });
    expect((await queueItem(clean.id)).screening).toMatchObject({ prohibited: false, matches: [], texts: {} });
    await t.http.post(`/api/v1/admin/products/${restricted.id}/approve`).set(editor.auth).send({}).expect(200);
    await t.http.post(`/api/v1/admin/products/${clean.id}/approve`).set(editor.auth).send({}).expect(200);
  });

  it('screens again on an edit, on resubmission, and at approval with the list as it is then', async () => {
    const p = await createDraft(t, ent.owner, ent.id, { name: 'Bánh tét lá cẩm', description: '<p>Nhân đậu xanh</p>' });
    await submit(p.id);
    expect((await queueItem(p.id)).screening.matches).toEqual([]);

    // An edit while waiting sends it back to draft; resubmitted, the new text is screened.
    await t.http.patch(`/api/v1/products/${p.id}`).set(ent.owner.auth).send({ description: '<p>Nhân đậu xanh, thêm ma-tuý</p>' }).expect(200);
    await submit(p.id);
    const edited = await queueItem(p.id);
    expect(edited.screening).toMatchObject({ prohibited: true, revision: 2 });
    expect(edited.screening.matches[0]).toMatchObject({ field: 'description', text: 'ma-tuý' });

    // Rejected, fixed and resubmitted: clean again.
    await t.http.post(`/api/v1/admin/products/${p.id}/reject`).set(editor.auth).send({ reason: 'Mô tả có từ bị cấm' }).expect(200);
    await t.http.patch(`/api/v1/products/${p.id}`).set(ent.owner.auth).send({ description: '<p>Nhân đậu xanh</p>' }).expect(200);
    await submit(p.id);
    expect((await queueItem(p.id)).screening).toMatchObject({ prohibited: false, revision: 3, matches: [] });

    // A term listed after submission still stops the approval (the approval screens with the current list).
    const term = await t.http.post(TERMS).set(admin.auth).send({ term: 'Đậu Xanh', severity: 'prohibited' }).expect(201);
    const refused = await t.http.post(`/api/v1/admin/products/${p.id}/approve`).set(editor.auth).send({}).expect(409);
    expect(refused.body.code).toBe('SCREENING_PROHIBITED');
    expect((await queueItem(p.id)).screening.matches.map((m: { text: string }) => m.text)).toEqual(['đậu xanh']);
    await t.http.delete(`${TERMS}/${term.body.id}`).set(admin.auth).expect(204);
    await t.http.post(`/api/v1/admin/products/${p.id}/approve`).set(editor.auth).send({}).expect(200);
  });

  it('the staff queue page marks the matches with every text escaped, and approves with an override reason', async () => {
    const p = await createDraft(t, ent.owner, ent.id, {
      name: 'Kẹo <b>ma túy</b> giả',
      description: '<p>Ma Tuý &lt;img src=x onerror=alert(1)&gt;</p>',
    });
    await submit(p.id);
    const jar = await signIn(t, editor.email, editor.password);
    const page = await openForm(t, '/quan-ly/duyet-san-pham', jar);
    expect(page.html).toContain('Kẹo &lt;b&gt;<mark class="prohibited" title="ma túy (cấm)">ma túy</mark>&lt;/b&gt; giả');
    expect(page.html).toContain('<mark class="prohibited" title="ma túy (cấm)">Ma Tuý</mark> &lt;img src=x onerror=alert(1)&gt;');
    expect(page.html).not.toContain('<img src=x');
    expect(page.html).toContain('name="overrideReason"');

    const refused = await postForm(t, jar, `/quan-ly/duyet-san-pham/${p.id}/approve`, {});
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('từ bị cấm');
    const noReason = await postForm(t, jar, `/quan-ly/duyet-san-pham/${p.id}/approve`, { overrideScreening: 'true', overrideReason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('aria-invalid="true"');
    const ok = await postForm(t, jar, `/quan-ly/duyet-san-pham/${p.id}/approve`, {
      overrideScreening: 'true',
      overrideReason: 'Sản phẩm kẹo trêu đùa, đã kiểm tra thành phần',
    });
    expect(ok.status).toBe(303);
    expect((await auditActions(p.id)).map((e) => e.action)).toContain('product.screening-override');
  });

  it('staff keep the lists from the back office: add (errors in the form, duplicates refused), remove; audited; sellers are refused', async () => {
    const jar = await signIn(t, editor.email, editor.password);
    const page = await openForm(t, '/quan-ly/tu-khoa-sang-loc', jar);
    expect(page.html).toContain('thuốc lá điện tử');
    const bad = await postForm(t, jar, '/quan-ly/tu-khoa-sang-loc', { term: '', severity: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('aria-invalid="true"');
    const added = await postForm(t, jar, '/quan-ly/tu-khoa-sang-loc', { term: 'Pháo <nổ>', severity: 'prohibited', note: 'Nghị định 137/2020' });
    expect(added.status).toBe(303);
    const after = await openForm(t, '/quan-ly/tu-khoa-sang-loc', jar);
    expect(after.html).toContain('Pháo &lt;nổ&gt;');
    const dup = await postForm(t, jar, '/quan-ly/tu-khoa-sang-loc', { term: 'PHAO NO', severity: 'restricted' });
    expect(dup.status).toBe(409);
    const [row] = await t.dataSource.query(`SELECT id FROM screening_terms WHERE term = 'Pháo <nổ>'`);
    expect((await postForm(t, jar, `/quan-ly/tu-khoa-sang-loc/${row.id}/xoa`, {})).status).toBe(303);
    expect((await auditActions(row.id)).map((e) => e.action).sort()).toEqual(['screening-term.create', 'screening-term.delete']);
    const seller = await signIn(t, ent.owner.email, ent.owner.password);
    await t.http.get('/quan-ly/tu-khoa-sang-loc').set('Cookie', cookieHeader(seller)).expect(403);
  });
});
