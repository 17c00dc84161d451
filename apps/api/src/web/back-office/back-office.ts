import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, DomainError, type ResolvedConfig } from '@tradefloor/core';
import type { Principal, Role } from '@tradefloor/identity';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../html/html';
import { layout, type PageContext } from '../html/layout';
import { errorText } from '../i18n/error-text';
import type { MessageKey } from '../i18n/messages';
import { pageContext, sendPage } from '../kit/page-context';
import { doneMessage } from '../kit/query';
import { assertCsrf, csrfField } from '../session/csrf';
import { WebSession } from '../session/web-session.service';
import { readMultipartForm, type MultipartForm } from './multipart-form';

/** One back office request once its user is known and allowed. */
export interface BackOfficeRequest {
  req: FastifyRequest;
  reply: FastifyReply;
  ctx: PageContext;
  user: Principal;
  /** Whose pages these are: the shell and its styles differ (staff pages sit in `.admin`). */
  audience: 'staff' | 'seller';
  /** The hidden CSRF input for a form on this page. */
  csrf: () => SafeHtml;
}

/** A posted form as Fastify parses it (one value per name; the seller forms read repeated names themselves). */
export type Form = Record<string, string | undefined>;

/** Pages of provincial staff; admins also pass every editor check. */
export const STAFF: Role[] = ['admin', 'editor'];
export const ADMINS: Role[] = ['admin'];
/** Pages of sellers (households, cooperatives, enterprises). */
export const SELLERS: Role[] = ['business'];

type Work = (r: BackOfficeRequest) => Promise<void> | void;
/** What the shell needs; without an audience the page is a staff page. */
type Shell = Pick<BackOfficeRequest, 'reply' | 'ctx'> & { audience?: BackOfficeRequest['audience'] };

/**
 * The one way a back office page (staff or seller) is served:
 * - `page()` for GET, `form()` for a form post and `upload()` for a multipart one (the CSRF token
 *   is checked before the work; a failed token is a 403 page and nothing is written);
 * - strangers go to sign-in, signed-in users without one of `roles` get a 403 page;
 * - domain errors thrown by the work (404 unknown, 403 someone else's, 409 wrong state…) become an
 *   error page in the page's language instead of the JSON envelope;
 * - `send()` renders the shell (a way back to /quan-ly, private, never indexed), `redirect()` is
 *   post/redirect/get with an optional `done` key that `flash()` turns back into a known message.
 */
@Injectable()
export class BackOffice {
  constructor(
    private readonly session: WebSession,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  page(req: FastifyRequest, reply: FastifyReply, roles: readonly Role[], work: Work): Promise<void> {
    return this.run(req, reply, roles, false, work);
  }

  form(req: FastifyRequest, reply: FastifyReply, roles: readonly Role[], work: Work): Promise<void> {
    return this.run(req, reply, roles, true, work);
  }

  /** A multipart form post (a file upload): the parts are read first, since the CSRF token is one of them. */
  upload(
    req: FastifyRequest,
    reply: FastifyReply,
    roles: readonly Role[],
    maxBytes: number,
    work: (r: BackOfficeRequest, upload: MultipartForm) => Promise<void> | void,
  ): Promise<void> {
    return this.run(req, reply, roles, false, async (r) => {
      const upload = await readMultipartForm(req, maxBytes);
      assertCsrf(req);
      await work(r, upload);
    });
  }

  send(r: Shell, title: string, body: SafeHtml, status = 200): void {
    const { ctx } = r;
    const page = html`<nav class="crumbs" aria-label="${ctx.t('admin.crumbs')}"><a href="/quan-ly">${ctx.t('bo.title')}</a></nav>
<div class="${r.audience === 'seller' ? 'seller' : 'admin'}">${body}</div>`;
    // Back office pages are never indexed and never stored by shared caches.
    void r.reply.header('x-robots-tag', 'noindex');
    sendPage(r.reply, layout(ctx, { title, description: title, path: ctx.currentPath, noindex: true }, page), status, 'private');
  }

  /** An error page: what went wrong, in the page's language, and the way back. */
  fail(r: Shell, status: number, message: string): void {
    const { t } = r.ctx;
    const key: MessageKey = status === 404 ? 'notfound.title' : status === 403 ? 'admin.forbidden.title' : 'admin.error.title';
    this.send(
      r,
      t(key),
      html`<h1>${t(key)}</h1>
<p class="alert error" role="alert">${message}</p>
<p><a class="button" href="/quan-ly">${t('biz.error.back')}</a></p>`,
      status,
    );
  }

  /** See-other redirect after a successful post; `done` names what succeeded (a fixed key, never free text). */
  redirect(r: Pick<BackOfficeRequest, 'reply'>, to: string, done?: string): void {
    const target = done ? `${to}${to.includes('?') ? '&' : '?'}done=${encodeURIComponent(done)}` : to;
    void r.reply.redirect(target, 303);
  }

  /** The message of the `done` key a redirect left, if it is one of `known`. */
  flash(r: Pick<BackOfficeRequest, 'req' | 'ctx'>, known: Record<string, MessageKey>): string | undefined {
    return doneMessage(r.ctx.t, r.req.query, known);
  }

  private async run(req: FastifyRequest, reply: FastifyReply, roles: readonly Role[], post: boolean, work: Work): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const user = await this.session.principal(req, reply);
    if (!user) {
      void reply.redirect('/dang-nhap', 303);
      return;
    }
    const audience = roles.includes('business') ? 'seller' : 'staff';
    const r: BackOfficeRequest = { req, reply, ctx, user, audience, csrf: () => csrfField(req, reply, ctx.secure) };
    if (!roles.includes(user.role)) {
      const sellersOnly = roles.every((role) => role === 'business');
      return this.fail(r, 403, ctx.t(sellersOnly ? 'biz.error.role' : 'admin.forbidden'));
    }
    try {
      if (post) assertCsrf(req);
      await work(r);
    } catch (err) {
      if (!(err instanceof DomainError) || err.status >= 500) throw err;
      this.fail(r, err.status, errorText(ctx.lang, err));
    }
  }
}
