import { checkSymbol, CROCKFORD_ALPHABET, verdictOf, type Verdict } from '@tradefloor/traceability';
import { Prng, seedFrom } from './prng';
import type { SeededBatch } from './write-batches';
import { vietnamHour } from './write-batches';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** How far back the demo's scan history goes. */
export const HISTORY_DAYS = 60;

/** Where buyers scan from (coarse places, as a proxy's region header names them); home province first. */
const PLACES: Array<[string, number]> = [
  ['Vĩnh Long', 40],
  ['TP. Hồ Chí Minh', 24],
  ['Cần Thơ', 9],
  ['Hà Nội', 6],
  ['Đồng Tháp', 4],
  ['An Giang', 3],
  ['Cà Mau', 3],
  ['Đồng Nai', 3],
  ['Tây Ninh', 2],
  ['Đà Nẵng', 2],
  ['Khánh Hòa', 2],
  ['Lâm Đồng', 2],
];
/** Weight of each weekday (0 = Sunday): buyers shop and scan more at the weekend. */
const SCAN_WEEK = [1.3, 0.85, 0.9, 0.9, 0.95, 1.05, 1.25];
/** Weight of each hour of the day in Vietnam: meals and evenings. */
const SCAN_HOURS = [0.1, 0.05, 0.02, 0.02, 0.05, 0.2, 0.6, 0.9, 1, 1, 1, 1.2, 1.3, 1, 0.8, 0.8, 0.9, 1.1, 1.4, 1.6, 1.7, 1.4, 0.9, 0.4];
/** Share of the scans made through the JSON API (partner apps) rather than the page. */
const API_SHARE = 0.15;

export interface StampRow {
  seq: number;
  serial: string;
  state: 'issued' | 'activated' | 'revoked';
}

export interface ScanRow {
  serial: string | null;
  claimedSerial: string | null;
  outcome: Verdict;
  channel: 'html' | 'api';
  scannedAt: Date;
  place: string;
  uaHash: string;
  clientHash: string;
}

export interface StampCounters {
  serial: string;
  scanCount: number;
  distinctPlaces: number;
  /** Every synthetic scan comes from its own client (random client hash). */
  distinctClients: number;
  firstScannedAt: Date;
  lastScannedAt: Date;
}

interface Draw {
  serial: string | null;
  claimedSerial?: string;
  at: Date;
  place: string;
}

function weighted<T>(rng: Prng, items: Array<[T, number]>): T {
  let r = rng.next() * items.reduce((s, [, w]) => s + w, 0);
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1][0];
}

const HOURS = SCAN_HOURS.map((w, h): [number, number] => [h, w]);
const MAX_WEEK = Math.max(...SCAN_WEEK);

/**
 * A moment around `at` as people scan: the day kept or moved so that weekends weigh more, the hour
 * drawn from the daily rhythm. Days are Vietnam days.
 */
function humanMoment(rng: Prng, at: Date): Date {
  let day = new Date(at.getTime() + 7 * HOUR_MS);
  for (let tries = 0; tries < 4 && rng.next() > SCAN_WEEK[day.getUTCDay()] / MAX_WEEK; tries++) day = new Date(day.getTime() + DAY_MS);
  const midnight = Date.parse(`${day.toISOString().slice(0, 10)}T00:00:00+07:00`);
  return new Date(midnight + weighted(rng, HOURS) * HOUR_MS + rng.int(0, 3599) * 1000);
}

/** The same Vietnam day as `at`, at an hour people scan; `at` itself if that hour is still to come. */
function sameDayHour(rng: Prng, at: Date, now: Date): Date {
  const midnight = Date.parse(`${new Date(at.getTime() + 7 * HOUR_MS).toISOString().slice(0, 10)}T00:00:00+07:00`);
  const moment = new Date(midnight + weighted(rng, HOURS) * HOUR_MS + rng.int(0, 3599) * 1000);
  return moment < now ? moment : at;
}

/** A well-formed serial (valid check symbol) that no stamp has: what a counterfeiter prints. */
function forgedSerial(rng: Prng): string {
  let body = '';
  for (let i = 0; i < 13; i++) body += CROCKFORD_ALPHABET[rng.int(0, 31)];
  return body + checkSymbol(body);
}

/**
 * The scans a lot's stamps received between its shipping (or `HISTORY_DAYS` ago) and `now`:
 * most stamps once or not at all, some twice (a relative checks the gift), the copied stamps many
 * times from several provinces, a few revoked and forged ones. Outcomes follow the verifier's
 * rule at the moment of each scan, and the returned counters are what the stamps must show.
 */
export function scanHistory(
  batch: SeededBatch,
  stamps: StampRow[],
  now: Date,
  thresholds: { warnScans: number; warnPlaces: number },
): { scans: ScanRow[]; counters: StampCounters[] } {
  // Keyed by natural keys, not the lot's id: every installation draws the same history.
  const rng = new Prng(seedFrom(`scans|${batch.productSlug}|${batch.lotCode}`));
  const plan = batch.plan;
  const shipped = vietnamHour(batch.producedAt, plan.shippedAtHour);
  const from = Math.max(shipped.getTime() + 6 * HOUR_MS, now.getTime() - HISTORY_DAYS * DAY_MS);
  const spreadDays = Math.max(6, Math.min(plan.shelfLifeDays ?? 90, 90));
  const draws: Draw[] = [];
  const inWindow = (d: Date) => d.getTime() >= from && d.getTime() < now.getTime();
  const push = (serial: string | null, at: Date, place: string, claimedSerial?: string) => {
    if (inWindow(at)) draws.push({ serial, at, place, claimedSerial });
  };
  /** For moments drawn uniformly over a period: moved to a waking hour of their day, staying in the window. */
  const awake = (at: Date) => {
    const moved = sameDayHour(rng, at, now);
    return inWindow(moved) ? moved : at;
  };

  const live = stamps.filter((s) => s.state !== 'revoked');
  const cloned = new Set(
    rng
      .shuffle(live)
      .slice(0, plan.clonedStamps)
      .map((s) => s.serial),
  );
  for (const s of live) {
    if (cloned.has(s.serial) || !rng.chance(plan.scannedShare)) continue;
    // Sold and opened within the lot's shelf life, most of it in the first days.
    const at = humanMoment(rng, new Date(shipped.getTime() + spreadDays * DAY_MS * rng.next() ** 1.8));
    const place = weighted(rng, PLACES);
    push(s.serial, at, `region:${place}`);
    if (rng.chance(0.1))
      push(s.serial, humanMoment(rng, new Date(at.getTime() + rng.int(0, 4) * DAY_MS)), `region:${rng.chance(0.7) ? place : weighted(rng, PLACES)}`);
  }

  // A copied stamp, printed on fakes sold across provinces over one to three weeks: the first one
  // crosses the scan threshold, the next one the places threshold with only a few scans.
  [...cloned].forEach((serial, i) => {
    const manyScans = i % 2 === 0;
    const places = rng.shuffle(PLACES.map(([p]) => p)).slice(0, manyScans ? rng.int(2, 4) : thresholds.warnPlaces + rng.int(1, 3));
    const count = manyScans ? thresholds.warnScans + rng.int(2, 12) : places.length + rng.int(0, 3);
    const span = rng.int(7, 21) * DAY_MS;
    const start = Math.max(from, now.getTime() - span - rng.int(1, 10) * DAY_MS);
    const end = Math.min(start + span, now.getTime() - HOUR_MS);
    for (let k = 0; k < count; k++) {
      // Every place at least once, so the place count is what was drawn.
      const place = k < places.length ? places[k] : rng.pick(places);
      push(serial, awake(new Date(start + rng.next() * (end - start))), `region:${place}`);
    }
  });

  // The lost roll: a few of its stamps turn up anyway.
  const revokedAfter = vietnamHour(batch.producedAt, plan.revokedAtHour).getTime() + DAY_MS;
  for (const s of stamps.filter((x) => x.state === 'revoked').slice(0, 3)) {
    const after = Math.max(from, revokedAfter);
    push(s.serial, awake(new Date(after + rng.next() * Math.max(0, now.getTime() - after - HOUR_MS))), `region:${weighted(rng, PLACES)}`);
  }
  for (let i = 0; i < plan.forgedScans; i++) {
    push(null, awake(new Date(from + rng.next() * (now.getTime() - from - HOUR_MS))), `region:${weighted(rng, PLACES)}`, forgedSerial(rng));
  }

  draws.sort((a, b) => a.at.getTime() - b.at.getTime());
  const state = new Map(stamps.map((s) => [s.serial, s.state]));
  const seen = new Map<string, { counters: StampCounters; places: Set<string> }>();
  const scans = draws.map((d): ScanRow => {
    const base = {
      channel: rng.chance(API_SHARE) ? ('api' as const) : ('html' as const),
      scannedAt: d.at,
      place: d.place,
      uaHash: rng.hex(32),
      clientHash: rng.hex(32),
    };
    if (!d.serial) return { ...base, serial: null, claimedSerial: d.claimedSerial!, outcome: 'unknown' };
    let s = seen.get(d.serial);
    if (!s) {
      s = { counters: { serial: d.serial, scanCount: 0, distinctPlaces: 0, distinctClients: 0, firstScannedAt: d.at, lastScannedAt: d.at }, places: new Set() };
      seen.set(d.serial, s);
    }
    s.counters.scanCount++;
    s.counters.distinctClients++;
    if (!s.places.has(d.place)) {
      s.places.add(d.place);
      s.counters.distinctPlaces++;
    }
    s.counters.lastScannedAt = d.at;
    const counters = { distinctClients: s.counters.distinctClients, distinctPlaces: s.counters.distinctPlaces, warnBaseClients: 0, warnBasePlaces: 0 };
    const outcome = verdictOf(state.get(d.serial)!, counters, thresholds);
    return { ...base, serial: d.serial, claimedSerial: null, outcome };
  });
  return { scans, counters: [...seen.values()].map((s) => s.counters) };
}
