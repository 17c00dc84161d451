import { DomainError, type ResolvedConfig } from '@tradefloor/core';
import type { Principal, Role } from '@tradefloor/identity';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../../html/html';
import { layout, type PageContext } from '../../html/layout';
import type { MessageKey } from '../../i18n/messages';
import { pageContext, sendPage } from '../../kit/page-context';
import { assertCsrf } from '../../session/csrf';
import type { WebSession } from '../../session/web-session.service';

export interface StaffRequest {
  user: Principal;
  ctx: PageContext;
}

/**
 * Server-side authorization of a back office page: strangers go to sign-in, signed-in users
 * without one of `roles` get a 403 page. Returns undefined when the response has been sent.
 */
export async function staffOnly(
  session: WebSession,
  config: ResolvedConfig,
  req: FastifyRequest,
  reply: FastifyReply,
  roles: Role[],
): Promise<StaffRequest | undefined> {
  const ctx = pageContext(req, reply, config.publicBaseUrl);
  const user = await session.principal(req, reply);
  if (!user) {
    void reply.redirect('/dang-nhap', 303);
    return undefined;
  }
  if (!roles.includes(user.role)) {
    staffError(reply, ctx, 403, ctx.t('admin.forbidden'));
    return undefined;
  }
  return { user, ctx };
}

/** The same check for a form post, plus the CSRF token (a failed token is a 403 page, nothing written). */
export async function staffPost(
  session: WebSession,
  config: ResolvedConfig,
  req: FastifyRequest,
  reply: FastifyReply,
  roles: Role[],
): Promise<StaffRequest | undefined> {
  const staff = await staffOnly(session, config, req, reply, roles);
  if (!staff) return undefined;
  try {
    assertCsrf(req);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    staffError(reply, staff.ctx, 403, err.message);
    return undefined;
  }
  return staff;
}

/** A back office page: the site shell with a way back to the back office landing page. */
export function sendStaffPage(reply: FastifyReply, ctx: PageContext, title: string, body: SafeHtml, status = 200): void {
  const page = html`<nav class="crumbs" aria-label="${ctx.t('admin.crumbs')}"><a href="/quan-ly">${ctx.t('bo.title')}</a></nav>
<div class="admin">${body}</div>`;
  // Back office pages are never indexed and never stored by shared caches.
  void reply.header('x-robots-tag', 'noindex');
  sendPage(reply, layout(ctx, { title, description: title, path: ctx.currentPath }, page), status, 'private');
}

export function staffError(reply: FastifyReply, ctx: PageContext, status: number, message: string): void {
  const key: MessageKey = status === 404 ? 'notfound.title' : status === 403 ? 'admin.forbidden.title' : 'admin.error.title';
  sendStaffPage(reply, ctx, ctx.t(key), html`<h1>${ctx.t(key)}</h1><p class="alert error" role="alert">${message}</p>`, status);
}

/** Post/redirect/get: the next page shows which action succeeded (a fixed key, never free text). */
export function redirectDone(reply: FastifyReply, path: string, done: string): void {
  const sep = path.includes('?') ? '&' : '?';
  void reply.redirect(`${path}${sep}done=${encodeURIComponent(done)}`, 303);
}

/** Reads the `done` key of a redirect and maps it to a known message, ignoring anything else. */
export function doneMessage(ctx: PageContext, req: FastifyRequest, known: Record<string, MessageKey>): string | undefined {
  const done = (req.query as { done?: unknown }).done;
  return typeof done === 'string' && Object.hasOwn(known, done) ? ctx.t(known[done]) : undefined;
}

export type Form = Record<string, string | undefined>;

/** A single query-string value as text (repeated or missing parameters give ''). */
export function queryText(req: FastifyRequest, name: string): string {
  const v = (req.query as Record<string, unknown>)[name];
  return typeof v === 'string' ? v.trim().slice(0, 100) : '';
}

export function queryPage(req: FastifyRequest): number {
  const n = Number(queryText(req, 'page'));
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
}

/** Previous/next links keeping the other query parameters. */
export function pager(ctx: PageContext, path: string, page: number, pageSize: number, total: number, params: Record<string, string> = {}): SafeHtml {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return html``;
  const href = (p: number) =>
    `${path}?${new URLSearchParams({ ...Object.fromEntries(Object.entries(params).filter(([, v]) => v)), page: String(p) }).toString()}`;
  return html`<nav class="pager" aria-label="${ctx.t('admin.pages')}">
${page > 1 ? html`<a href="${href(page - 1)}" rel="prev">${ctx.t('admin.prev')}</a>` : ''}
<span>${page} / ${pages}</span>
${page < pages ? html`<a href="${href(page + 1)}" rel="next">${ctx.t('admin.next')}</a>` : ''}
</nav>`;
}
