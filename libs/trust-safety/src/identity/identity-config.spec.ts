import { ConfigError, EnvReader } from '@tradefloor/core';
import { identitySettings } from './identity-config';
import { effectiveState, type SellerIdentityRow } from './identity-row';

describe('seller identity settings', () => {
  it('defaults: staff review only, policy off, the 31 Dec 2026 deadline (end of day, Vietnam time), weekly reminders', () => {
    const s = identitySettings(new EnvReader({}));
    expect(s.eid).toBeNull();
    expect(s.hideUnverifiedAfter).toBeNull();
    expect(s.deadline.toISOString()).toBe('2026-12-31T16:59:59.000Z');
    expect(s.reminderIntervalHours).toBe(168);
  });

  it('refuses an electronic service without its key or with a short webhook secret, and a date that is not one', () => {
    const base = { IDENTITY_EID_BASE_URL: 'https://eid.example.vn', IDENTITY_EID_API_KEY: 'k', IDENTITY_EID_WEBHOOK_SECRET: '0123456789abcdef' };
    expect(identitySettings(new EnvReader(base)).eid).toMatchObject({ baseUrl: 'https://eid.example.vn', sessionMinutes: 30 });
    expect(() => identitySettings(new EnvReader({ ...base, IDENTITY_EID_API_KEY: undefined }))).toThrow(ConfigError);
    expect(() => identitySettings(new EnvReader({ ...base, IDENTITY_EID_WEBHOOK_SECRET: 'short' }))).toThrow(/IDENTITY_EID_WEBHOOK_SECRET/);
    expect(() => identitySettings(new EnvReader({ IDENTITY_HIDE_UNVERIFIED_AFTER: 'soon' }))).toThrow(/IDENTITY_HIDE_UNVERIFIED_AFTER/);
    expect(identitySettings(new EnvReader({ IDENTITY_HIDE_UNVERIFIED_AFTER: '2027-01-01T00:00:00+07:00' })).hideUnverifiedAfter?.toISOString()).toBe(
      '2026-12-31T17:00:00.000Z',
    );
  });
});

describe('effective identity state', () => {
  const now = new Date('2026-12-03T00:00:00Z');
  const row = (over: Partial<SellerIdentityRow>): SellerIdentityRow => ({
    enterprise_id: 'e',
    state: 'verified',
    method: 'staff_review',
    document_kind: 'cccd',
    verified_at: now,
    expires_at: new Date(now.getTime() + 1000),
    reason: null,
    hidden_status: null,
    ...over,
  });

  it('is verified only while unexpired, pending while a request waits, else what was decided', () => {
    expect(effectiveState(undefined, false, now)).toBe('unverified');
    expect(effectiveState(undefined, true, now)).toBe('pending');
    expect(effectiveState(row({}), true, now)).toBe('verified');
    expect(effectiveState(row({ expires_at: now }), false, now)).toBe('expired');
    expect(effectiveState(row({ expires_at: now }), true, now)).toBe('pending');
    expect(effectiveState(row({ state: 'rejected', expires_at: null }), false, now)).toBe('rejected');
    expect(effectiveState(row({ state: 'unverified', expires_at: null }), false, now)).toBe('unverified');
  });
});
