import { ProductPageViews } from '@tradefloor/catalog';
import { ViewCounter } from '@tradefloor/news-bulletin';
import { createUser, type TestUser } from '../harness/auth';
import { createTestApp, type TestApp } from '../harness/test-app';
import { bulletinInput, categoryId, publishedBulletin } from '../news/helpers';
import { createBatch, issue, ownerWithProduct, serialsOf, type Owner } from '../traceability/trace-fixtures';
import { cookieHeader, signIn, type CookieJar } from './web-helpers';

/**
 * Activity over time on the statistics dashboard: stamp scans, bulletin views and product page
 * views recorded at chosen instants (ManualClock) land in the right Vietnam-day buckets.
 */
describe('web: statistics dashboard, scans and views per day', () => {
  let t: TestApp;
  let owner: Owner;
  let editorUser: TestUser;
  let serials: string[];
  let bulletinSlug: string;
  let scanNo = 0;

  /** Each scan from another phone, so no two are one visit. */
  const scan = () => t.http.get(`/api/v1/stamps/${serials[scanNo]}`).set('user-agent', `phone-${scanNo++}`).expect(200);
  const viewBulletin = (agent: string) => t.http.get(`/tin-tuc/${bulletinSlug}`).set('user-agent', agent).expect(200);
  const viewProduct = () => t.http.get(`/san-pham/${owner.product.slug}`).expect(200);
  const flush = async () => {
    await t.app.get(ViewCounter).flush();
    await t.app.get(ProductPageViews).flush();
  };
  /** `{day: value}` of one chart of the page (the days without activity are 0). */
  const chart = (html: string, id: string) => {
    const figure = new RegExp(`<figure class="chart" aria-labelledby="${id}-cap">([\\s\\S]*?)</figure>`).exec(html)?.[1];
    if (!figure) throw new Error(`no chart ${id}`);
    return Object.fromEntries([...figure.matchAll(/data-day="([\d-]+)" data-value="(\d+)"/g)].map((m) => [m[1], Number(m[2])]));
  };
  const nonZero = (series: Record<string, number>) => Object.fromEntries(Object.entries(series).filter(([, v]) => v > 0));

  beforeAll(async () => {
    t = await createTestApp({ env: { VIEW_FLUSH_INTERVAL_MS: '3600000', STAMP_SCAN_RATE_PER_MINUTE: '1000' } });
    // 1 June 2025, noon in Vietnam: 39 days before "today" (outside 30 days, inside 90).
    t.clock.set(new Date('2025-06-01T05:00:00Z'));
    owner = await ownerWithProduct(t, { name: 'Bưởi da xanh Hùng Hòa' });
    const batch = await createBatch(t, owner, { producedAt: '2025-05-20' });
    await issue(t, owner, batch.id, 10);
    serials = await serialsOf(t, batch.id);
    editorUser = await createUser(t, 'editor');
    bulletinSlug = (await publishedBulletin(t, editorUser, bulletinInput(await categoryId(t, 'tin-tuc'), { title: 'Mùa bưởi Hùng Hòa' }))).slug;
    await scan();

    // 23:30 on 8 July in Vietnam (16:30 UTC).
    t.clock.set(new Date('2025-07-08T16:30:00Z'));
    await scan();
    await scan();
    await viewBulletin('phone-A');
    await viewBulletin('phone-A'); // the same visitor within the hour: one view
    for (let i = 0; i < 3; i++) await viewProduct();
    await t.http.head(`/san-pham/${owner.product.slug}`).expect(200); // not a view
    await flush();

    // 00:30 on 9 July in Vietnam, still 8 July in UTC: these belong to 9 July.
    t.clock.set(new Date('2025-07-08T17:30:00Z'));
    await scan();
    await viewBulletin('phone-A'); // a new hour: counts again
    await viewBulletin('phone-B');
    await viewProduct();
    await flush();

    // "Today": 10 July, 10:00 in Vietnam.
    t.clock.set(new Date('2025-07-10T03:00:00Z'));
    await scan();
    await flush();
  });
  afterAll(() => t.close());

  let editor: CookieJar;
  const get = async (path: string, jar = editor) => t.http.get(path).set('Cookie', cookieHeader(jar)).expect(200);

  it('draws the last 30 days by default, one column per Vietnam day', async () => {
    editor = await signIn(t, editorUser.email, editorUser.password);
    const page = (await get('/quan-ly/thong-ke')).text;
    const scans = chart(page, 'activity-scans');
    expect(Object.keys(scans)).toHaveLength(30);
    expect(Object.keys(scans)[0]).toBe('2025-06-11');
    expect(Object.keys(scans)[29]).toBe('2025-07-10');
    expect(nonZero(scans)).toEqual({ '2025-07-08': 2, '2025-07-09': 1, '2025-07-10': 1 });
    expect(nonZero(chart(page, 'activity-bulletinViews'))).toEqual({ '2025-07-08': 1, '2025-07-09': 2 });
    expect(nonZero(chart(page, 'activity-productViews'))).toEqual({ '2025-07-08': 3, '2025-07-09': 1 });

    const figure = /<figure class="chart" aria-labelledby="activity-scans-cap">[\s\S]*?<\/figure>/.exec(page)![0];
    expect(figure).toContain('role="img"');
    expect(figure).toContain('<h3>Lượt quét tem truy xuất nguồn gốc</h3>');
    expect(figure).toContain('Tổng: 4. Cao nhất: 2 (08/07/2025).');
    expect(figure).toContain('<td>09/07/2025</td><td class="num">1</td>');
    expect(page).toContain('<a href="/quan-ly/thong-ke?days=30#hoat-dong" aria-current="page">30 ngày</a>');
    expect(page).toContain('href="/quan-ly/thong-ke/hoat-dong.csv?days=30"');
  });

  it('switches to 7 or 90 days, and falls back to 30 for anything else', async () => {
    const week = chart((await get('/quan-ly/thong-ke?days=7')).text, 'activity-scans');
    expect(Object.keys(week)).toEqual(['2025-07-04', '2025-07-05', '2025-07-06', '2025-07-07', '2025-07-08', '2025-07-09', '2025-07-10']);
    const quarter = chart((await get('/quan-ly/thong-ke?days=90')).text, 'activity-scans');
    expect(Object.keys(quarter)).toHaveLength(90);
    expect(nonZero(quarter)).toEqual({ '2025-06-01': 1, '2025-07-08': 2, '2025-07-09': 1, '2025-07-10': 1 });
    expect(Object.keys(chart((await get('/quan-ly/thong-ke?days=12345')).text, 'activity-scans'))).toHaveLength(30);
  });

  it('exports the same series as CSV with a BOM, one row per day', async () => {
    const res = await get('/quan-ly/thong-ke/hoat-dong.csv?days=7');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="hoat-dong-2025-07-04-2025-07-10.csv"');
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    expect(res.text.slice(1).split('\r\n')).toEqual([
      'Ngày,Lượt quét tem truy xuất nguồn gốc,Lượt xem bản tin,Lượt xem trang sản phẩm',
      '2025-07-04,0,0,0',
      '2025-07-05,0,0,0',
      '2025-07-06,0,0,0',
      '2025-07-07,0,0,0',
      '2025-07-08,2,1,3',
      '2025-07-09,1,2,1',
      '2025-07-10,1,0,0',
      '',
    ]);
    const ninety = await get('/quan-ly/thong-ke/hoat-dong.csv?days=90');
    expect(ninety.text).toContain('\r\n2025-06-01,1,0,0\r\n');
  });

  it('keeps the page and the CSV to editors and admins', async () => {
    const seller = await signIn(t, owner.owner.email, owner.owner.password);
    await t.http.get('/quan-ly/thong-ke').set('Cookie', cookieHeader(seller)).expect(403);
    await t.http.get('/quan-ly/thong-ke/hoat-dong.csv').set('Cookie', cookieHeader(seller)).expect(403);
    await t.http.get('/quan-ly/thong-ke/hoat-dong.csv').expect(303).expect('location', '/dang-nhap');
  });
});
