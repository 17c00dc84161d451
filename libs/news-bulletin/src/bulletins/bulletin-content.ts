import { ValidationFailedError, foldVietnamese, richTextToPlain, sanitizeRichText, slugify, type FieldError } from '@tradefloor/core';
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
    const startsAt = new Date(event.startsAt);
    const endsAt = new Date(event.endsAt);
    const errors: FieldError[] = [];
    if (Number.isNaN(startsAt.getTime())) errors.push({ field: 'event.startsAt', message: 'Thời điểm không hợp lệ (invalid date)' });
    if (Number.isNaN(endsAt.getTime())) errors.push({ field: 'event.endsAt', message: 'Thời điểm không hợp lệ (invalid date)' });
    if (!errors.length && endsAt < startsAt) {
      errors.push({ field: 'event.endsAt', message: 'Thời điểm kết thúc trước thời điểm bắt đầu (endsAt is before startsAt)' });
    }
    if (errors.length) throw new ValidationFailedError(errors);
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
