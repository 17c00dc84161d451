import type { Lang } from '../i18n/messages';

/** Dates as a Vietnamese reader expects them: always in the province's time zone, whatever the server's. */
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const formats = {
  vi: {
    date: new Intl.DateTimeFormat('vi-VN', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' }),
    dateTime: new Intl.DateTimeFormat('vi-VN', { timeZone: TIME_ZONE, dateStyle: 'short', timeStyle: 'short' }),
  },
  en: {
    date: new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric' }),
    dateTime: new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' }),
  },
};

export function formatDate(lang: Lang, d: Date): string {
  return formats[lang].date.format(d);
}

export function formatDateTime(lang: Lang, d: Date): string {
  return formats[lang].dateTime.format(d);
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

/** A single string from a query parameter (repeated parameters take the first), trimmed and bounded. */
export function queryText(query: unknown, name: string, maxLength: number): string {
  const raw = (query as Record<string, unknown> | undefined)?.[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' ? value.trim().slice(0, maxLength) : '';
}

/** `?page=`: a positive integer within the API's bounds; anything else is page 1 (never an error). */
export function queryPage(query: unknown): number {
  const n = Number(queryText(query, 'page', 6));
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
}
