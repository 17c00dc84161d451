import type { FieldError } from '@tradefloor/core';

/** How a certificate counts in statistics: "potential 5-star" is its own level, not 4 stars. */
export type OcopLevel = '5' | 'potential5' | '4' | '3';

export function ocopLevel(stars: 3 | 4 | 5, potentialFiveStar: boolean): OcopLevel {
  if (potentialFiveStar) return 'potential5';
  return String(stars) as OcopLevel;
}

/** Months a recognition decision stays valid (Decision 148/QĐ-TTg). */
export const OCOP_VALIDITY_MONTHS = 36;

/** `YYYY-MM-DD` + months, clamped to the end of the month (2024-02-29 + 36 months = 2027-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * Score bands: 5 stars 90–100, 4 stars 70–<90, 3 stars 50–<70. "Potential 5-star" is a product
 * certified 4 stars by the province with a score ≥ 90, proposed to the centre.
 */
export function checkOcopScore(stars: number, score: number, potentialFiveStar: boolean): FieldError[] {
  if (potentialFiveStar) {
    const errors: FieldError[] = [];
    if (stars !== 4) errors.push({ field: 'potentialFiveStar', message: 'Tiềm năng 5 sao chỉ áp dụng cho sản phẩm 4 sao (potential 5-star requires 4 stars)' });
    if (score < 90) errors.push({ field: 'score', message: 'Tiềm năng 5 sao cần điểm từ 90 trở lên (potential 5-star requires a score ≥ 90)' });
    return errors;
  }
  const [min, max] = stars === 5 ? [90, 100] : stars === 4 ? [70, 90] : [50, 70];
  const ok = stars === 5 ? score >= min && score <= max : score >= min && score < max;
  if (ok) return [];
  const range = stars === 5 ? '90–100' : `${min}–<${max}`;
  return [{ field: 'score', message: `Điểm ${score} không khớp hạng ${stars} sao (${range}) (score inconsistent with stars)` }];
}

/** Certificate fields that decide which one a product shows. */
export interface RankedCertificate {
  status: string;
  stars: number;
  decisionDate: string;
  validUntil: string;
}

/**
 * The certificate a product shows (the read model's rule): valid and not past its date on `today`
 * (Vietnam date), most stars first, then the latest decision.
 */
export function currentCertificate<T extends RankedCertificate>(certificates: T[], today: string): T | undefined {
  return certificates
    .filter((c) => c.status === 'valid' && c.validUntil >= today)
    .sort((a, b) => b.stars - a.stars || b.decisionDate.localeCompare(a.decisionDate))[0];
}

/**
 * Every rule a new certificate must meet beyond its DTO's field formats: score band ↔ stars,
 * potential 5-star, a real decision date not after `today` (Vietnam date). Shared by the service
 * and the back office form, so both report the same field errors.
 */
export function certificateErrors(input: { stars: number; score: number; potentialFiveStar?: boolean; decisionDate: string }, today: string): FieldError[] {
  const errors: FieldError[] = [...checkOcopScore(input.stars, input.score, input.potentialFiveStar ?? false)];
  if (!isCalendarDate(input.decisionDate)) {
    errors.push({ field: 'decisionDate', message: 'Ngày quyết định không tồn tại (invalid date)' });
  } else if (input.decisionDate > today) {
    errors.push({ field: 'decisionDate', message: 'Ngày quyết định không được ở tương lai (decision date in the future)' });
  }
  return errors;
}
