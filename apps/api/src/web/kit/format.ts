import { VIETNAM_UTC_OFFSET_MS } from '@tradefloor/core';
import type { Lang, MessageKey, Translate } from '../i18n/messages';

/**
 * How every page writes numbers, money and dates, and reads dates typed into forms. Dates are
 * always shown in the province's time zone, whatever the server's.
 */
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const VND = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });
const NUMBER: Record<Lang, Intl.NumberFormat> = { vi: new Intl.NumberFormat('vi-VN'), en: new Intl.NumberFormat('en-GB') };
const DAY = new Intl.DateTimeFormat('vi-VN', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const LONG_DATE: Record<Lang, Intl.DateTimeFormat> = {
  vi: DAY,
  en: new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric' }),
};
const DATE_TIME: Record<Lang, Intl.DateTimeFormat> = {
  vi: new Intl.DateTimeFormat('vi-VN', { timeZone: TIME_ZONE, dateStyle: 'short', timeStyle: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' }),
};

export function formatVnd(amount: number): string {
  return VND.format(amount);
}

export function formatPriceRange(min: number, max: number | null): string {
  return max !== null && max > min ? `${VND.format(min)} – ${VND.format(max)}` : VND.format(min);
}

/** A count as Vietnamese readers write it (1.234): the storefront's figures. */
export function formatCount(n: number): string {
  return NUMBER.vi.format(n);
}

export function formatNumber(lang: Lang, n: number): string {
  return NUMBER[lang].format(n);
}

function toDate(value: Date | string): Date | undefined {
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** dd/mm/yyyy in Vietnam time; a bare `YYYY-MM-DD` is a calendar date and is shown as is. */
export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return '';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-');
    return `${d}/${m}/${y}`;
  }
  const date = toDate(value);
  return date ? DAY.format(date) : '';
}

/** A date in the reader's language ("2 Dec 2026" in English), for articles. */
export function formatLongDate(lang: Lang, value: Date | string | null | undefined): string {
  const date = value ? toDate(value) : undefined;
  return date ? LONG_DATE[lang].format(date) : '';
}

export function formatDateTime(lang: Lang, value: Date | string | null | undefined): string {
  const date = value ? toDate(value) : undefined;
  return date ? DATE_TIME[lang].format(date) : '';
}

/** Label of an enum value whose texts live under `prefix.value`; falls back to the raw value. */
export function label(t: Translate, prefix: 'kind' | 'cert' | 'sort', value: string): string {
  try {
    return t(`${prefix}.${value}` as MessageKey) ?? value;
  } catch {
    return value;
  }
}

/** `YYYY-MM-DD` (what <input type="date"> sends) as a real calendar day, else null. */
export function parseDay(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) return null;
  const year = Number(m[1]);
  return year >= 1900 && year <= 2200 ? value : null;
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** A `datetime-local` value typed in Vietnam time, as a UTC instant; undefined when malformed. */
export function parseVietnamLocal(value: string | undefined): Date | undefined {
  const m = LOCAL_INPUT.exec(value ?? '');
  if (!m) return undefined;
  const [, y, mo, d, h, mi] = m.map(Number);
  const utc = Date.UTC(y, mo - 1, d, h, mi) - VIETNAM_UTC_OFFSET_MS;
  const check = new Date(utc + VIETNAM_UTC_OFFSET_MS);
  // Reject dates that roll over (31 February) rather than guessing.
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return undefined;
  return new Date(utc);
}

/** The `datetime-local` value (Vietnam time) of an instant, for editing. */
export function toVietnamLocal(d: Date | null | undefined): string {
  return d ? new Date(d.getTime() + VIETNAM_UTC_OFFSET_MS).toISOString().slice(0, 16) : '';
}
