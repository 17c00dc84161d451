import type { EnterpriseStatus } from '@tradefloor/enterprise-profile';
import type { ProductStatus } from '@tradefloor/catalog';

export const VERDICTS = [
  'genuine',
  'warning',
  'unknown',
  'revoked',
  'seller_unverified',
  'seller_suspended',
  'product_unapproved',
  'withdrawn',
  'gtin_unconfirmed',
] as const;
export type Verdict = (typeof VERDICTS)[number];
/** Verdicts that say the floor no longer (or never did) vouch for the seller, product or GTIN. */
export type TrustVerdict = 'seller_unverified' | 'seller_suspended' | 'product_unapproved' | 'withdrawn' | 'gtin_unconfirmed';
export type StampState = 'issued' | 'activated' | 'revoked';

export const VERDICT_MESSAGES: Record<Verdict, string> = {
  genuine: 'Sản phẩm chính hãng (genuine)',
  warning: 'Cảnh báo: tem đã được quét bởi nhiều người hoặc ở nhiều nơi, có thể bị sao chép (warning: scanned by too many clients or in too many places)',
  unknown: 'Không tìm thấy tem: có thể là hàng giả (unknown stamp: likely counterfeit)',
  revoked: 'Tem đã bị thu hồi (revoked)',
  seller_unverified: 'Tem do người bán chưa được sàn xác minh phát hành (issued by a seller the floor has not verified)',
  seller_suspended: 'Người bán đã bị sàn tạm ngưng hoạt động (the seller is suspended by the floor)',
  product_unapproved: 'Sản phẩm chưa được sàn duyệt (the product has not been approved by the floor)',
  withdrawn: 'Sản phẩm đã bị rút khỏi sàn (the product was withdrawn from the floor)',
  gtin_unconfirmed: 'Sàn chưa xác nhận mã GTIN thuộc về người bán này (the floor has not confirmed that this GTIN belongs to the seller)',
};

/** What the floor checked about a stamp's issuer, read fresh at every scan. */
export interface IssuerStanding {
  enterpriseStatus: EnterpriseStatus | null;
  productStatus: ProductStatus | null;
  /** Set once the product passed moderation (stays set while later edits are reviewed). */
  productPublishedAt: Date | null;
  /** Null when the stamp's lot has no GTIN; else whether the enterprise holds the confirmed claim. */
  gtinConfirmed: boolean | null;
}

/**
 * Whether the floor still vouches for the issuer; null when it does. Checked in this order so the
 * buyer reads the most fundamental fact: who the seller is, then the product, then its GTIN.
 */
export function standingVerdict(s: IssuerStanding): TrustVerdict | null {
  if (s.enterpriseStatus === 'suspended') return 'seller_suspended';
  if (s.enterpriseStatus !== 'verified') return 'seller_unverified';
  if (s.productStatus === null || s.productStatus === 'archived') return 'withdrawn';
  // Passed moderation once: published, unlisted by the seller, or an edit back in review.
  if (s.productPublishedAt === null) return 'product_unapproved';
  if (s.productStatus === 'rejected') return 'withdrawn';
  if (s.gtinConfirmed === false) return 'gtin_unconfirmed';
  return null;
}

export interface Thresholds {
  warnScans: number;
  warnPlaces: number;
}

/** Scan counters of a stamp; the warning counts only what happened since the owner last cleared it. */
export interface ScanCounters {
  distinctClients: number;
  distinctPlaces: number;
  warnBaseClients: number;
  warnBasePlaces: number;
}

export function isOverThresholds(c: ScanCounters, t: Thresholds): boolean {
  return c.distinctClients - c.warnBaseClients > t.warnScans || c.distinctPlaces - c.warnBasePlaces > t.warnPlaces;
}

/** The same rule as isOverThresholds, in SQL over trace_stamps aliased `s` ($warnScans, $warnPlaces given). */
export function overThresholdsSql(warnScans: string, warnPlaces: string): string {
  return `(s.distinct_clients - s.warn_base_clients > ${warnScans} OR s.distinct_places - s.warn_base_places > ${warnPlaces})`;
}

/**
 * The public verdict. A revoked stamp says so whoever issued it; otherwise "genuine" needs the
 * issuer's standing (standingVerdict) and scans within the thresholds.
 */
export function verdictOf(state: StampState, counters: ScanCounters, t: Thresholds, standing?: IssuerStanding): Verdict {
  if (state === 'revoked') return 'revoked';
  const trust = standing ? standingVerdict(standing) : null;
  if (trust) return trust;
  return isOverThresholds(counters, t) ? 'warning' : 'genuine';
}
