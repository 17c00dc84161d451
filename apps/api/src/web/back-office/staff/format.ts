import { VIETNAM_UTC_OFFSET_MS } from '@tradefloor/core';
import { formatDateTime as contentDateTime } from '../../kit/format';
import type { Lang } from '../../i18n/messages';

const NUMBER: Record<Lang, Intl.NumberFormat> = { vi: new Intl.NumberFormat('vi-VN'), en: new Intl.NumberFormat('en-GB') };

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

export { formatVnd } from '../../store/format';

export function formatNumber(lang: Lang, n: number): string {
  return NUMBER[lang].format(n);
}

export function formatDateTime(lang: Lang, d: Date | string | null | undefined): string {
  if (!d) return '';
  const date = typeof d === 'string' ? new Date(d) : d;
  return Number.isNaN(date.getTime()) ? '' : contentDateTime(lang, date);
}

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
