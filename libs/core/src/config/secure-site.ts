import type { AppConfig } from './app-config';

/**
 * Whether the site is served over https, as PUBLIC_BASE_URL says (behind a TLS-terminating proxy
 * the request itself looks like plain http). Cookies then carry `Secure`, and the web's CSRF
 * cookie its `__Host-` prefix.
 */
export function isSecureSite(config: Pick<AppConfig, 'publicBaseUrl'>): boolean {
  return config.publicBaseUrl.startsWith('https://');
}
