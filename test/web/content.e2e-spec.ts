import { Controller, Get, Module } from '@nestjs/common';
import { ViewCounter } from '@tradefloor/news-bulletin';
import { generateSerials } from '@tradefloor/traceability';
import { createUser, type TestUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { bulletinInput, categoryId, createBulletin, publishedBulletin } from '../news/helpers';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const DAY = 86_400_000;

/** A route that fails the way a bug would, to see what browsers and API clients get. */
@Controller('test-only')
class FailingController {
  @Get('boom')
  boom(): never {
    throw new Error('secret internals: connection string postgres://x');
  }
}
@Module({ controllers: [FailingController] })
class FailingModule {}

function jsonLdBlocks(page: string): unknown[] {
  return [...page.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]));
}

describe('web: news, events, stamp checker and HTML error pages', () => {
  let t: TestApp;
  let editor: TestUser;
  let views: ViewCounter;
  let cat: string;

  beforeAll(async () => {
    // The flush timer never fires during the test: views are flushed when the test says so.
    t = await createTestApp({ env: { VIEW_FLUSH_INTERVAL_MS: '3600000' }, modules: [FailingModule] });
    editor = await createUser(t, 'editor');
    views = t.app.get(ViewCounter);
    cat = await categoryId(t, 'tin-tuc');
  });
  afterAll(() => t.close());

  describe('bulletins', () => {
    it('lists published bulletins with filters, the RSS link and no drafts', async () => {
      const b = await publishedBulletin(t, editor, bulletinInput(cat, { title: 'Hội chợ bưởi da xanh Cầu Kè', tags: ['bưởi da xanh'] }));
      await createBulletin(t, editor, bulletinInput(cat, { title: 'Bản nháp chưa đăng' }));
      const res = await t.http.get('/tin-tuc').expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('<link rel="alternate" type="application/rss+xml"');
      expect(res.text).toContain('href="/feeds/bulletins.rss"');
      expect(res.text).toContain(`<a href="/tin-tuc/${b.slug}">Hội chợ bưởi da xanh Cầu Kè</a>`);
      expect(res.text).not.toContain('Bản nháp chưa đăng');

      const byTag = await t.http.get('/tin-tuc').query({ tag: 'Buoi da xanh' }).expect(200);
      expect(byTag.text).toContain('Hội chợ bưởi da xanh Cầu Kè');
      const byText = await t.http.get('/tin-tuc').query({ q: 'khong co bai nao nhu vay' }).expect(200);
      expect(byText.text).not.toContain('Hội chợ bưởi da xanh Cầu Kè');
      expect(byText.text).toContain('Chưa có bản tin phù hợp.');
      const byCategory = await t.http.get('/tin-tuc?category=tin-tuc').expect(200);
      expect(byCategory.text).toContain('Hội chợ bưởi da xanh Cầu Kè');
      await t.http.get('/tin-tuc?category=khong-ton-tai').expect(404);
      // Nonsense paging falls back to page 1 instead of failing.
      await t.http.get('/tin-tuc?page=abc&page=-3').expect(200);
    });

    it('renders a bulletin with byline, category, date, views, tags, related links and NewsArticle data', async () => {
      const enterprise = await createVerifiedEnterprise(t, { displayName: 'HTX Bưởi Tân Hưng' });
      const product = await createProduct(t, enterprise.id, { name: 'Bưởi da xanh loại 1' });
      const hidden = await createProduct(t, enterprise.id, { name: 'Sản phẩm chưa duyệt', status: 'draft' });
      const b = await publishedBulletin(
        t,
        editor,
        bulletinInput(cat, {
          title: 'Trà Vinh có thêm 20 sản phẩm OCOP',
          tags: ['OCOP', 'Cầu Kè'],
          coverImageUrl: 'https://cdn.example.vn/ocop.jpg',
          relatedEnterpriseIds: [enterprise.id],
          relatedProductIds: [product.id, hidden.id],
        }),
      );
      const res = await t.http.get(`/tin-tuc/${b.slug}`).expect(200);
      const page = res.text;
      expect(page).toContain('<title>Trà Vinh có thêm 20 sản phẩm OCOP | Sàn Giao dịch TMĐT tỉnh Vĩnh Long</title>');
      expect(page).toContain('Tác giả: <span>Trúc Phương</span>');
      expect(page).toMatch(/Lượt xem: \d+/);
      expect(page).toMatch(/Chuyên mục: <a href="\/tin-tuc\?category=tin-tuc">/);
      expect(page).toContain('<p>Chiều ngày 20/4, Ban Chỉ đạo họp tổng kết.</p>');
      expect(page).toContain('<img class="cover" src="https://cdn.example.vn/ocop.jpg" alt="Trà Vinh có thêm 20 sản phẩm OCOP"');
      expect(page).toContain('<meta property="og:type" content="article">');
      expect(page).toContain(`<a href="/san-pham/${product.slug}">Bưởi da xanh loại 1</a>`);
      expect(page).not.toContain('Sản phẩm chưa duyệt');
      expect(page).toContain(`<a href="/doanh-nghiep/${enterprise.slug}">HTX Bưởi Tân Hưng</a>`);
      expect(page).toContain('href="/tin-tuc?tag=C%E1%BA%A7u%20K%C3%A8"');

      const publishedAt = new Date(b.publishedAt as string);
      const vnDay = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(publishedAt);
      expect(page).toContain(`<time datetime="${publishedAt.toISOString()}">${vnDay}</time>`);

      const article = jsonLdBlocks(page).find((d) => (d as { '@type': string })['@type'] === 'NewsArticle') as Record<string, unknown>;
      expect(article).toMatchObject({
        headline: 'Trà Vinh có thêm 20 sản phẩm OCOP',
        datePublished: publishedAt.toISOString(),
        author: { '@type': 'Person', name: 'Trúc Phương' },
        publisher: { '@type': 'Organization', name: 'Sàn Giao dịch TMĐT tỉnh Vĩnh Long' },
        image: ['https://cdn.example.vn/ocop.jpg'],
      });
      expect(typeof article.dateModified).toBe('string');
    });

    it('counts a page view once per visitor, exactly like the API', async () => {
      const b = await publishedBulletin(t, editor, bulletinInput(cat, { title: 'Bản tin đếm lượt xem trên trang' }));
      await views.flush();
      for (let i = 0; i < 3; i++) await t.http.get(`/tin-tuc/${b.slug}`).set('User-Agent', 'phone-A').expect(200);
      await t.http.get(`/tin-tuc/${b.slug}`).set('User-Agent', 'phone-B').expect(200);
      // The API route counts for the same visitor under the same rule: not a second view.
      await t.http.get(`/api/v1/bulletins/${b.slug}`).set('User-Agent', 'phone-A').expect(200);
      expect(await views.flush()).toBe(2);
      const res = await t.http.get(`/tin-tuc/${b.slug}`).set('User-Agent', 'phone-A').expect(200);
      expect(res.text).toContain('Lượt xem: 2');
      expect(await views.flush()).toBe(0);
    });

    it('answers drafts, unknown and malformed slugs with the HTML 404 page', async () => {
      const draft = await createBulletin(t, editor, bulletinInput(cat, { title: 'Nháp bí mật' }));
      for (const path of [`/tin-tuc/${draft.slug}`, '/tin-tuc/khong-ton-tai', `/tin-tuc/${'x'.repeat(90)}`, '/tin-tuc/%E2%80%8B%3Cscript%3E']) {
        const res = await t.http.get(path).expect(404);
        expect(res.headers['content-type']).toMatch(/text\/html/);
        expect(res.text).toContain('<h1>Không tìm thấy trang</h1>');
        expect(res.text).not.toContain('Nháp bí mật');
        expect(res.text).not.toContain('<script>');
      }
      expect(views.pending()).toBe(0);
    });

    it('redirects a bulletin reached by id to its slug address', async () => {
      const b = await publishedBulletin(t, editor, bulletinInput(cat, { title: 'Bản tin theo mã' }));
      const res = await t.http.get(`/tin-tuc/${b.id}`).expect(301);
      expect(res.headers.location).toBe(`/tin-tuc/${b.slug}`);
    });

    it('links to the same address the RSS feed announces', async () => {
      const b = await publishedBulletin(t, editor, bulletinInput(cat, { title: 'Bản tin trong nguồn RSS' }));
      const rss = await t.http.get('/feeds/bulletins.rss').expect(200);
      const link = `${t.config.publicBaseUrl}/tin-tuc/${b.slug}`;
      expect(rss.text).toContain(`<link>${link}</link>`);
      const page = await t.http.get(new URL(link).pathname).expect(200);
      expect(page.text).toContain(`<link rel="canonical" href="${link}">`);
    });

    it('escapes titles, summaries and query text', async () => {
      const b = await publishedBulletin(
        t,
        editor,
        bulletinInput(cat, { title: 'Tin <script>alert(1)</script> "lạ"', summary: 'Tóm tắt <img src=x onerror=alert(2)>', tags: ['<b>thẻ</b>'] }),
      );
      const res = await t.http.get(`/tin-tuc/${b.slug}`).expect(200);
      expect(res.text).not.toContain('<script>alert(1)');
      expect(res.text).not.toContain('<img src=x');
      expect(res.text).not.toContain('<b>thẻ</b>');
      expect(res.text).toContain('Tin &lt;script&gt;alert(1)&lt;/script&gt; &quot;lạ&quot;');
      const ld = jsonLdBlocks(res.text)[0] as { headline: string };
      expect(ld.headline).toBe('Tin <script>alert(1)</script> "lạ"');
      const list = await t.http.get('/tin-tuc').query({ q: '"><script>alert(3)</script>', tag: '<i>x</i>' }).expect(200);
      expect(list.text).not.toContain('<script>alert(3)');
      expect(list.text).not.toContain('<i>x</i>');
    });
  });

  describe('events', () => {
    const eventInput = (title: string, startsInDays: number, lengthDays: number, extra: Record<string, unknown> = {}) => {
      const start = new Date(t.clock.now().getTime() + startsInDays * DAY);
      return bulletinInput(cat, {
        title,
        kind: 'event',
        event: {
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + lengthDays * DAY).toISOString(),
          location: 'Quảng trường thành phố Trà Vinh',
          organiser: 'Sở Công Thương',
        },
        ...extra,
      });
    };

    it('lists upcoming events with dates, place, organiser and Event data; past ones behind a link', async () => {
      await publishedBulletin(t, editor, eventInput('Hội chợ OCOP sắp tới', 5, 3));
      await publishedBulletin(t, editor, eventInput('Phiên chợ đã qua', -30, 2));
      const res = await t.http.get('/su-kien').expect(200);
      expect(res.text).toContain('Hội chợ OCOP sắp tới');
      expect(res.text).not.toContain('Phiên chợ đã qua');
      expect(res.text).toContain('Quảng trường thành phố Trà Vinh');
      expect(res.text).toContain('Sở Công Thương');
      const events = jsonLdBlocks(res.text)[0] as Array<{ '@type': string; name: string; startDate: string }>;
      expect(events.map((e) => e.name)).toContain('Hội chợ OCOP sắp tới');
      expect(events[0]['@type']).toBe('Event');

      const pastHref = /<a href="(\/su-kien\?to=\d{4}-\d{2}-\d{2})">Xem sự kiện đã diễn ra<\/a>/.exec(res.text)?.[1];
      expect(pastHref).toBeDefined();
      const past = await t.http.get(pastHref!).expect(200);
      expect(past.text).toContain('Phiên chợ đã qua');
      expect(past.text).not.toContain('Hội chợ OCOP sắp tới');
    });

    it('filters by a date range and answers bad dates with field errors and 400', async () => {
      const day = (offset: number) => new Date(t.clock.now().getTime() + offset * DAY).toISOString().slice(0, 10);
      const res = await t.http.get(`/su-kien?from=${day(-40)}&to=${day(-20)}`).expect(200);
      expect(res.text).toContain('Phiên chợ đã qua');
      expect(res.text).not.toContain('Hội chợ OCOP sắp tới');

      const bad = await t.http.get('/su-kien?from=2025-02-30&to=<script>').expect(400);
      expect(bad.text).toContain('aria-invalid="true"');
      expect(bad.text).toContain('Ngày không hợp lệ');
      expect(bad.text).not.toContain('<script>');
      const reversed = await t.http.get('/su-kien?from=2025-12-10&to=2025-12-01').expect(400);
      expect(reversed.text).toContain('phải sau');
    });
  });

  describe('stamp checker', () => {
    const [serial] = generateSerials(1);
    const grouped = `${serial.slice(0, 4)}-${serial.slice(4, 8)} ${serial.slice(8)}`.toLowerCase();

    it('shows a labelled GET form that works without JavaScript', async () => {
      const res = await t.http.get('/kiem-tra-tem').expect(200);
      expect(res.text).toContain('<form class="stack" action="/kiem-tra-tem" method="get">');
      expect(res.text).toMatch(/<label for="f-serial">/);
      expect(res.text).not.toMatch(/<script(?! type="application\/ld\+json")/);
    });

    it('normalises a typed serial and sends the buyer to its verification page', async () => {
      const res = await t.http
        .get('/kiem-tra-tem')
        .query({ serial: `  ${grouped} ` })
        .expect(303);
      expect(res.headers.location).toBe(`/t/${serial}`);
    });

    it('accepts pasted stamp URLs and keeps only their path', async () => {
      const short = await t.http
        .get('/kiem-tra-tem')
        .query({ serial: `https://evil.example/t/${serial}` })
        .expect(303);
      expect(short.headers.location).toBe(`/t/${serial}`);
      const digital = await t.http
        .get('/kiem-tra-tem')
        .query({ serial: `san.example.vn/01/08936012345675/10/LO%2F25/21/${serial}` })
        .expect(303);
      expect(digital.headers.location).toBe(`/01/08936012345675/10/LO%2F25/21/${serial}`);
    });

    it('explains at once that a serial with a wrong check character is unknown', async () => {
      const last = serial[13] === '0' ? '1' : '0';
      const res = await t.http
        .get('/kiem-tra-tem')
        .query({ serial: serial.slice(0, 13) + last })
        .expect(400);
      expect(res.text).toContain('Không xác thực được tem');
      expect(res.text).toContain('hàng giả');
      expect(res.text).toContain('aria-invalid="true"');
    });

    it('asks again for input that is not a stamp code, escaped', async () => {
      const res = await t.http.get('/kiem-tra-tem').query({ serial: '<script>x</script>' }).expect(400);
      expect(res.text).toContain('14 ký tự');
      expect(res.text).not.toContain('<script>x');
      await t.http.get('/kiem-tra-tem').query({ serial: 'https://a.example/khong/phai/tem' }).expect(400);
    });
  });

  describe('error pages', () => {
    it('gives browsers a Vietnamese 404 page in the storefront layout', async () => {
      const res = await t.http.get('/trang-khong-ton-tai').set('Accept', BROWSER_ACCEPT).expect(404);
      expect(res.headers['content-type']).toMatch(/text\/html; charset=utf-8/);
      expect(res.text).toMatch(/^<!doctype html><html lang="vi">/);
      expect(res.text).toContain('<h1>Không tìm thấy trang</h1>');
      expect(res.text).toContain('<form class="search-form" role="search"');
      const en = await t.http.get('/nowhere?lang=en').set('Accept', BROWSER_ACCEPT).expect(404);
      expect(en.text).toContain('<h1>Page not found</h1>');
    });

    it('keeps the JSON envelope for API clients and API paths', async () => {
      const plain = await t.http.get('/trang-khong-ton-tai').expect(404);
      expect(plain.headers['content-type']).toMatch(/application\/json/);
      expect(plain.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
      const api = await t.http.get('/api/v1/khong-ton-tai').set('Accept', BROWSER_ACCEPT).expect(404);
      expect(api.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
      const json = await t.http.get('/trang-khong-ton-tai').set('Accept', 'application/json').expect(404);
      expect(json.body.code).toBe('NOT_FOUND');
      const post = await t.http.post('/trang-khong-ton-tai').set('Accept', BROWSER_ACCEPT).expect(404);
      expect(post.headers['content-type']).toMatch(/application\/json/);
    });

    it('shows browsers a 500 page without internals, and API clients the envelope', async () => {
      const page = await t.http.get('/test-only/boom').set('Accept', BROWSER_ACCEPT).set('x-request-id', 'req-500-page').expect(500);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.text).toContain('Hệ thống đang gặp sự cố');
      expect(page.text).toContain('req-500-page');
      expect(page.text).not.toContain('secret internals');
      const api = await t.http.get('/test-only/boom').expect(500);
      expect(api.body).toMatchObject({ statusCode: 500, code: 'INTERNAL_ERROR', requestId: expect.any(String) });
    });
  });
});
