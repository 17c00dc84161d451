import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError } from '@tradefloor/core';
import { html, type SafeHtml } from '../html/html';
import { readCookie, setCookie } from './cookies';

const CSRF_COOKIE = 'tf_csrf';

/**
 * Double-submit token for every form: a random value in a SameSite=Strict cookie that the form
 * repeats in a hidden field. Another site can make a browser post, but cannot read the cookie.
 */
export function csrfField(req: FastifyRequest, reply: FastifyReply, secure: boolean): SafeHtml {
  let token = readCookie(req, CSRF_COOKIE);
  if (!token || !/^[A-Za-z0-9_-]{32,64}$/.test(token)) {
    token = randomBytes(24).toString('base64url');
    setCookie(reply, CSRF_COOKIE, token, { maxAgeSeconds: 12 * 3600, sameSite: 'Strict', secure });
  }
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
  const cookie = readCookie(req, CSRF_COOKIE);
  const field = (req.body as { _csrf?: unknown } | undefined)?._csrf;
  const ok =
    typeof cookie === 'string' && typeof field === 'string' && cookie.length === field.length && timingSafeEqual(Buffer.from(cookie), Buffer.from(field));
  if (!ok) throw new ForbiddenError('Phiên biểu mẫu đã hết hạn, vui lòng thử lại (form expired, please retry)', 'CSRF_FAILED');
}
