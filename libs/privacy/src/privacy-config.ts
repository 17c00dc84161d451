import type { EnvReader } from '@tradefloor/core';

/** Privacy settings (README "Configuration"), read from the environment. */
export interface PrivacySettings {
  /** Hours a built export stays downloadable (default 24). */
  exportTtlHours: number;
}

export function privacySettings(env: EnvReader): PrivacySettings {
  return {
    exportTtlHours: env.int('PRIVACY_EXPORT_TTL_HOURS', 24, 1, 24 * 14),
  };
}
