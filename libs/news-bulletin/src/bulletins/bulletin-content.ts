import { ValidationFailedError, foldVietnamese, richTextToPlain, sanitizeRichText, slugify } from '@tradefloor/core';
import type { EventDetailsDto } from '../dto/bulletin-input.dto';
import type { BulletinEntity, BulletinKind } from '../entities/bulletin.entity';

/** Tags de-duplicated on their folded key; returns display tags and keys. */
export function normalizeTags(tags: string[]): { tags: string[]; keys: string[] } {
  const out = new Map<string, string>();
  for (const tag of tags) {
    const key = slugify(tag, 50);
    if (!key) throw ValidationFailedError.field('tags', `Thẻ "${tag}" không có chữ hoặc số (tag must contain letters or digits)`);
    if (!out.has(key)) out.set(key, tag.replace(/\s+/g, ' '));
  }
  return { tags: [...out.values()], keys: [...out.keys()] };
}

export function tagKey(tag: string): string {
  return slugify(tag, 50);
}

export function sanitizeBody(html: string): string {
  const clean = sanitizeRichText(html).trim();
  if (!richTextToPlain(clean) && !/<img|<iframe/i.test(clean)) {
    throw ValidationFailedError.field('body', 'Nội dung trống sau khi lọc HTML (body is empty after sanitising)');
  }
  return clean;
}

/** A date the API accepts: a real instant between 1900 and 2200 (PostgreSQL has no year 0, and nothing here needs more). */
export function parseApiDate(field: string, value: string): Date {
  const d = new Date(value);
  const year = d.getUTCFullYear();
  if (Number.isNaN(d.getTime()) || year < 1900 || year > 2200) {
    throw ValidationFailedError.field(field, 'Thời điểm không hợp lệ hoặc ngoài khoảng 1900–2200 (invalid date or outside 1900–2200)');
  }
  return d;
}

/** Validates and applies the event block according to the (resulting) kind. */
export function applyEvent(b: BulletinEntity, kind: BulletinKind, event: EventDetailsDto | null | undefined): void {
  b.kind = kind;
  if (kind === 'article') {
    if (event) throw ValidationFailedError.field('event', 'Chỉ bài loại sự kiện mới có thông tin sự kiện (event details need kind "event")');
    b.eventStartsAt = b.eventEndsAt = null;
    b.eventLocation = b.eventOrganiser = null;
    return;
  }
  if (event) {
    const startsAt = parseApiDate('event.startsAt', event.startsAt);
    const endsAt = parseApiDate('event.endsAt', event.endsAt);
    if (endsAt < startsAt) {
      throw ValidationFailedError.field('event.endsAt', 'Thời điểm kết thúc trước thời điểm bắt đầu (endsAt is before startsAt)');
    }
    b.eventStartsAt = startsAt;
    b.eventEndsAt = endsAt;
    b.eventLocation = event.location;
    b.eventOrganiser = event.organiser;
  } else if (event === null || !b.eventStartsAt) {
    throw ValidationFailedError.field('event', 'Sự kiện cần thời gian, địa điểm và đơn vị tổ chức (an event needs startsAt, endsAt, location and organiser)');
  }
}

/** The folded text that `q` searches (title, summary, tags, byline, event place, body text). */
export function searchText(b: BulletinEntity): string {
  const parts = [b.title, b.summary, b.tags.join(' '), b.authorByline ?? '', b.eventLocation ?? '', b.eventOrganiser ?? '', richTextToPlain(b.body)];
  return foldVietnamese(parts.join(' ')).replace(/\s+/g, ' ').trim();
}
