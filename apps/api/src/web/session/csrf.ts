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
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

export function assertCsrf(req: FastifyRequest): void {
  const cookie = readCookie(req, CSRF_COOKIE);
  const field = (req.body as { _csrf?: unknown } | undefined)?._csrf;
  const ok =
    typeof cookie === 'string' &&
    typeof field === 'string' &&
    cookie.length === field.length &&
    timingSafeEqual(Buffer.from(cookie), Buffer.from(field));
  if (!ok) throw new ForbiddenError('Phiên biểu mẫu đã hết hạn, vui lòng thử lại (form expired, please retry)', 'CSRF_FAILED');
}
