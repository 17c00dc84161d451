import { demoBulletinSlugs } from '@tradefloor/news-bulletin';
import type { DataSource } from 'typeorm';
import { HISTORY_DAYS } from './scan-history';
import type { DemoPlan } from './plan';
import { Prng, seedFrom } from './prng';
import { BULLETIN_WEEK, dailyViews, lastDays, PRODUCT_WEEK, type DayViews, type ViewSubject } from './view-history';

/** Product page views on an average day across the floor. */
const PRODUCT_VIEWS_PER_DAY = 420;
/** A bulletin's history holds at most this share of its total views (the rest predates it). */
const BULLETIN_HISTORY_SHARE = 0.4;

/**
 * Adds rows to a per-day table for subjects that have none yet: the counters' history has no write
 * service (the view counters record the present), and a subject with any row (an earlier run, or
 * real views of a running demo) keeps what it has. Returns the rows written.
 */
async function insertDays(
  dataSource: DataSource,
  table: 'product_view_days' | 'bulletin_view_days',
  idColumn: string,
  ids: Map<string, string>,
  rows: DayViews[],
): Promise<number> {
  const known = rows.filter((r) => ids.has(r.key));
  if (!known.length) return 0;
  const [{ n }] = await dataSource.query(
    `WITH written AS (
       INSERT INTO ${table} (${idColumn}, day, views)
       SELECT u.id, u.day, u.views FROM unnest($1::uuid[], $2::date[], $3::int[]) AS u(id, day, views)
       WHERE NOT EXISTS (SELECT 1 FROM ${table} d WHERE d.${idColumn} = u.id)
       ON CONFLICT DO NOTHING RETURNING 1)
     SELECT count(*)::int AS n FROM written`,
    [known.map((r) => ids.get(r.key)), known.map((r) => r.day), known.map((r) => r.views)],
  );
  return n;
}

/** Share of the Vietnam day `now` falls in that has elapsed. */
function elapsedShare(now: Date): number {
  const ms = (now.getTime() + 7 * 3_600_000) % 86_400_000;
  return ms / 86_400_000;
}

/**
 * Product page views per day over the history period for every product on the floor: OCOP and
 * traced products draw more, each product has its own steady popularity.
 */
export async function writeProductViews(dataSource: DataSource, plan: DemoPlan, traced: Set<string>, today: string, now: Date): Promise<number> {
  const verified = new Set(plan.enterprises.filter((e) => e.status === 'verified').map((e) => e.slug));
  const stars = new Map<string, number>();
  for (const c of plan.certificates) if (c.status === 'valid' && c.decisionDaysAgo < 1000) stars.set(c.productSlug, c.potentialFiveStar ? 5 : c.stars);
  const subjects: ViewSubject[] = plan.products
    .filter((p) => p.status === 'published' && verified.has(p.enterpriseSlug))
    .map((p) => {
      const s = stars.get(p.slug);
      const popularity = 0.3 + 1.5 * new Prng(seedFrom(`popularity|${p.slug}`)).next() ** 2;
      return { key: p.slug, weight: (1 + (s ? s - 1 : 0) + (traced.has(p.slug) ? 2 : 0)) * popularity };
    });
  const rows = dailyViews(subjects, lastDays(today, HISTORY_DAYS), {
    perDay: PRODUCT_VIEWS_PER_DAY,
    week: PRODUCT_WEEK,
    lastDayShare: elapsedShare(now),
    seed: 'product-views',
  });
  const found: Array<{ id: string; slug: string }> = await dataSource.query(`SELECT id, slug FROM products WHERE slug = ANY($1::text[])`, [
    subjects.map((s) => s.key),
  ]);
  return insertDays(dataSource, 'product_view_days', 'product_id', new Map(found.map((r) => [r.slug, r.id])), rows);
}

/** Counted views per day of the demo bulletins since their publication, within their total "Lượt xem". */
export async function writeBulletinViews(dataSource: DataSource, today: string, now: Date): Promise<number> {
  const found: Array<{ id: string; slug: string; views: string; since: string }> = await dataSource.query(
    `SELECT id, slug, view_count AS views, to_char(published_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS since
     FROM bulletins WHERE slug = ANY($1::text[]) AND status = 'published'`,
    [demoBulletinSlugs()],
  );
  if (!found.length) return 0;
  const subjects: ViewSubject[] = found.map((b) => ({
    key: b.slug,
    weight: Number(b.views),
    since: b.since,
    cap: Math.floor(Number(b.views) * BULLETIN_HISTORY_SHARE),
  }));
  const total = subjects.reduce((s, b) => s + b.weight, 0);
  const rows = dailyViews(subjects, lastDays(today, HISTORY_DAYS), {
    perDay: (total * BULLETIN_HISTORY_SHARE * 0.6) / HISTORY_DAYS,
    week: BULLETIN_WEEK,
    lastDayShare: elapsedShare(now),
    seed: 'bulletin-views',
  });
  return insertDays(dataSource, 'bulletin_view_days', 'bulletin_id', new Map(found.map((r) => [r.slug, r.id])), rows);
}
