import type { MessageKey, Translate } from '../i18n/messages';

const VND = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });
const COUNT = new Intl.NumberFormat('vi-VN');
const DAY = new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' });

export function formatVnd(amount: number): string {
  return VND.format(amount);
}

export function formatPriceRange(min: number, max: number | null): string {
  return max !== null && max > min ? `${VND.format(min)} – ${VND.format(max)}` : VND.format(min);
}

export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** dd/mm/yyyy in Vietnam time; a bare `YYYY-MM-DD` is a calendar date and is shown as is. */
export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return '';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-');
    return `${d}/${m}/${y}`;
  }
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? '' : DAY.format(date);
}

/** Label of an enum value whose texts live under `prefix.value`; falls back to the raw value. */
export function label(t: Translate, prefix: 'kind' | 'cert' | 'sort', value: string): string {
  try {
    return t(`${prefix}.${value}` as MessageKey) ?? value;
  } catch {
    return value;
  }
}
