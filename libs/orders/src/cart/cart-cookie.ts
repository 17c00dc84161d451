import type { FastifyReply, FastifyRequest } from 'fastify';

/** The guest cart's opaque token travels only in this HttpOnly cookie (the database keeps its SHA-256). */
export const CART_COOKIE = 'tf_cart';
export const CART_COOKIE_MAX_AGE_SECONDS = 30 * 24 * 3600;

export function readCartToken(req: FastifyRequest): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === CART_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

/** Sets (token) or clears (null) the cart cookie, keeping other Set-Cookie headers of the reply. */
export function writeCartCookie(reply: FastifyReply, token: string | null, secure: boolean): void {
  const parts = [`${CART_COOKIE}=${token ?? ''}`, 'Path=/', `Max-Age=${token ? CART_COOKIE_MAX_AGE_SECONDS : 0}`, 'SameSite=Lax', 'HttpOnly'];
  if (secure) parts.push('Secure');
  const existing = reply.getHeader('set-cookie');
  const list = Array.isArray(existing) ? existing : existing ? [String(existing)] : [];
  void reply.header('set-cookie', [...list, parts.join('; ')]);
}
