import { calendarDays } from '@tradefloor/core';
import type { ProductPageViews } from '@tradefloor/catalog';
import type { ViewCounter } from '@tradefloor/news-bulletin';
import type { ScanStatistics } from '@tradefloor/traceability';

/** Ranges offered by the dashboard, in days (today included). */
export const ACTIVITY_RANGES = [7, 30, 90] as const;
export const DEFAULT_RANGE = 30;

export interface ActivitySources {
  scans: ScanStatistics;
  bulletinViews: ViewCounter;
  productViews: ProductPageViews;
}

/** Per-day counts of one range; every array has one entry per day of `days`. */
export interface Activity {
  from: string;
  to: string;
  days: string[];
  scans: number[];
  bulletinViews: number[];
  productViews: number[];
}

/** `?days=`: one of the offered ranges, else the default (never an error). */
export function activityRange(value: string): number {
  return ACTIVITY_RANGES.find((r) => String(r) === value) ?? DEFAULT_RANGE;
}

/** The `count` calendar days ending with `today` (YYYY-MM-DD, Vietnam dates), oldest first. */
export function daysEndingAt(today: string, count: number): string[] {
  const first = new Date(Date.parse(`${today}T00:00:00Z`) - (count - 1) * 86_400_000).toISOString().slice(0, 10);
  return calendarDays(first, today);
}

/** Stamp scans, bulletin views and product page views per Vietnam day, days without activity as 0. */
export async function loadActivity(sources: ActivitySources, today: string, range: number): Promise<Activity> {
  const days = daysEndingAt(today, range);
  const from = days[0];
  const [scans, bulletinViews, productViews] = await Promise.all([
    sources.scans.perDay(from, today),
    sources.bulletinViews.perDay(from, today),
    sources.productViews.perDay(from, today),
  ]);
  const fill = (rows: Array<{ day: string; count: number }>) => {
    const byDay = new Map(rows.map((r) => [r.day, r.count]));
    return days.map((d) => byDay.get(d) ?? 0);
  };
  return { from, to: today, days, scans: fill(scans), bulletinViews: fill(bulletinViews), productViews: fill(productViews) };
}
