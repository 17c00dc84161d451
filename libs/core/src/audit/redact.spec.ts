import { redactForAudit } from './redact';

describe('redactForAudit', () => {
  it('never keeps secrets or personal ids, whatever the nesting', () => {
    const out = redactForAudit({
      status: 'verified',
      passwordHash: '$argon2id$…',
      owner: { personalId: '084123456789', name: 'A' },
      secrets: { accessToken: 't' },
      list: [{ apiKey: 'k', ok: 1 }],
    });
    expect(out).toEqual({
      status: 'verified',
      passwordHash: '[redacted]',
      owner: { personalId: '[redacted]', name: 'A' },
      secrets: '[redacted]',
      list: [{ apiKey: '[redacted]', ok: 1 }],
    });
  });

  it('turns dates into ISO strings, drops NULs and bounds depth and length', () => {
    const deep: Record<string, unknown> = {};
    let node = deep;
    for (let i = 0; i < 10; i++) node = (node.next = {}) as Record<string, unknown>;
    const out = redactForAudit({ at: new Date('2026-12-02T00:00:00Z'), text: 'a\u0000b'.padEnd(5000, 'x'), deep }) as Record<string, unknown>;
    expect(out.at).toBe('2026-12-02T00:00:00.000Z');
    expect((out.text as string).startsWith('ab')).toBe(true);
    expect((out.text as string).length).toBe(2000);
    expect(JSON.stringify(out.deep)).toContain('[…]');
  });
});
