import { ValidationFailedError } from '../errors/domain-error';
/** Việt Nam has kept UTC+7 without daylight saving since 1975, so the offset is a constant. */
export const VIETNAM_UTC_OFFSET_MS = 7 * 3_600_000;

const DAY_MS = 86_400_000;

/** The calendar day (YYYY-MM-DD) of an instant in Việt Nam: what "today" means to the province. */
export function vietnamDate(instant: Date): string {
  return new Date(instant.getTime() + VIETNAM_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** Every calendar day from `from` to `to` (YYYY-MM-DD, both included), oldest first. */
export function calendarDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${to}T00:00:00Z`); d <= end; d += DAY_MS) {
    days.push(new Date(d).toISOString().slice(0, 10));
  }
  return days;
}

/** True when `value` is a real calendar day written YYYY-MM-DD (not 2025-02-30, not 2025-13-01). */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * A report period of Vietnam days, checked: both real days, `from` ≤ `to`, at most `maxDays`.
 * Bad input is a 400 naming every bad field (`from`, `to`).
 */
export function checkedPeriod(from: string, to: string, maxDays: number): { from: string; to: string } {
  const bad = (['from', 'to'] as const)
    .filter((f) => !isCalendarDay(f === 'from' ? from : to))
    .map((field) => ({ field, message: `Ngày không hợp lệ, cần dạng YYYY-MM-DD (${field} must be a date YYYY-MM-DD)` }));
  if (bad.length) throw new ValidationFailedError(bad);
  if (from > to) throw ValidationFailedError.field('from', 'Ngày bắt đầu sau ngày kết thúc (from is after to)');
  if (calendarDays(from, to).length > maxDays)
    throw ValidationFailedError.field('to', `Kỳ báo cáo tối đa ${maxDays} ngày (the period is at most ${maxDays} days)`);
  return { from, to };
}
