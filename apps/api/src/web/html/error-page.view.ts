import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type ErrorPageRenderer, type ResolvedConfig } from '@tradefloor/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html } from './html';
import { layout, searchForm, type PageContext } from './layout';
import { pageContext } from '../kit/page-context';
import { errorText } from '../i18n/error-text';
import { postedFormPage } from '../session/csrf';

/**
 * The friendly 404 page, also rendered directly by pages whose slug or id is unknown (with their
 * own title: "Product not found").
 */
export function notFoundPage(ctx: PageContext, title = ctx.t('error.notFound.title')): string {
  const { t } = ctx;
  const body = html`<section class="prose error-page">
<h1>${title}</h1>
<p>${t('error.notFound.body')}</p>
${searchForm(t)}
<p><a href="/">${t('error.home')}</a></p>
</section>`;
  return layout(ctx, { title, description: t('error.notFound.body'), path: ctx.currentPath }, body);
}

/**
 * The HTML 451 page for content taken down on request (Law 122/2025): says that it was removed,
 * on whose request and why — never the content itself.
 */
export function unavailableForLegalReasonsPage(ctx: PageContext, notice: { reason: string; requester: string; reference: string }): string {
  const { t } = ctx;
  return layout(
    ctx,
    { title: t('takedown.title'), description: t('takedown.title'), path: ctx.currentPath },
    html`<section class="prose"><h1>${t('takedown.title')}</h1><p>${t('takedown.body')}</p>
<dl><dt>${t('takedown.requester')}</dt><dd>${notice.requester} (${notice.reference})</dd><dt>${t('takedown.reason')}</dt><dd>${notice.reason}</dd></dl>
<p><a href="/tim-kiem">${t('home.allProducts')}</a></p></section>`,
  );
}

/**
 * A form posted with a stale or missing CSRF token (the token cookie expired, or the page was open
 * in another session): nothing was saved, the person reloads the form and tries again.
 */
function formExpiredPage(ctx: PageContext, back: string | undefined): string {
  const { t } = ctx;
  const title = t('error.csrf.title');
  const body = html`<section class="prose error-page">
<h1>${title}</h1>
<p>${t('error.csrf.body')}</p>
<p>${back ? html`<a href="${back}">${t('error.csrf.back')}</a>` : html`<a href="/">${t('error.home')}</a>`}</p>
</section>`;
  return layout(ctx, { title, description: t('error.csrf.body'), path: ctx.currentPath }, body);
}

/**
 * Error pages for browsers, in the storefront layout (the core error filter calls it for HTML
 * navigations and form posts; API clients keep the JSON envelope). Server errors never show internals, only the
 * request id that support can find in the logs.
 */
@Injectable()
export class StorefrontErrorPages implements ErrorPageRenderer {
  constructor(@Inject(APP_CONFIG) private readonly config: ResolvedConfig) {}

  render(error: { statusCode: number; code: string; message: string; requestId: string }, req: FastifyRequest, reply: FastifyReply): string {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    if (error.statusCode === 404) return notFoundPage(ctx);
    if (error.code === 'CSRF_FAILED') return formExpiredPage(ctx, postedFormPage(req));
    const { t } = ctx;
    const server = error.statusCode >= 500;
    const title = server ? t('error.server.title') : t('error.other.title');
    const body = html`<section class="prose error-page">
<h1>${title}</h1>
<p>${server ? t('error.server.body') : errorText(ctx.lang, error)}</p>
<p class="code">${t('error.requestId')}: <code>${error.requestId}</code></p>
<p><a href="/">${t('error.home')}</a></p>
</section>`;
    return layout(ctx, { title, description: title, path: ctx.currentPath }, body);
  }
}
