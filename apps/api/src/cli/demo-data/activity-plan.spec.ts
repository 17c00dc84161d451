import { isValidLotCode, parseSerial } from '@tradefloor/traceability';
import { planDemoData } from './plan';
import { scanHistory, type StampRow } from './scan-history';
import { planTraceability } from './trace-plan';
import { dailyViews, lastDays, PRODUCT_WEEK } from './view-history';
import { addDays, type SeededBatch } from './write-batches';

describe('demo activity plan', () => {
  const traced = planTraceability(planDemoData());
  const thresholds = { warnScans: 20, warnPlaces: 3 };
  const now = new Date('2025-11-20T05:00:00Z');
  const seeded = (plan: SeededBatch['plan']): SeededBatch => ({
    id: `id-${plan.lotCode}`,
    productSlug: 'p',
    lotCode: plan.lotCode,
    gtin14: null,
    producedAt: addDays('2025-11-20', -plan.producedDaysAgo),
    plan,
  });
  const stampsOf = (plan: SeededBatch['plan']): StampRow[] =>
    Array.from({ length: plan.stamps }, (_, i) => ({
      seq: i + 1,
      serial: `S${String(i + 1).padStart(13, '0')}`,
      state: i >= plan.stamps - plan.revokedRoll ? 'revoked' : 'activated',
    }));

  it('is deterministic and keys lots by time-independent codes', () => {
    expect(JSON.stringify(planTraceability(planDemoData()))).toBe(JSON.stringify(traced));
    expect(traced).toHaveLength(20);
    for (const t of traced) {
      expect(t.batches.length).toBeGreaterThanOrEqual(1);
      expect(t.batches.length).toBeLessThanOrEqual(3);
      expect(new Set(t.batches.map((b) => b.lotCode)).size).toBe(t.batches.length);
      for (const b of t.batches) {
        expect(isValidLotCode(b.lotCode)).toBe(true);
        expect(b.stamps).toBeGreaterThanOrEqual(50);
        expect(b.stamps).toBeLessThanOrEqual(500);
        const hours = b.events.map((e) => e.atHour);
        expect(hours).toEqual([...hours].sort((x, y) => x - y));
        // Every event lies in the past on the day of seeding.
        expect(b.producedDaysAgo * 24).toBeGreaterThan(Math.max(...hours));
      }
    }
  });

  it('draws scans whose outcomes and counters follow the verifier, inside the history window', () => {
    let warnings = 0;
    for (const b of traced.flatMap((t) => t.batches)) {
      const { scans, counters } = scanHistory(seeded(b), stampsOf(b), now, thresholds);
      expect(JSON.stringify(scanHistory(seeded(b), stampsOf(b), now, thresholds).scans)).toBe(JSON.stringify(scans));
      for (const s of scans) {
        expect(s.scannedAt.getTime()).toBeLessThan(now.getTime());
        expect(s.scannedAt.getTime()).toBeGreaterThanOrEqual(now.getTime() - 60 * 86_400_000);
        if (s.serial === null) expect(parseSerial(s.claimedSerial!)).toBe(s.claimedSerial);
      }
      for (const c of counters) {
        const own = scans.filter((s) => s.serial === c.serial);
        expect(c.scanCount).toBe(own.length);
        expect(c.distinctPlaces).toBe(new Set(own.map((s) => s.place)).size);
        const last = own.at(-1)!;
        const overNow = c.scanCount > thresholds.warnScans || c.distinctPlaces > thresholds.warnPlaces;
        if (last.outcome !== 'revoked') expect(last.outcome).toBe(overNow ? 'warning' : 'genuine');
        if (overNow) warnings++;
      }
    }
    expect(warnings).toBe(5);
  });

  it('spreads views over the days with a weekly rhythm and keeps a cap', () => {
    const days = lastDays('2025-11-20', 56);
    expect(days).toHaveLength(56);
    expect(days.at(-1)).toBe('2025-11-20');
    const rows = dailyViews(
      [
        { key: 'a', weight: 1 },
        { key: 'b', weight: 3, cap: 500 },
      ],
      days,
      { perDay: 300, week: PRODUCT_WEEK, lastDayShare: 1, seed: 'x' },
    );
    const perWeekday = [0, 1, 2, 3, 4, 5, 6].map((d) => rows.filter((r) => new Date(`${r.day}T00:00:00Z`).getUTCDay() === d).reduce((s, r) => s + r.views, 0));
    expect(Math.min(perWeekday[0], perWeekday[6])).toBeGreaterThan(Math.max(...perWeekday.slice(1, 5)));
    expect(rows.filter((r) => r.key === 'b').reduce((s, r) => s + r.views, 0)).toBe(500);
  });
});
