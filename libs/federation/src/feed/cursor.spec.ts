import { ValidationFailedError } from '@tradefloor/core';
import { decodeCursor, encodeCursor } from './cursor';

const entry = { id: '0b6c1f3e-2a4d-4e8b-9c1d-5f6a7b8c9d0e', changedAt: '2026-12-02T10:00:00.123456Z' };

describe('open feed cursor', () => {
  it('round-trips the position with its microseconds', () => {
    expect(decodeCursor('product', encodeCursor('product', entry))).toEqual(entry);
  });

  it.each([
    ['another feed', encodeCursor('enterprise', entry)],
    ['garbage', 'not-a-cursor'],
    ['characters outside base64url', 'abc+/='],
    ['too long', 'a'.repeat(201)],
    ['a position without microseconds', Buffer.from(JSON.stringify({ v: 1, k: 'product', t: '2026-12-02T10:00:00Z', i: entry.id })).toString('base64url')],
    ['a non-uuid id', Buffer.from(JSON.stringify({ v: 1, k: 'product', t: entry.changedAt, i: "1' OR 1=1" })).toString('base64url')],
    ['another version', Buffer.from(JSON.stringify({ v: 2, k: 'product', t: entry.changedAt, i: entry.id })).toString('base64url')],
  ])('refuses %s as a 400 on the cursor field', (_what, cursor) => {
    expect(() => decodeCursor('product', cursor)).toThrow(ValidationFailedError);
  });
});
