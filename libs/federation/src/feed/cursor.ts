import { isUuid, ValidationFailedError } from '@tradefloor/core';
import type { FeedEntry, FeedKind } from './feed-log';

const POSITION = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * The opaque cursor of the open feed: the position (change time in microseconds, subject id) of
 * the last item served, base64url-encoded. Clients must not build it; its form may change within v1.
 */
export function encodeCursor(kind: FeedKind, last: FeedEntry): string {
  return Buffer.from(JSON.stringify({ v: 1, k: kind, t: last.changedAt, i: last.id })).toString('base64url');
}

export function decodeCursor(kind: FeedKind, cursor: string): { changedAt: string; id: string } {
  const invalid = () => ValidationFailedError.field('cursor', 'Con trỏ không hợp lệ (invalid cursor): dùng đúng giá trị nextCursor đã nhận');
  if (cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const c = parsed as { v?: unknown; k?: unknown; t?: unknown; i?: unknown };
  if (!c || c.v !== 1 || c.k !== kind || typeof c.t !== 'string' || !POSITION.test(c.t) || typeof c.i !== 'string' || !isUuid(c.i)) throw invalid();
  if (Number.isNaN(Date.parse(c.t))) throw invalid();
  return { changedAt: c.t, id: c.i };
}
