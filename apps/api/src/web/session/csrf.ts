import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError } from '@tradefloor/core';
import { html, type SafeHtml } from '../html/html';
import { readCookie, setCookie } from './cookies';

const CSRF_COOKIE = 'tf_csrf';
/** Over https the cookie takes the `__Host-` prefix: no subdomain can set or shadow it. */
const CSRF_COOKIE_HOST = '__Host-tf_csrf';
const TOKEN = /^([A-Za-z0-9_-]{32})\.([A-Za-z0-9_-]{22})$/;

let csrfKey: Buffer | undefined;

/** Set once at start-up (WebSession) from the server secret; tokens are HMACs under it. */
export function configureCsrf(secret: string): void {
  csrfKey = createHmac('sha256', secret).update('tradefloor-csrf-v1').digest();
}

function cookieName(secure: boolean): string {
  return secure ? CSRF_COOKIE_HOST : CSRF_COOKIE;
}

/**
 * Who the form belongs to: the signed-in user once known (the page resolved the session), else
 * the subject of the access cookie, else nobody. Only a binding input, so the access cookie is
 * read without verification: forging it gains nothing, the HMAC key stays secret.
 */
function sessionKey(req: FastifyRequest): string {
  const resolved = (req as FastifyRequest & { webPrincipal?: { id: string } | null }).webPrincipal;
  if (resolved) return resolved.id;
  return subjectOf(readCookie(req, 'tf_at')) ?? '';
}

/** The `sub` claim of a JWT, unverified. */
export function subjectOf(jwt: string | undefined): string | undefined {
  const payload = jwt?.split('.')[1];
  if (!payload) return undefined;
  try {
    const sub = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown }).sub;
    return typeof sub === 'string' ? sub : undefined;
  } catch {
    return undefined;
  }
}

function mac(nonce: string, key: string): string {
  if (!csrfKey) throw new Error('configureCsrf() was not called');
  return createHmac('sha256', csrfKey).update(`${nonce}:${key}`).digest('base64url').slice(0, 22);
}

/** A cookie value minted for this session: valid only while the same user (or nobody) is signed in. */
function validFor(token: string | undefined, key: string): boolean {
  const m = token ? TOKEN.exec(token) : null;
  return Boolean(m) && bytesEqual(m![2], mac(m![1], key));
}

/** Constant-time comparison of two strings' UTF-8 bytes; different lengths are simply unequal. */
function bytesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Mints a token bound to `key` (a user id, or '' when nobody is signed in) and sets its cookie. */
export function issueCsrfCookie(reply: FastifyReply, key: string, secure: boolean): string {
  const nonce = randomBytes(24).toString('base64url');
  const token = `${nonce}.${mac(nonce, key)}`;
  setCookie(reply, cookieName(secure), token, { maxAgeSeconds: 12 * 3600, sameSite: 'Strict', secure });
  return token;
}

/**
 * Double-submit token for every form: a value in a SameSite=Strict cookie that the form repeats in
 * a hidden field. Another site can make a browser post, but cannot read the cookie; and the value
 * is an HMAC bound to the signed-in user, so a pair obtained elsewhere (and planted as a cookie)
 * does not pass for someone else's session.
 */
export function csrfField(req: FastifyRequest, reply: FastifyReply, secure: boolean): SafeHtml {
  const key = sessionKey(req);
  let token = readCookie(req, cookieName(secure));
  if (!token || !validFor(token, key)) token = issueCsrfCookie(reply, key, secure);
  const page = req.method === 'GET' ? req.url : (postedFormPage(req) ?? req.url);
  return html`<input type="hidden" name="_csrf" value="${token}"><input type="hidden" name="_back" value="${localPath(page) ?? '/'}">`;
}

/** A path on this site (not `//host`, `/\host` or a scheme), safe to link to. */
function localPath(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= 2000 && /^\/(?![/\\])[^\s"<>\\]*$/.test(value) ? value : undefined;
}

/**
 * The page a posted form was shown on (its `_back` field, written by csrfField), so a refused
 * post can link back to it: browsers send no Referer here (Referrer-Policy: no-referrer).
 */
export function postedFormPage(req: FastifyRequest): string | undefined {
  return localPath((req.body as { _back?: unknown } | undefined)?._back);
}

export function assertCsrf(req: FastifyRequest): void {
  const field = (req.body as { _csrf?: unknown } | undefined)?._csrf;
  const cookie = readCookie(req, CSRF_COOKIE_HOST) ?? readCookie(req, CSRF_COOKIE);
  const ok = typeof cookie === 'string' && typeof field === 'string' && bytesEqual(cookie, field) && validFor(cookie, sessionKey(req));
  if (!ok) throw new ForbiddenError('Phiên biểu mẫu đã hết hạn, vui lòng thử lại (form expired, please retry)', 'CSRF_FAILED');
}
