import { XSS_VECTORS, dangers } from '../fixtures/xss-vectors';
import { createUser, loginAdmin, type TestUser } from '../harness/auth';
import { createTestApp, type TestApp } from '../harness/test-app';
import { bulletinInput, categoryId, createBulletin, publishedBulletin } from './helpers';

describe('news bulletins: editorial workflow, permissions, validation, search', () => {
  let t: TestApp;
  let editor: TestUser;
  let admin: TestUser;
  let ocop: string;
  let tinTuc: string;

  beforeAll(async () => {
    t = await createTestApp();
    editor = await createUser(t, 'editor', { displayName: 'Biên tập viên Lan' });
    admin = await loginAdmin(t);
    ocop = await categoryId(t, 'ocop');
    tinTuc = await categoryId(t, 'tin-tuc');
  });
  afterAll(() => t.close());

  const count = async (table: string) => (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  it('lists the six seeded categories publicly', async () => {
    const res = await t.http.get('/api/v1/bulletin-categories').expect(200);
    expect(res.body.items.map((c: { slug: string; name: string }) => [c.slug, c.name])).toEqual([
      ['tin-tuc', 'Tin tức'],
      ['ocop', 'OCOP'],
      ['xuc-tien-thuong-mai', 'Xúc tiến thương mại'],
      ['chinh-sach', 'Chính sách'],
      ['truy-xuat-nguon-goc', 'Truy xuất nguồn gốc'],
      ['thong-bao', 'Thông báo'],
    ]);
  });

  it('lets editors create drafts with an ASCII slug, byline and revision 1; drafts are not public', async () => {
    const b = await createBulletin(t, editor, bulletinInput(ocop));
    expect(b).toMatchObject({
      status: 'draft',
      kind: 'article',
      slug: 'tra-vinh-phan-dau-co-them-114-san-pham-ocop-moi-trong-nam-2023',
      authorByline: 'Trúc Phương',
      viewCount: 0,
      revision: 1,
      category: { slug: 'ocop', name: 'OCOP' },
      event: null,
    });
    await t.http.get(`/api/v1/bulletins/${b.slug}`).expect(404);
    await t.http.get(`/api/v1/bulletins/${b.id}`).expect(404);
    const asEditor = await t.http.get(`/api/v1/bulletins/${b.id}`).set(editor.auth).expect(200);
    expect(asEditor.body.status).toBe('draft');
    const list = await t.http.get('/api/v1/bulletins').expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(b.id);
    const drafts = await t.http.get('/api/v1/bulletins?status=draft').set(editor.auth).expect(200);
    expect(drafts.body.items.map((i: { id: string }) => i.id)).toContain(b.id);
    await t.http.get('/api/v1/bulletins?status=draft').expect(403);
  });

  it('refuses writes to anonymous callers (401), buyers and business users (403)', async () => {
    const buyer = await createUser(t, 'buyer');
    const business = await createUser(t, 'business');
    const b = await createBulletin(t, editor, bulletinInput(ocop, { title: 'Bản tin quyền hạn' }));
    const before = await count('bulletins');
    await t.http.post('/api/v1/bulletins').send(bulletinInput(ocop)).expect(401);
    for (const u of [buyer, business]) {
      await t.http.post('/api/v1/bulletins').set(u.auth).send(bulletinInput(ocop)).expect(403);
      await t.http.patch(`/api/v1/bulletins/${b.id}`).set(u.auth).send({ title: 'Chiếm quyền' }).expect(403);
      await t.http.post(`/api/v1/bulletins/${b.id}/publish`).set(u.auth).send({}).expect(403);
      await t.http.post(`/api/v1/bulletins/${b.id}/archive`).set(u.auth).expect(403);
      await t.http.get(`/api/v1/bulletins/${b.id}/revisions`).set(u.auth).expect(403);
      await t.http.get(`/api/v1/bulletins/${b.id}`).set(u.auth).expect(404);
      await t.http.post('/api/v1/admin/bulletin-categories').set(u.auth).send({ name: 'Hội chợ' }).expect(403);
    }
    await t.http.post('/api/v1/admin/bulletin-categories').set(editor.auth).send({ name: 'Hội chợ' }).expect(403);
    await t.http.post(`/api/v1/admin/bulletins/${b.id}/approve`).set(editor.auth).expect(403);
    expect(await count('bulletins')).toBe(before);
    const again = await t.http.get(`/api/v1/bulletins/${b.id}`).set(editor.auth).expect(200);
    expect(again.body).toMatchObject({ title: 'Bản tin quyền hạn', status: 'draft' });
  });

  it('rejects bad input with 400 and field details, writing nothing', async () => {
    const before = [await count('bulletins'), await count('bulletin_revisions')];
    const cases: Array<[Record<string, unknown>, string]> = [
      [bulletinInput(ocop, { title: 'x'.repeat(201) }), 'title'],
      [bulletinInput(ocop, { summary: 's'.repeat(1001) }), 'summary'],
      [bulletinInput(ocop, { authorByline: 'b'.repeat(121) }), 'authorByline'],
      [bulletinInput(ocop, { tags: ['t'.repeat(51)] }), 'tags'],
      [bulletinInput(ocop, { body: 'x'.repeat(200_001) }), 'body'],
      [bulletinInput(ocop, { body: '<script>alert(1)</script>' }), 'body'],
      [bulletinInput('00000000-0000-4000-8000-000000000000'), 'categoryId'],
      [bulletinInput('not-a-uuid'), 'categoryId'],
      [bulletinInput(ocop, { kind: 'podcast' }), 'kind'],
      [bulletinInput(ocop, { coverImageUrl: 'javascript:alert(1)' }), 'coverImageUrl'],
      [bulletinInput(ocop, { relatedProductIds: ['x'] }), 'relatedProductIds'],
      [bulletinInput(ocop, { isFeatured: true }), 'isFeatured'],
      [bulletinInput(ocop, { kind: 'event' }), 'event'],
      [bulletinInput(ocop, { event: { startsAt: '2025-12-10T08:00:00Z', endsAt: '2025-12-11T08:00:00Z', location: 'Chợ', organiser: 'Sở' } }), 'event'],
      [
        bulletinInput(ocop, { kind: 'event', event: { startsAt: '2025-02-30T08:00:00Z', endsAt: '2025-03-01T08:00:00Z', location: 'Chợ', organiser: 'Sở' } }),
        'event.startsAt',
      ],
      [
        bulletinInput(ocop, { kind: 'event', event: { startsAt: 'ngày mai', endsAt: '2025-03-01T08:00:00Z', location: 'Chợ', organiser: 'Sở' } }),
        'event.startsAt',
      ],
      [
        bulletinInput(ocop, { kind: 'event', event: { startsAt: '2025-12-10T08:00:00Z', endsAt: '2025-12-09T08:00:00Z', location: 'Chợ', organiser: 'Sở' } }),
        'event.endsAt',
      ],
      [bulletinInput(ocop, { kind: 'event', event: { startsAt: '2025-12-10T08:00:00Z', endsAt: '2025-12-11T08:00:00Z' } }), 'event.location'],
      [
        bulletinInput(ocop, { kind: 'event', event: { startsAt: '0000-01-01T00:00:00Z', endsAt: '2025-12-11T08:00:00Z', location: 'Chợ', organiser: 'Sở' } }),
        'event.startsAt',
      ],
    ];
    for (const [body, field] of cases) {
      const res = await t.http.post('/api/v1/bulletins').set(editor.auth).send(body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const b = await createBulletin(t, editor, bulletinInput(ocop, { title: 'Bản tin để sửa sai' }));
    const mid = [await count('bulletins'), await count('bulletin_revisions')];
    await t.http.patch(`/api/v1/bulletins/${b.id}`).set(editor.auth).send({ categoryId: '00000000-0000-4000-8000-000000000000' }).expect(400);
    await t.http.patch(`/api/v1/bulletins/${b.id}`).set(editor.auth).send({ kind: 'event' }).expect(400);
    const nulls = await t.http.patch(`/api/v1/bulletins/${b.id}`).set(editor.auth).send({ title: null, body: null, tags: null }).expect(400);
    expect(nulls.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['body', 'tags', 'title']);
    await t.http.patch(`/api/v1/bulletins/not-a-uuid`).set(editor.auth).send({ title: 'Tiêu đề' }).expect(400);
    await t.http.post(`/api/v1/bulletins/${b.id}/publish`).set(editor.auth).send({ publishAt: '31/12/2025' }).expect(400);
    await t.http.post(`/api/v1/bulletins/${b.id}/publish`).set(editor.auth).send({ publishAt: '0000-01-01T00:00:00Z' }).expect(400);
    expect([await count('bulletins'), await count('bulletin_revisions')]).toEqual(mid);
    expect(mid).toEqual([before[0] + 1, before[1] + 1]);
    const unchanged = await t.http.get(`/api/v1/bulletins/${b.id}`).set(editor.auth).expect(200);
    expect(unchanged.body).toMatchObject({ status: 'draft', kind: 'article', revision: 1 });
  });

  it('suffixes colliding slugs and keeps the slug stable once published', async () => {
    const first = await publishedBulletin(t, editor, bulletinInput(tinTuc, { title: 'Hội chợ OCOP cuối năm' }));
    const second = await createBulletin(t, editor, bulletinInput(tinTuc, { title: 'Hội chợ OCOP cuối năm!' }));
    const third = await createBulletin(t, editor, bulletinInput(tinTuc, { title: 'Hội chợ ocop CUỐI NĂM' }));
    expect([first.slug, second.slug, third.slug]).toEqual(['hoi-cho-ocop-cuoi-nam', 'hoi-cho-ocop-cuoi-nam-2', 'hoi-cho-ocop-cuoi-nam-3']);

    // A draft follows its title; a published bulletin keeps its URL.
    const renamedDraft = await t.http.patch(`/api/v1/bulletins/${second.id}`).set(editor.auth).send({ title: 'Phiên chợ nông sản' }).expect(200);
    expect(renamedDraft.body.slug).toBe('phien-cho-nong-san');
    const renamedPublished = await t.http.patch(`/api/v1/bulletins/${first.id}`).set(editor.auth).send({ title: 'Hội chợ OCOP tháng 12' }).expect(200);
    expect(renamedPublished.body).toMatchObject({ slug: 'hoi-cho-ocop-cuoi-nam', title: 'Hội chợ OCOP tháng 12' });
    const pub = await t.http.get('/api/v1/bulletins/hoi-cho-ocop-cuoi-nam').expect(200);
    expect(pub.body.title).toBe('Hội chợ OCOP tháng 12');
  });

  it('stores a revision for every create and update and shows them to editors', async () => {
    const b = await createBulletin(t, editor, bulletinInput(ocop, { title: 'Bản tin có lịch sử' }));
    await t.http.patch(`/api/v1/bulletins/${b.id}`).set(editor.auth).send({ summary: 'Tóm tắt mới' }).expect(200);
    await t.http.patch(`/api/v1/bulletins/${b.id}`).set(admin.auth).send({ body: '<p>Nội dung <b>mới</b></p>' }).expect(200);
    const res = await t.http.get(`/api/v1/bulletins/${b.id}/revisions`).set(editor.auth).expect(200);
    expect(res.body.items.map((r: { revision: number; action: string; editorName: string }) => [r.revision, r.action, r.editorName])).toEqual([
      [3, 'update', 'Quản trị viên'],
      [2, 'update', 'Biên tập viên Lan'],
      [1, 'create', 'Biên tập viên Lan'],
    ]);
    expect(res.body.items[0]).toMatchObject({ summary: 'Tóm tắt mới', body: '<p>Nội dung <b>mới</b></p>' });
    expect(res.body.items[2]).toMatchObject({ summary: 'Năm 2022 toàn tỉnh có 184 sản phẩm OCOP.', body: '<p>Chiều ngày 20/4, Ban Chỉ đạo họp tổng kết.</p>' });
    await t.http.get(`/api/v1/bulletins/00000000-0000-4000-8000-000000000000/revisions`).set(editor.auth).expect(404);
  });

  it('publishes, archives, and refuses invalid transitions with 409', async () => {
    const b = await publishedBulletin(t, editor, bulletinInput(ocop, { title: 'Bản tin vòng đời' }));
    await t.http.get(`/api/v1/bulletins/${b.slug}`).expect(200);
    const again = await t.http.post(`/api/v1/bulletins/${b.id}/publish`).set(editor.auth).send({}).expect(409);
    expect(again.body.code).toBe('BULLETIN_ALREADY_PUBLISHED');
    const archived = await t.http.post(`/api/v1/bulletins/${b.id}/archive`).set(editor.auth).expect(200);
    expect(archived.body.status).toBe('archived');
    await t.http.get(`/api/v1/bulletins/${b.slug}`).expect(404);
    await t.http.post(`/api/v1/bulletins/${b.id}/archive`).set(editor.auth).expect(409);
    await t.http.post(`/api/v1/bulletins/${b.id}/publish`).set(editor.auth).send({}).expect(409);
    await t.http.patch(`/api/v1/bulletins/${b.id}`).set(editor.auth).send({ title: 'Sửa bài lưu trữ' }).expect(409);
    await t.http.post(`/api/v1/admin/bulletins/${b.id}/approve`).set(admin.auth).expect(409);
    await t.http.post(`/api/v1/bulletins/00000000-0000-4000-8000-000000000000/publish`).set(editor.auth).send({}).expect(404);
  });

  it('sanitises every XSS filter-evasion vector and keeps legitimate formatting', async () => {
    const legit =
      '<h2>Kết quả</h2><p>Có <strong>184</strong> sản phẩm, xem <a href="https://travinhtrade.vn" target="_blank">sàn</a>.</p>' +
      '<table><caption>Chủ thể</caption><tbody><tr><td>HTX</td><td>19</td></tr></tbody></table>' +
      '<figure><img src="/uploads/hop.jpg" alt="Đại biểu"><figcaption>Đại biểu dự họp</figcaption></figure>' +
      '<iframe src="https://www.youtube-nocookie.com/embed/abc123"></iframe>';
    const b = await createBulletin(t, editor, bulletinInput(ocop, { title: 'Bản tin thử XSS', body: legit + XSS_VECTORS.join('\n') }));
    const res = await t.http.get(`/api/v1/bulletins/${b.id}`).set(editor.auth).expect(200);
    expect(dangers(res.body.body)).toEqual([]);
    expect(res.body.body).not.toMatch(/<script|javascript:|onerror|onload/i);
    for (const kept of [
      '<h2>Kết quả</h2>',
      '<strong>184</strong>',
      'rel="noopener noreferrer nofollow"',
      '<caption>Chủ thể</caption>',
      '<figcaption>Đại biểu dự họp</figcaption>',
      'src="/uploads/hop.jpg"',
      'https://www.youtube-nocookie.com/embed/abc123',
    ]) {
      expect(res.body.body).toContain(kept);
    }
    const patched = await t.http
      .patch(`/api/v1/bulletins/${b.id}`)
      .set(editor.auth)
      .send({ body: '<p onclick="x()">Sạch</p><img src=x onerror=alert(1)>' })
      .expect(200);
    expect(patched.body.body).toBe('<p>Sạch</p>');
  });

  it('filters by category and tag and searches without diacritics', async () => {
    await publishedBulletin(
      t,
      editor,
      bulletinInput(ocop, { title: 'Bưởi da xanh Hùng Hòa đạt 4 sao', tags: ['Bưởi da xanh', 'OCOP'], summary: 'Sản phẩm bưởi của HTX.' }),
    );
    await publishedBulletin(t, editor, bulletinInput(tinTuc, { title: 'Dưa lưới Phú Cần vào mùa', tags: ['Dưa lưới'], summary: 'Mùa dưa lưới.' }));
    await publishedBulletin(t, editor, bulletinInput(tinTuc, { title: 'Dừa sáp Cầu Kè', tags: ['Dừa sáp'], summary: 'Đặc sản dừa sáp.' }));
    const titles = (res: { body: { items: Array<{ title: string }> } }) => res.body.items.map((i) => i.title);

    expect(titles(await t.http.get('/api/v1/bulletins?q=buoi da xanh').expect(200))).toEqual(['Bưởi da xanh Hùng Hòa đạt 4 sao']);
    expect(titles(await t.http.get('/api/v1/bulletins?q=HUNG HOA').expect(200))).toEqual(['Bưởi da xanh Hùng Hòa đạt 4 sao']);
    expect(titles(await t.http.get(`/api/v1/bulletins?q=${encodeURIComponent('hùng hoà')}`).expect(200))).toEqual(['Bưởi da xanh Hùng Hòa đạt 4 sao']);
    // Folded "dua" matches both; the diacritic query ranks the exact word first.
    expect(titles(await t.http.get('/api/v1/bulletins?q=dua').expect(200)).sort()).toEqual(['Dưa lưới Phú Cần vào mùa', 'Dừa sáp Cầu Kè']);
    expect(titles(await t.http.get(`/api/v1/bulletins?q=${encodeURIComponent('dừa')}`).expect(200))[0]).toBe('Dừa sáp Cầu Kè');
    expect(titles(await t.http.get(`/api/v1/bulletins?q=${encodeURIComponent('dưa')}`).expect(200))[0]).toBe('Dưa lưới Phú Cần vào mùa');
    expect(titles(await t.http.get(`/api/v1/bulletins?q=${encodeURIComponent("%' OR 1=1 --")}`).expect(200))).toEqual([]);

    expect(titles(await t.http.get(`/api/v1/bulletins?tag=${encodeURIComponent('bưởi da xanh')}`).expect(200))).toEqual(['Bưởi da xanh Hùng Hòa đạt 4 sao']);
    expect(titles(await t.http.get('/api/v1/bulletins?tag=BUOI-DA-XANH').expect(200))).toEqual(['Bưởi da xanh Hùng Hòa đạt 4 sao']);
    const byCat = await t.http.get('/api/v1/bulletins?category=tin-tuc&pageSize=100').expect(200);
    expect(byCat.body.items.every((i: { category: { slug: string } }) => i.category.slug === 'tin-tuc')).toBe(true);
    expect(titles(byCat)).toEqual(expect.arrayContaining(['Dưa lưới Phú Cần vào mùa', 'Dừa sáp Cầu Kè']));
    expect((await t.http.get(`/api/v1/bulletins?category=${tinTuc}`).expect(200)).body.total).toBe(byCat.body.total);
    expect((await t.http.get('/api/v1/bulletins?category=khong-co').expect(200)).body.total).toBe(0);
    const paged = await t.http.get('/api/v1/bulletins?category=tin-tuc&pageSize=1&page=2').expect(200);
    expect(paged.body).toMatchObject({ page: 2, pageSize: 1, total: byCat.body.total });
    expect(paged.body.items).toHaveLength(1);
    await t.http.get('/api/v1/bulletins?page=0').expect(400);
    await t.http.get(`/api/v1/bulletins?q=${'a'.repeat(101)}`).expect(400);
  });

  it('manages categories as admin and refuses to delete one in use', async () => {
    const created = await t.http.post('/api/v1/admin/bulletin-categories').set(admin.auth).send({ name: 'Hội chợ triển lãm' }).expect(201);
    expect(created.body).toMatchObject({ slug: 'hoi-cho-trien-lam', name: 'Hội chợ triển lãm', position: 7 });
    const dup = await t.http.post('/api/v1/admin/bulletin-categories').set(admin.auth).send({ name: 'Khác', slug: 'hoi-cho-trien-lam' }).expect(409);
    expect(dup.body.details[0].field).toBe('slug');
    await t.http.post('/api/v1/admin/bulletin-categories').set(admin.auth).send({ name: 'Sai', slug: 'Có dấu' }).expect(400);
    await t.http.patch(`/api/v1/admin/bulletin-categories/${created.body.id}`).set(admin.auth).send({ name: null }).expect(400);
    const renamed = await t.http.patch(`/api/v1/admin/bulletin-categories/${created.body.id}`).set(admin.auth).send({ name: 'Hội chợ' }).expect(200);
    expect(renamed.body.name).toBe('Hội chợ');
    await t.http.delete(`/api/v1/admin/bulletin-categories/${ocop}`).set(admin.auth).expect(409);
    await t.http.delete(`/api/v1/admin/bulletin-categories/${created.body.id}`).set(admin.auth).expect(204);
    await t.http.delete(`/api/v1/admin/bulletin-categories/${created.body.id}`).set(admin.auth).expect(404);
  });

  it('lists published events overlapping from/to, soonest first', async () => {
    const xttm = await categoryId(t, 'xuc-tien-thuong-mai');
    const event = (title: string, startsAt: string, endsAt: string) =>
      bulletinInput(xttm, { title, kind: 'event', event: { startsAt, endsAt, location: 'Phường Trà Vinh, tỉnh Vĩnh Long', organiser: 'Sở Công Thương' } });
    await publishedBulletin(t, editor, event('Phiên chợ nông sản tháng 11', '2030-11-20T07:00:00+07:00', '2030-11-20T17:00:00+07:00'));
    await publishedBulletin(t, editor, event('Hội chợ OCOP 2030', '2030-12-10T08:00:00+07:00', '2030-12-14T21:00:00+07:00'));
    await createBulletin(t, editor, event('Triển lãm nháp', '2030-12-01T08:00:00+07:00', '2030-12-02T08:00:00+07:00'));
    const titles = (res: { body: { items: Array<{ title: string }> } }) => res.body.items.map((i) => i.title);

    const dec = await t.http.get('/api/v1/events?from=2030-12-01T00:00:00%2B07:00&to=2030-12-31T23:59:59%2B07:00').expect(200);
    expect(titles(dec)).toEqual(['Hội chợ OCOP 2030']);
    expect(dec.body.items[0]).toMatchObject({ kind: 'event', event: { location: 'Phường Trà Vinh, tỉnh Vĩnh Long', organiser: 'Sở Công Thương' } });
    expect(new Date(dec.body.items[0].event.startsAt).toISOString()).toBe('2030-12-10T01:00:00.000Z');
    // An event still running on `from` is included.
    expect(titles(await t.http.get('/api/v1/events?from=2030-12-12T00:00:00Z&to=2031-01-01T00:00:00Z').expect(200))).toEqual(['Hội chợ OCOP 2030']);
    expect(titles(await t.http.get('/api/v1/events?from=2030-11-01T00:00:00Z&to=2030-12-31T00:00:00Z').expect(200))).toEqual([
      'Phiên chợ nông sản tháng 11',
      'Hội chợ OCOP 2030',
    ]);
    const bad = await t.http.get('/api/v1/events?from=2030-12-31T00:00:00Z&to=2030-12-01T00:00:00Z').expect(400);
    expect(bad.body.details[0].field).toBe('to');
    const badDate = await t.http.get('/api/v1/events?from=2030-13-01').expect(400);
    expect(badDate.body.details[0].field).toBe('from');
    expect(titles(await t.http.get('/api/v1/bulletins?kind=event&q=hoi cho ocop 2030').expect(200))).toEqual(['Hội chợ OCOP 2030']);
  });

  it('documents every news route with a success response schema', async () => {
    const doc = (await t.http.get('/docs-json').expect(200)).body;
    const paths = Object.keys(doc.paths).filter((p) => /bulletin|events|feeds|sitemap/.test(p));
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/bulletins',
        '/api/v1/bulletins/{id}',
        '/api/v1/bulletins/{slug}',
        '/api/v1/bulletins/{id}/publish',
        '/api/v1/bulletins/{id}/archive',
        '/api/v1/bulletins/{id}/revisions',
        '/api/v1/admin/bulletins/{id}/approve',
        '/api/v1/admin/bulletins/{id}/reject',
        '/api/v1/events',
        '/api/v1/bulletin-categories',
        '/api/v1/admin/bulletin-categories',
        '/feeds/bulletins.rss',
        '/feeds/bulletins.atom',
        '/sitemap.xml',
      ]),
    );
    for (const p of paths) {
      for (const [method, op] of Object.entries(
        doc.paths[p] as Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>,
      )) {
        const success = Object.entries(op.responses).filter(([code]) => /^2/.test(code));
        expect({ route: `${method} ${p}`, success: success.length > 0 }).toEqual({ route: `${method} ${p}`, success: true });
        for (const [code, response] of success) {
          if (code === '204') continue;
          const schemas = Object.values(response.content ?? {}).map((c) => c.schema);
          expect({ route: `${method} ${p}`, schema: schemas.length > 0 && schemas.every(Boolean) }).toEqual({ route: `${method} ${p}`, schema: true });
        }
      }
    }
  });
});
