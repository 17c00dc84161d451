import type { Certification } from '@tradefloor/catalog';
import { foldVietnamese } from '@tradefloor/core';
import { communeByCode } from './communes';
import type { DemoPlan, PlannedProduct } from './plan';
import { Prng, seedFrom } from './prng';
import type { PlannedEnterprise } from './roster';
import { traceEvents, type PlannedTraceEvent } from './trace-events';

/** How many OCOP products of verified enterprises get batches and stamps in the demo. */
export const TRACED_PRODUCTS = 20;
/** The demo's showcase seller (the bulletin "Hướng dẫn quét tem QR … bưởi da xanh" is about it). */
export const SHOWCASE_ENTERPRISE = 'htx-buoi-da-xanh-hung-hoa';

/** Goods without lots to trace (handicrafts, textiles, experiences). */
const UNTRACED_CATEGORIES = new Set(['do-trang-tri', 'do-thu-cong', 'vai-may-mac', 'du-lich-cong-dong']);
/** Shelf life in days by category (default one year); null: no expiry date (spirits). */
const SHELF_LIFE: Record<string, number | null> = {
  'trai-cay': 30,
  'rau-cu-qua': 30,
  'thuy-san-tuoi': 5,
  'thit-che-bien': 10,
  'banh-keo-mut': 180,
  'kho-hai-san': 180,
  'do-uong-khong-con': 180,
  'thuc-pham-so-che': 180,
  'trai-cay-say': 270,
  'mat-ong': 730,
  'my-pham-thao-duoc': 730,
  'thuc-pham-chuc-nang': 730,
  'do-uong-co-con': null,
};
const FRESH = new Set(['trai-cay', 'rau-cu-qua', 'thuy-san-tuoi']);

export interface PlannedBatch {
  lotCode: string;
  /** Days before the seeding day; everything else about the batch counts from its production day. */
  producedDaysAgo: number;
  shelfLifeDays: number | null;
  quantity: number;
  stamps: number;
  notes: string;
  events: PlannedTraceEvent[];
  /** Hours after the production day's midnight (Vietnam) when the goods left: buyers scan after this. */
  shippedAtHour: number;
  /** The last N stamps of the roll were lost in transit and revoked (0: none)… */
  revokedRoll: number;
  /** …this many hours after the production day's midnight, once the shipment arrived short. */
  revokedAtHour: number;
  /** Stamps copied onto fakes: scanned many times from many places (the "warning" verdict). */
  clonedStamps: number;
  /** Scans of made-up serials presented with this batch's GTIN and lot (needs a GTIN). */
  forgedScans: number;
  /** Share of the stamps that buyers scan. */
  scannedShare: number;
}

export interface TracedProduct {
  productSlug: string;
  enterpriseSlug: string;
  ownerEmail: string;
  unit: string;
  originCommuneCode: string;
  certifications: Certification[];
  /** Newest first. */
  batches: PlannedBatch[];
}

/** "Bưởi da xanh Hùng Hòa loại 1" → "BDX": the initials of the product's first three words. */
function lotPrefix(name: string): string {
  const words = foldVietnamese(name)
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => /^[A-Z]/.test(w));
  return words
    .slice(0, 3)
    .map((w) => w[0])
    .join('');
}

/** Goods sold by weight carry one stamp per box; counted goods one per item, so never more stamps than items. */
function quantityFor(rng: Prng, unit: string, stamps: number): number {
  if (unit === 'kg') return rng.int(30, 250) * 10;
  return Math.max(stamps, rng.int(20, 300) * 10);
}

function planBatches(rng: Prng, p: PlannedProduct, e: PlannedEnterprise): PlannedBatch[] {
  const shelfLifeDays = p.categorySlug in SHELF_LIFE ? SHELF_LIFE[p.categorySlug] : 365;
  const fresh = FRESH.has(p.categorySlug);
  const count = e.slug === SHOWCASE_ENTERPRISE ? 3 : rng.int(1, 3);
  const prefix = lotPrefix(p.name);
  // Lot numbers are the seller's running numbers: never derived from the seeding date, so a rerun
  // on another day finds the same lots.
  const firstNo = rng.int(40, 900);
  const batches: PlannedBatch[] = [];
  let daysAgo = rng.int(5, 18);
  for (let k = 0; k < count; k++) {
    const no = firstNo + count - 1 - k;
    const commune = communeByCode(p.originCommuneCode ?? e.communeCode);
    const events = traceEvents(rng, { fresh, seller: e.displayName, commune, no });
    const stamps = rng.int(5, 50) * 10;
    batches.push({
      lotCode: `${prefix}-${String(no).padStart(4, '0')}`,
      producedDaysAgo: daysAgo,
      shelfLifeDays,
      quantity: quantityFor(rng, p.unit, stamps),
      stamps,
      notes: fresh ? `Thu hoạch đợt ${no}, tuyển chọn trái đạt chuẩn` : `Lô sản xuất số ${no}`,
      events,
      shippedAtHour: events.find((ev) => ev.bizStep === 'shipping')!.atHour,
      revokedRoll: 0,
      revokedAtHour: events.find((ev) => ev.bizStep === 'shipping')!.atHour + 26,
      clonedStamps: 0,
      forgedScans: 0,
      scannedShare: 0.2 + rng.next() * 0.3,
    });
    daysAgo += fresh ? rng.int(14, 24) : rng.int(24, 45);
  }
  return batches;
}

/**
 * Batches, stamps and trace events of about twenty OCOP products of verified enterprises, computed
 * from the base plan alone (deterministic). The showcase cooperative's lots have copied stamps and
 * a lost roll, so its anomaly list is never empty; a few other lots show the same problems.
 */
export function planTraceability(plan: DemoPlan): TracedProduct[] {
  const rng = new Prng(seedFrom('demo-traceability'));
  const enterprises = new Map(plan.enterprises.map((e) => [e.slug, e]));
  const ocop = new Set(plan.certificates.filter((c) => c.status === 'valid' && c.decisionDaysAgo < 1000).map((c) => c.productSlug));
  const eligible = plan.products.filter(
    (p) =>
      ocop.has(p.slug) &&
      p.status === 'published' &&
      enterprises.get(p.enterpriseSlug)?.status === 'verified' &&
      !UNTRACED_CATEGORIES.has(p.categorySlug) &&
      p.unit !== 'người',
  );
  // One product per seller: the showcase's flagship first, then a shuffled mix of sellers with
  // GTINs (Digital Link stamps) and without (short /t/ stamps).
  const chosen: PlannedProduct[] = [eligible.find((p) => p.enterpriseSlug === SHOWCASE_ENTERPRISE)!];
  const sellers = new Set(chosen.map((p) => p.enterpriseSlug));
  for (const p of rng.shuffle(eligible)) {
    if (chosen.length === TRACED_PRODUCTS) break;
    if (sellers.has(p.enterpriseSlug)) continue;
    const withGtin = chosen.filter((c) => c.gtin).length;
    if (p.gtin ? withGtin >= 8 : chosen.length - withGtin >= TRACED_PRODUCTS - 8) continue;
    sellers.add(p.enterpriseSlug);
    chosen.push(p);
  }

  const traced = chosen.map((p) => {
    const e = enterprises.get(p.enterpriseSlug)!;
    return {
      productSlug: p.slug,
      enterpriseSlug: e.slug,
      ownerEmail: e.email,
      unit: p.unit,
      originCommuneCode: p.originCommuneCode ?? e.communeCode,
      certifications: p.certifications.filter((c) => c.type !== 'typical_rural_industrial'),
      batches: planBatches(new Prng(seedFrom(`batches|${p.slug}`)), p, e),
      gtin: p.gtin,
    };
  });

  // Copies are found on a lot that has sold for a while (the second newest where there is one);
  // rolls go missing and forgeries appear around the newest.
  const sold = (t: { batches: PlannedBatch[] }) => t.batches[Math.min(1, t.batches.length - 1)];
  sold(traced[0]).clonedStamps = 2;
  traced[0].batches[0].revokedRoll = 12;
  const others = rng.shuffle(traced.slice(1));
  for (const t of others.slice(0, 3)) sold(t).clonedStamps = 1;
  others[3].batches[0].revokedRoll = 20;
  for (const t of others.filter((o) => o.gtin).slice(0, 2)) t.batches[0].forgedScans = rng.int(2, 4);
  return traced.map(({ gtin: _g, ...t }) => t);
}
