import { Prng, seedFrom } from './prng';

/** Weight of each weekday (0 = Sunday) for product pages: shoppers browse most at the weekend. */
export const PRODUCT_WEEK = [1.35, 0.9, 0.92, 0.95, 1, 1.08, 1.3];
/** For bulletins: news is read at work, on weekdays. */
export const BULLETIN_WEEK = [0.6, 1.15, 1.1, 1.1, 1.05, 1, 0.7];

export interface ViewSubject {
  key: string;
  /** Relative popularity. */
  weight: number;
  /** First Vietnam day it can be viewed (published); none: viewable on every day. */
  since?: string;
  /** Most views its history may add up to (a bulletin's history stays within its total "Lượt xem"). */
  cap?: number;
}

export interface DayViews {
  key: string;
  day: string;
  views: number;
}

/** The `count` Vietnam days ending with `today`, oldest first. */
export function lastDays(today: string, count: number): string[] {
  const end = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(end - (count - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

/**
 * Synthetic views per day: a daily total with a weekly rhythm, a slow rise over the period and
 * some day-to-day noise, shared among the subjects by weight (Poisson draws, so small subjects
 * have days without views). The last day counts only its elapsed share. Deterministic for a seed.
 */
export function dailyViews(subjects: ViewSubject[], days: string[], opts: { perDay: number; week: number[]; lastDayShare: number; seed: string }): DayViews[] {
  const rng = new Prng(seedFrom(opts.seed));
  const out: DayViews[] = [];
  const totals = new Map<string, number>();
  days.forEach((day, i) => {
    const open = subjects.filter((s) => !s.since || s.since <= day);
    const weights = open.reduce((sum, s) => sum + s.weight, 0);
    const trend = 0.85 + (0.25 * i) / Math.max(1, days.length - 1);
    const share = i === days.length - 1 ? opts.lastDayShare : 1;
    const total = opts.perDay * opts.week[new Date(`${day}T00:00:00Z`).getUTCDay()] * trend * (0.85 + 0.3 * rng.next()) * share;
    for (const s of open) {
      let views = rng.poisson((total * s.weight) / weights);
      const sofar = totals.get(s.key) ?? 0;
      if (s.cap !== undefined) views = Math.min(views, s.cap - sofar);
      if (views <= 0) continue;
      totals.set(s.key, sofar + views);
      out.push({ key: s.key, day, views });
    }
  });
  return out;
}
