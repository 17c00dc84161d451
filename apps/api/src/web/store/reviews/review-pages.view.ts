import type { RatingSummaryDto, ReviewDto, ReviewPageDto } from '@tradefloor/reviews';
import { alert } from '../../html/forms';
import { html, type SafeHtml } from '../../html/html';
import { layout, type PageContext } from '../../html/layout';
import { formatCount, formatDate, formatNumber } from '../../kit/format';
import { pager } from '../../kit/pager';
import { productUrl } from '../../kit/urls';

/** Every published review of a product, a page at a time (`?page=`). */
export function productReviewsUrl(slug: string, page = 1): string {
  return `${productUrl(slug)}/danh-gia${page > 1 ? `?page=${page}` : ''}`;
}

/** The report form of one review (a page of its own: the cached product page carries no CSRF token). */
export function reviewReportUrl(reviewId: string): string {
  return `/danh-gia/${encodeURIComponent(reviewId)}/bao-cao`;
}

/** "4,6 ★ (12 đánh giá)": one decimal, in the page's language; nothing without a published review. */
export function ratingLine(ctx: PageContext, rating: Pick<RatingSummaryDto, 'average' | 'count'> | undefined, id?: string): SafeHtml {
  if (!rating || rating.count === 0) return html``;
  const average = formatNumber(ctx.lang, Math.round(rating.average * 10) / 10);
  return html`<span class="rating"${id ? html` id="${id}"` : ''}><span class="stars">${average} <span aria-hidden="true">★</span></span> <span class="muted">(${formatCount(rating.count)} ${ctx.t('rev.count')})</span></span>`;
}

function stars(n: number): SafeHtml {
  return html`<span class="stars"><span aria-hidden="true">${'★'.repeat(n)}${'☆'.repeat(5 - n)}</span> ${n}/5</span>`;
}

function reviewItem(ctx: PageContext, r: ReviewDto): SafeHtml {
  const { t } = ctx;
  return html`<li class="review" id="danh-gia-${r.id}">
<p><strong>${r.authorName}</strong> · <time datetime="${new Date(r.createdAt).toISOString()}">${formatDate(r.createdAt)}</time></p>
<p>${t('rev.product')}: ${stars(r.productStars)} · ${t('rev.seller')}: ${stars(r.sellerStars)}</p>
<p class="review-text">${r.text}</p>
${r.photoUrl ? html`<p><a href="${r.photoUrl}"><img class="review-photo" src="${r.photoUrl}?size=thumb" alt="${t('rev.photo')}" width="200" height="150" loading="lazy"></a></p>` : ''}
${r.replyText ? html`<blockquote class="review-reply"><p><strong>${t('rev.reply')}</strong>${r.repliedAt ? html` · ${formatDate(r.repliedAt)}` : ''}</p><p>${r.replyText}</p></blockquote>` : ''}
<p class="report"><a rel="nofollow" href="${reviewReportUrl(r.id)}">${t('rev.report')}</a></p>
</li>`;
}

/** The product page's reviews: the average of product stars, then the latest published reviews with the seller's reply. */
export function reviewsSection(ctx: PageContext, page: ReviewPageDto, allReviewsHref: string): SafeHtml {
  const { t } = ctx;
  const { rating, items } = page;
  const all = t('rev.all').replace('{total}', formatCount(rating.count));
  return html`<section aria-labelledby="reviews-h" class="reviews" id="danh-gia"><h2 id="reviews-h">${t('rev.title')}</h2>
<p class="muted">${t('rev.lead')}</p>
${
  rating.count
    ? html`${averageLine(ctx, page)}
<ul class="review-list">${items.map((r) => reviewItem(ctx, r))}</ul>
${rating.count > items.length ? html`<p><a href="${allReviewsHref}">${all}</a></p>` : ''}`
    : html`<p>${t('rev.none')}</p>`
}
</section>`;
}

function averageLine(ctx: PageContext, page: ReviewPageDto): SafeHtml {
  const { t } = ctx;
  return html`<p>${t('rev.average')}: <strong>${formatNumber(ctx.lang, Math.round(page.rating.average * 10) / 10)}</strong> ${t('rev.outOf')} (${formatCount(page.rating.count)} ${t('rev.count')})</p>`;
}

/** `/san-pham/:slug/danh-gia`: all of a product's published reviews, newest first, with the pager. */
export function productReviewsPage(ctx: PageContext, product: { name: string; slug: string }, page: ReviewPageDto): string {
  const { t } = ctx;
  const title = `${t('rev.title')}: ${product.name}`;
  const body = html`<nav class="crumbs" aria-label="${t('rev.crumbs')}"><a href="${productUrl(product.slug)}">${product.name}</a></nav>
<h1>${title}</h1>
<p class="muted">${t('rev.lead')}</p>
${
  page.rating.count
    ? html`${averageLine(ctx, page)}
${page.items.length ? html`<ul class="review-list">${page.items.map((r) => reviewItem(ctx, r))}</ul>` : html`<p>${t('rev.pageEmpty')}</p>`}
${pager(t, { page: page.page, total: page.total, pageSize: page.pageSize, href: (n) => productReviewsUrl(product.slug, n) })}`
    : html`<p>${t('rev.none')}</p>`
}`;
  return layout(ctx, { title, description: title, path: productReviewsUrl(product.slug, page.page) }, body);
}

export interface ReviewReportState {
  reason?: string;
  error?: string;
  message?: string;
  done?: boolean;
}

/** The report form (private: it carries the visitor's CSRF token), or the thanks once sent. */
export function reviewReportPage(ctx: PageContext, reviewId: string, csrf: SafeHtml, state: ReviewReportState): string {
  const { t } = ctx;
  const path = reviewReportUrl(reviewId);
  const body = state.done
    ? html`<h1>${t('rev.report.title')}</h1>${alert(t('rev.report.done'), 'success')}`
    : html`<h1>${t('rev.report.title')}</h1>
<p>${t('rev.report.intro')}</p>
${alert(state.message)}
<form class="stack" method="post" action="${path}" novalidate>
${csrf}
<div class="field${state.error ? ' has-error' : ''}">
<label for="f-reason">${t('rev.report.reason')} <span aria-hidden="true">*</span></label>
<textarea id="f-reason" name="reason" rows="4" maxlength="1000" required${state.error ? html` aria-invalid="true" aria-describedby="f-reason-error"` : ''}>${state.reason ?? ''}</textarea>
${state.error ? html`<p class="error" id="f-reason-error">${state.error}</p>` : ''}
</div>
<button type="submit">${t('rev.report.submit')}</button>
</form>`;
  return layout(ctx, { title: t('rev.report.title'), description: t('rev.report.intro'), path, noindex: true }, body);
}
