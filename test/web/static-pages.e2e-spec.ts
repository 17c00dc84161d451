import { createTestApp, type TestApp } from '../harness/test-app';

describe('storefront: shell and static pages (server-rendered, no JavaScript needed)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('renders the home page in Vietnamese with metadata, a working search form and a small weight', async () => {
    const res = await t.http.get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html; charset=utf-8/);
    const page = res.text;
    expect(page).toMatch(/^<!doctype html><html lang="vi">/);
    expect(page).toContain('<title>Sàn Giao dịch TMĐT tỉnh Vĩnh Long</title>');
    expect(page).toMatch(/<meta name="description" content="[^"]{20,}">/);
    expect(page).toContain('<meta property="og:title"');
    expect(page).toContain('"@type":"WebSite"');
    expect(page).toMatch(/<form class="search-form" role="search" action="\/tim-kiem" method="get">/);
    expect(page).toMatch(/<label[^>]*for="q"/);
    expect(page).not.toMatch(/<script(?! type="application\/ld\+json")/);
    expect(Buffer.byteLength(page)).toBeLessThan(200 * 1024);
  });

  it('switches to English with ?lang=en and remembers it in a cookie', async () => {
    const res = await t.http.get('/?lang=en').expect(200);
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain('Vĩnh Long Province Trade Floor');
    expect(res.headers['set-cookie'][0]).toMatch(/^lang=en;/);
    const again = await t.http.get('/quy-che-hoat-dong').set('Cookie', 'lang=en').expect(200);
    expect(again.text).toContain('Operating rules');
  });

  it('publishes the operating rules (takedown within 24 hours) and contact page', async () => {
    const rules = await t.http.get('/quy-che-hoat-dong').expect(200);
    expect(rules.text).toContain('24 giờ');
    expect(rules.text).toContain('<title>Quy chế hoạt động sàn | Sàn Giao dịch TMĐT tỉnh Vĩnh Long</title>');
    await t.http.get('/lien-he').expect(200);
  });

  it('serves the stylesheet with caching validators', async () => {
    const css = await t.http.get('/assets/app.css').expect(200);
    expect(css.headers['content-type']).toMatch(/text\/css/);
    const etag = css.headers.etag;
    expect(etag).toBeTruthy();
    await t.http.get('/assets/app.css').set('If-None-Match', etag).expect(304);
  });

  it('escapes whatever a visitor puts in the URL', async () => {
    const res = await t.http.get('/lien-he?lang=<script>').expect(200);
    expect(res.text).not.toContain('<script>');
  });
});
