import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, DomainError, type ResolvedConfig } from '@tradefloor/core';
import type { Principal } from '@tradefloor/identity';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../../html/html';
import { layout, type PageContext } from '../../html/layout';
import { pageContext, sendPage } from '../../kit/page-context';
import { csrfField } from '../../session/csrf';
import { WebSession } from '../../session/web-session.service';

export interface BusinessRequest {
  req: FastifyRequest;
  reply: FastifyReply;
  ctx: PageContext;
  user: Principal;
  /** The hidden CSRF input for a form on this page. */
  csrf: () => SafeHtml;
}

/**
 * What every page of the business back office shares: a signed-in `business` user (strangers go
 * to sign-in, other roles get a 403 page), private rendering, and domain errors (404 unknown,
 * 403 someone else's enterprise, 409 wrong state) shown as a page instead of a JSON envelope.
 */
@Injectable()
export class BusinessPages {
  constructor(
    private readonly session: WebSession,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  get secure(): boolean {
    return this.config.publicBaseUrl.startsWith('https://');
  }

  async handle(req: FastifyRequest, reply: FastifyReply, work: (r: BusinessRequest) => Promise<void>): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const user = await this.session.principal(req, reply);
    if (!user) {
      void reply.redirect('/dang-nhap', 303);
      return;
    }
    if (user.role !== 'business') return this.error(ctx, reply, 403, ctx.t('biz.error.role'));
    try {
      await work({ req, reply, ctx, user, csrf: () => csrfField(req, reply, this.secure) });
    } catch (err) {
      if (!(err instanceof DomainError) || err.status >= 500) throw err;
      this.error(ctx, reply, err.status, err.message);
    }
  }

  send(r: BusinessRequest, title: string, body: SafeHtml, status = 200): void {
    const page = layout(
      r.ctx,
      { title, description: title, path: r.ctx.currentPath },
      html`<nav class="biz-crumbs" aria-label="${r.ctx.t('bo.title')}"><a href="/quan-ly">${r.ctx.t('bo.title')}</a></nav>${body}`,
    );
    sendPage(r.reply, page, status, 'private');
  }

  /** See-other redirect after a successful form post (the browser then GETs the page). */
  redirect(r: BusinessRequest, to: string): void {
    void r.reply.redirect(to, 303);
  }

  private error(ctx: PageContext, reply: FastifyReply, status: number, message: string): void {
    const { t } = ctx;
    const heading = status === 404 ? t('biz.error.notFound') : status === 403 ? t('biz.error.forbidden') : t('biz.error.generic');
    const body = html`<h1>${heading}</h1>
<p class="alert error" role="alert">${message}</p>
<p><a class="button" href="/quan-ly">${t('biz.error.back')}</a></p>`;
    sendPage(reply, layout(ctx, { title: heading, description: heading, path: ctx.currentPath }, body), status, 'private');
  }
}
