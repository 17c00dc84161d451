import helmet, { type HelmetOptions } from 'helmet';

/** The floor's security headers: helmet's defaults with a CSP for our own pages and assets. */
export const SECURITY_HEADER_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: [`'self'`],
      imgSrc: [`'self'`, 'data:', 'blob:'],
      styleSrc: [`'self'`, `'unsafe-inline'`],
      scriptSrc: [`'self'`, `'unsafe-inline'`],
      frameAncestors: [`'none'`],
      // Local installations are served over plain http; upgrading would break their assets.
      upgradeInsecureRequests: null,
    },
  },
  crossOriginEmbedderPolicy: false,
};

/**
 * The headers helmet sets, worked out once. @fastify/helmet calls `helmet(options)` on every request
 * and so parses the CSP directives again for every response (its `parseDirectives` showed in the
 * API's profile; bench/README.md, 4 December). None of our options depends on the request (no
 * nonces, no directive computed per request), so every response gets the same headers;
 * security-headers.spec.ts checks them against helmet's own middleware on a real response.
 */
export function securityHeaders(options: HelmetOptions = SECURITY_HEADER_OPTIONS): Readonly<Record<string, string>> {
  const directives = typeof options.contentSecurityPolicy === 'object' ? Object.values(options.contentSecurityPolicy.directives ?? {}) : [];
  if (directives.some((value) => Array.isArray(value) && value.some((element) => typeof element === 'function'))) {
    throw new Error('securityHeaders: a CSP directive computed per request (a nonce) cannot be worked out once');
  }
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failed: unknown;
  helmet(options)({} as never, recorder as never, (err?: unknown) => (failed = err));
  if (failed) throw failed;
  return Object.freeze(headers);
}
