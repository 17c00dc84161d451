import { randomBytes } from 'node:crypto';

/**
 * The browser that starts an authorisation flow gets a random key in an HttpOnly cookie; the
 * flow's `state` stores its hash, and the return must bring the same key. A consent link sent to
 * someone else therefore cannot complete in their browser. SameSite=Lax: the partner sends the
 * browser back with a top-level GET, which carries Lax cookies (Strict ones would be dropped).
 */
const NAME = 'tf_channel_auth';
const MAX_AGE_SECONDS = 30 * 60;

/** `__Host-` (Secure, Path=/, no Domain: no subdomain can plant it) when the site is served over https. */
function cookieName(secure: boolean): string {
  return secure ? `__Host-${NAME}` : NAME;
}

export function readBrowserKey(cookieHeader: string | undefined, secure: boolean): string | undefined {
  const name = cookieName(secure);
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{32,64}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

/** The key this browser already has (so flows started in parallel all stay valid), or a new one. */
export function browserKeyFor(cookieHeader: string | undefined, secure: boolean): string {
  return readBrowserKey(cookieHeader, secure) ?? randomBytes(32).toString('base64url');
}

/** The Set-Cookie value that keeps the key for the length of a flow. */
export function browserKeyCookie(key: string, secure: boolean): string {
  return `${cookieName(secure)}=${key}; Path=/; Max-Age=${MAX_AGE_SECONDS}; SameSite=Lax; HttpOnly${secure ? '; Secure' : ''}`;
}
