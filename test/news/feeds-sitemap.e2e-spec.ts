import { PageCache, SitemapRegistry } from '@tradefloor/core';
import { seedDemoBulletins } from '@tradefloor/news-bulletin';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { createUser, type TestUser } from '../harness/auth';
import { createTestApp, type TestApp } from '../harness/test-app';
import { bulletinInput, categoryId, createBulletin, publishedBulletin } from './helpers';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name, jpath) => ['item', 'entry', 'url'].includes(name) || jpath === 'feed.link' || jpath === 'feed.entry.link',
});
const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml);
}

describe('news bulletins: RSS 2.0, Atom 1.0 and the sitemap', () => {
  let t: TestApp;
  let editor: TestUser;
  const tricky = 'Tôm & cua <tươi> "ngon" – giá \'tốt\'';
  let published: Array<{ id: string; slug: string; title: string }>;
  let draftSlug: string;
  let scheduledSlug: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_BASE_URL: 'https://san.example.vn' } });
    editor = await createUser(t, 'editor');
    const cat = await categoryId(t, 'xuc-tien-thuong-mai');
    const a = await publishedBulletin(t, editor, bulletinInput(cat, { title: 'Kết nối tiêu thụ nông sản', authorByline: null }));
    t.clock.advance(60_000);
    const b = await publishedBulletin(t, editor, bulletinInput(cat, { title: tricky, summary: 'Giá < 100.000đ & "ưu đãi"', authorByline: 'Trúc Phương' }));
    published = [b, a].map((x) => ({ id: x.id, slug: x.slug, title: x.title as string }));
    draftSlug = (await createBulletin(t, editor, bulletinInput(cat, { title: 'Bản nháp bí mật' }))).slug;
    const s = await createBulletin(t, editor, bulletinInput(cat, { title: 'Bản hẹn giờ bí mật' }));
    await t.http
      .post(`/api/v1/bulletins/${s.id}/publish`)
      .set(editor.auth)
      .send({ publishAt: new Date(t.clock.now().getTime() + 3_600_000).toISOString() })
      .expect(200);
    scheduledSlug = s.slug;
  });
  afterAll(() => t.close());

  it('serves a valid RSS 2.0 feed of published bulletins only, newest first, correctly escaped', async () => {
    const res = await t.http.get('/feeds/bulletins.rss').expect(200);
    expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    const doc = parse(res.text);
    expect(doc.rss['@version']).toBe('2.0');
    const channel = doc.rss.channel;
    expect(channel.title).toEqual(expect.any(String));
    expect(channel.link).toBe('https://san.example.vn/');
    expect(channel.description).toEqual(expect.any(String));
    expect(channel['atom:link']).toMatchObject({ '@rel': 'self', '@href': 'https://san.example.vn/feeds/bulletins.rss' });
    const items = channel.item as Array<Record<string, unknown>>;
    expect(items.map((i) => i.title)).toEqual(published.map((p) => p.title));
    for (const [n, item] of items.entries()) {
      const url = `https://san.example.vn/tin-tuc/${published[n].slug}`;
      expect(item.link).toBe(url);
      expect((item.guid as Record<string, string>)['#text']).toBe(url);
      expect(item.pubDate).toMatch(RFC822);
      expect(item.description).toEqual(expect.any(String));
    }
    expect(items[0].description).toBe('Giá < 100.000đ & "ưu đãi"');
    expect(items[0]['dc:creator']).toBe('Trúc Phương');
    expect(res.text).not.toContain('bi-mat');
  });

  it('serves a valid Atom 1.0 feed with ids, updated times, self link, summaries and authors', async () => {
    const res = await t.http.get('/feeds/bulletins.atom').expect(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = parse(res.text).feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe('https://san.example.vn/feeds/bulletins.atom');
    expect(feed.title['#text']).toEqual(expect.any(String));
    expect(feed.updated).toMatch(RFC3339);
    expect(feed.link.find((l: Record<string, string>) => l['@rel'] === 'self')['@href']).toBe('https://san.example.vn/feeds/bulletins.atom');
    const entries = feed.entry as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(entries.map((e) => e.title['#text'])).toEqual(published.map((p) => p.title));
    for (const [n, e] of entries.entries()) {
      expect(e.id).toBe(`urn:uuid:${published[n].id}`);
      expect(e.updated).toMatch(RFC3339);
      expect(e.link[0]['@href']).toBe(`https://san.example.vn/tin-tuc/${published[n].slug}`);
      expect(e.summary['#text']).toEqual(expect.any(String));
      expect(e.author.name).toEqual(expect.any(String));
    }
    expect(entries[0].author.name).toBe('Trúc Phương');
    expect(entries[1].author.name).toBe(feed.title['#text']);
    expect(entries[0].content['#text']).toContain('<p>');
    expect(res.text).not.toContain('bi-mat');
  });

  it('keeps feeds to the latest 50 published bulletins', async () => {
    await t.dataSource.query(
      `INSERT INTO bulletins (status, slug, title, summary, body, category_id, published_at, created_at, updated_at)
       SELECT 'published', 'hang-loat-' || g, 'Hàng loạt ' || g, 'Tóm tắt', '<p>x</p>', (SELECT id FROM bulletin_categories WHERE slug = 'tin-tuc'),
              now() - make_interval(days => 400 + g), now(), now()
       FROM generate_series(1, 60) g`,
    );
    // Rows written straight to the database: tell the page cache, as a real write's event does.
    await t.app.get(PageCache).invalidateSubjects(t.dataSource.manager, [{ type: 'bulletin', id: 'fixture' }]);
    const rss = parse((await t.http.get('/feeds/bulletins.rss').expect(200)).text);
    expect(rss.rss.channel.item).toHaveLength(50);
    expect(rss.rss.channel.item[0].title).toBe(published[0].title);
    const atom = parse((await t.http.get('/feeds/bulletins.atom').expect(200)).text);
    expect(atom.feed.entry).toHaveLength(50);
    await t.dataSource.query(`DELETE FROM bulletins WHERE slug LIKE 'hang-loat-%'`);
  });

  it('renders a sitemap of published bulletins plus whatever other contexts register', async () => {
    t.app
      .get(SitemapRegistry)
      .register('test-products', async () => [
        { loc: '/san-pham/buoi-da-xanh?ma=1&lo=2', lastmod: new Date('2025-11-01T00:00:00Z') },
        { loc: 'https://san.example.vn/doanh-nghiep/htx-hung-hoa' },
      ]);
    const res = await t.http.get('/sitemap.xml').expect(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    const doc = parse(res.text);
    expect(doc.urlset['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const urls = doc.urlset.url as Array<{ loc: string; lastmod?: string }>;
    const locs = urls.map((u) => u.loc);
    for (const p of published) expect(locs).toContain(`https://san.example.vn/tin-tuc/${p.slug}`);
    expect(locs).not.toContain(`https://san.example.vn/tin-tuc/${draftSlug}`);
    expect(locs).not.toContain(`https://san.example.vn/tin-tuc/${scheduledSlug}`);
    expect(locs).toEqual(
      expect.arrayContaining(['https://san.example.vn/san-pham/buoi-da-xanh?ma=1&lo=2', 'https://san.example.vn/doanh-nghiep/htx-hung-hoa']),
    );
    expect(res.text).toContain('?ma=1&amp;lo=2');
    expect(urls.find((u) => u.loc.includes('buoi-da-xanh'))?.lastmod).toBe('2025-11-01T00:00:00.000Z');
    for (const u of urls) expect(u.loc.startsWith('https://san.example.vn/')).toBe(true);
  });

  it('seeds the demo bulletins once, including the seed article by Trúc Phương with 2994 views', async () => {
    const added = await seedDemoBulletins(t.dataSource);
    expect(added).toContain('tra-vinh-phan-dau-co-them-114-san-pham-ocop-moi-trong-nam-2023');
    expect(await seedDemoBulletins(t.dataSource)).toEqual([]);
    const res = await t.http.get('/api/v1/bulletins?q=114 san pham ocop').expect(200);
    expect(res.body.items[0]).toMatchObject({
      title: 'Trà Vinh phấn đấu có thêm 114 sản phẩm OCOP mới trong năm 2023',
      authorByline: 'Trúc Phương',
      viewCount: 2994,
      category: { slug: 'ocop' },
    });
    const full = await t.http.get(`/api/v1/bulletins/${res.body.items[0].slug}`).expect(200);
    expect(full.body.body).toContain('184 sản phẩm được công nhận đạt sản phẩm OCOP');
    const events = await t.http.get('/api/v1/events?from=2025-12-01T00:00:00Z&to=2025-12-31T00:00:00Z').expect(200);
    expect(events.body.items.map((e: { title: string }) => e.title)).toContain('Hội chợ triển lãm sản phẩm OCOP và nông sản đặc trưng tỉnh Vĩnh Long');
    parse((await t.http.get('/feeds/bulletins.rss').expect(200)).text);
  });
});
