import { ConfigError, type EnvReader } from '@tradefloor/core';

/** Seller identity settings (README "Identity"), read once from the environment. */
export interface IdentitySettings {
  /** The electronic identity service; unset = only staff review is offered. */
  eid: { baseUrl: string; apiKey: string; webhookSecret: string; sessionMinutes: number } | null;
  /** How long a proof holds when its document has no expiry (business registration). */
  validityDays: number;
  /** At most one reminder per enterprise per this many hours. */
  reminderIntervalHours: number;
  /** How often the sweep (expiry, reminders, hiding) runs. */
  sweepSeconds: number;
  /** The date sellers must be identified by, named in reminders (Decree 320/2026: 31 Dec 2026 for existing sellers). */
  deadline: Date;
  /** After this instant unverified sellers are hidden until verified; null = policy off (default). */
  hideUnverifiedAfter: Date | null;
}

/** A foreign passport must still be valid this many months when the proof is decided. */
export const FOREIGN_PASSPORT_MIN_MONTHS = 6;

function instant(env: EnvReader, name: string, def: string | null): Date | null {
  const raw = env.str(name) ?? def;
  if (raw === null) return null;
  // A bare day is the end of that day in Vietnam (UTC+7).
  const text = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T23:59:59+07:00` : raw;
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) throw new ConfigError(name, `must be a date (YYYY-MM-DD) or an ISO 8601 instant (got "${raw}")`);
  return at;
}

export function identitySettings(env: EnvReader): IdentitySettings {
  const baseUrl = env.url('IDENTITY_EID_BASE_URL', ['http:', 'https:']);
  let eid: IdentitySettings['eid'] = null;
  if (baseUrl) {
    const apiKey = env.str('IDENTITY_EID_API_KEY');
    const webhookSecret = env.str('IDENTITY_EID_WEBHOOK_SECRET');
    if (!apiKey) throw new ConfigError('IDENTITY_EID_API_KEY', 'is required when IDENTITY_EID_BASE_URL is set');
    if (!webhookSecret || webhookSecret.length < 16)
      throw new ConfigError('IDENTITY_EID_WEBHOOK_SECRET', 'is required (at least 16 characters) when IDENTITY_EID_BASE_URL is set');
    eid = { baseUrl: baseUrl.replace(/\/$/, ''), apiKey, webhookSecret, sessionMinutes: env.int('IDENTITY_EID_SESSION_MINUTES', 30, 1, 24 * 60) };
  }
  return {
    eid,
    validityDays: env.int('IDENTITY_VALIDITY_DAYS', 5 * 365, 1, 20 * 365),
    reminderIntervalHours: env.int('IDENTITY_REMINDER_INTERVAL_HOURS', 7 * 24, 1, 365 * 24),
    sweepSeconds: env.int('IDENTITY_SWEEP_SECONDS', 3600, 5, 7 * 86400),
    deadline: instant(env, 'IDENTITY_DEADLINE', '2026-12-31')!,
    hideUnverifiedAfter: instant(env, 'IDENTITY_HIDE_UNVERIFIED_AFTER', null),
  };
}
