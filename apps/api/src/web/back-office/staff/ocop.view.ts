import type { OcopCertificateEntity, ProductView } from '@tradefloor/catalog';
import { html, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import type { MessageKey } from '../../i18n/messages';
import { ocopStars } from '../../store/cards.view';
import { statusBadge } from '../business/business.view';
import { alert } from '../../html/forms';
import { formatDate, formatDateTime, formatNumber } from '../../kit/format';
import { pager } from '../../kit/pager';
import { productUrl, withQuery } from '../../kit/urls';
import type { FieldErrors } from '../../session/form-validation';
import type { Form } from '../back-office';
import { certificateForm } from './ocop-form.view';
import { reasonForm } from './reason-form.view';

export const OCOP_PATH = '/quan-ly/ocop';

export function productPath(id: string): string {
  return `${OCOP_PATH}/${id}`;
}

/** "4 sao OCOP · Tiềm năng 5 sao" with the stars drawn for sighted readers. */
function rating(ctx: PageContext, stars: number, potential: boolean): SafeHtml {
  return html`${ocopStars(ctx, stars)}${potential ? html` · ${ctx.t('admin.ocop.potential')}` : ''}`;
}

/** Products found by the look-up, with their current OCOP rating as the storefront shows it. */
export function productTable(ctx: PageContext, items: ProductView[], total: number): SafeHtml {
  const { t } = ctx;
  if (!items.length) return html`<p>${t('admin.ocop.noResults')}</p>`;
  return html`<div class="table-wrap"><table>
<caption>${t('admin.ocop.results')}: ${formatNumber(ctx.lang, total)}</caption>
<thead><tr><th scope="col">${t('admin.ocop.product')}</th><th scope="col">${t('admin.ocop.enterprise')}</th><th scope="col">${t('admin.ocop.sku')}</th><th scope="col">${t('admin.ocop.productStatus')}</th><th scope="col">${t('admin.ocop.rating')}</th></tr></thead>
<tbody>${items.map(
    (
      p,
    ) => html`<tr><td><a href="${productPath(p.id)}">${p.name}</a></td><td>${p.enterpriseName}</td><td>${p.sku}</td><td>${statusBadge(t, 'prod', p.status)}</td>
<td>${p.ocopStars ? html`${rating(ctx, p.ocopStars, p.ocopPotentialFiveStar)}<br><span class="muted">${t('admin.ocop.validUntil')} ${formatDate(p.ocopValidUntil)}</span>` : t('admin.ocop.none')}</td></tr>`,
  )}</tbody></table></div>`;
}

/** Who makes the product and where it stands, with a link to its public page when it is on sale. */
export function productFacts(ctx: PageContext, p: ProductView): SafeHtml {
  const { t } = ctx;
  return html`<dl class="facts">
<dt>${t('admin.ocop.enterprise')}</dt><dd>${p.enterpriseName}</dd>
<dt>${t('admin.ocop.sku')}</dt><dd>${p.sku}</dd>
<dt>${t('admin.ocop.productStatus')}</dt><dd>${statusBadge(t, 'prod', p.status)}${p.visible ? html` <a href="${productUrl(p.slug)}">${t('admin.ocop.publicPage')}</a>` : ''}</dd>
</dl>`;
}

/** Every field of a certificate, as a definition list. */
function certificateFacts(ctx: PageContext, c: OcopCertificateEntity): SafeHtml {
  const { t, lang } = ctx;
  return html`<dl class="facts">
<dt>${t('admin.ocop.stars')}</dt><dd>${rating(ctx, c.stars, c.potentialFiveStar)}</dd>
<dt>${t('admin.ocop.score')}</dt><dd>${formatNumber(lang, c.score)}</dd>
<dt>${t('admin.ocop.issuingBody')}</dt><dd>${c.issuingBody}</dd>
<dt>${t('admin.ocop.decisionDate')}</dt><dd>${formatDate(c.decisionDate)}</dd>
<dt>${t('admin.ocop.validUntil')}</dt><dd>${formatDate(c.validUntil)}</dd>
${c.productGroup ? html`<dt>${t('admin.ocop.group')}</dt><dd>${t(`admin.ocop.group.${c.productGroup}` as MessageKey)}</dd>` : ''}
</dl>`;
}

/** The certificate the product shows, or why it shows none. */
export function currentPanel(ctx: PageContext, current: OcopCertificateEntity | undefined): SafeHtml {
  if (!current) return html`<p>${ctx.t('admin.ocop.noCurrent')}</p>`;
  return html`<p><strong>${ctx.t('admin.ocop.decisionNumber')}: ${current.decisionNumber}</strong></p>${certificateFacts(ctx, current)}`;
}

export interface RevokeProblem {
  certificateId: string;
  reason?: string;
  error?: string;
}

/** All certificates of the product, newest decision first; valid ones can be revoked with a reason. */
export function historyList(ctx: PageContext, productId: string, history: OcopCertificateEntity[], csrf: SafeHtml, problem?: RevokeProblem): SafeHtml {
  const { t, lang } = ctx;
  if (!history.length) return html`<p>${t('admin.ocop.noHistory')}</p>`;
  return html`<ol class="queue ocop-history">${history.map((c) => {
    const mine = problem?.certificateId === c.id ? problem : undefined;
    return html`<li class="item" id="c-${c.id}"><article aria-labelledby="c-${c.id}-h">
<h3 id="c-${c.id}-h">${t('admin.ocop.decisionNumber')} ${c.decisionNumber} <span class="badge">${t(`admin.ocop.status.${c.status}` as MessageKey)}</span></h3>
${certificateFacts(ctx, c)}
${c.status === 'revoked' ? html`<p class="muted">${t('admin.ocop.revokedAt')} ${formatDateTime(lang, c.revokedAt)}: ${c.revocationReason ?? ''}</p>` : ''}
${c.status === 'valid' ? reasonForm(ctx, csrf, `${productPath(productId)}/chung-nhan/${c.id}/thu-hoi`, c.id, t('admin.ocop.revoke'), mine) : ''}
</article></li>`;
  })}</ol>`;
}

/** Valid certificates ending soon, soonest first, with the product each belongs to. */
export function expiringTable(ctx: PageContext, items: OcopCertificateEntity[], products: Map<string, ProductView>): SafeHtml {
  const { t } = ctx;
  if (!items.length) return html`<p>${t('admin.empty')}</p>`;
  return html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${t('admin.ocop.validUntil')}</th><th scope="col">${t('admin.ocop.product')}</th><th scope="col">${t('admin.ocop.enterprise')}</th>
<th scope="col">${t('admin.ocop.stars')}</th><th scope="col">${t('admin.ocop.decisionNumber')}</th></tr></thead>
<tbody>${items.map((c) => {
    const p = products.get(c.productId);
    return html`<tr><td>${formatDate(c.validUntil)}</td><td><a href="${productPath(c.productId)}">${p?.name ?? c.productId}</a></td><td>${p?.enterpriseName ?? ''}</td>
<td>${rating(ctx, c.stars, c.potentialFiveStar)}</td><td>${c.decisionNumber}</td></tr>`;
  })}</tbody></table></div>`;
}

/** The search page: the count of certificates ending soon, the product search and its results. */
export function ocopSearchView(
  ctx: PageContext,
  d: { q: string; expiringCount: number; items: ProductView[]; total: number; page: number; pageSize: number },
): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('admin.ocop.title')}</h1>
<p><a href="${OCOP_PATH}/sap-het-han">${t('admin.ocop.expiringLink')}</a>: <strong>${formatNumber(ctx.lang, d.expiringCount)}</strong></p>
<form class="search-form" role="search" method="get" action="${OCOP_PATH}">
<label for="ocop-q">${t('admin.ocop.search')}</label>
<p class="hint" id="ocop-q-hint">${t('admin.ocop.searchHint')}</p>
<input id="ocop-q" type="search" name="q" value="${d.q}" aria-describedby="ocop-q-hint" maxlength="100">
<button type="submit">${t('search.submit')}</button>
</form>
${d.q ? productTable(ctx, d.items, d.total) : ''}
${pager(t, { page: d.page, total: d.total, pageSize: d.pageSize, href: (page) => withQuery(OCOP_PATH, { q: d.q, page }) })}`;
}

/** Certificates whose validity ends within the window, soonest first. */
export function ocopExpiringView(
  ctx: PageContext,
  d: { from: string; to: string; items: OcopCertificateEntity[]; products: Map<string, ProductView>; total: number; page: number; pageSize: number },
): SafeHtml {
  const { t } = ctx;
  return html`<p><a href="${OCOP_PATH}">← ${t('admin.ocop.back')}</a></p>
<h1>${t('admin.ocop.expiringTitle')}</h1>
<p class="muted">${t('admin.ocop.expiringRange')} ${formatDate(d.from)} – ${formatDate(d.to)} · ${t('admin.total')}: ${formatNumber(ctx.lang, d.total)}</p>
${expiringTable(ctx, d.items, d.products)}
${pager(t, { page: d.page, total: d.total, pageSize: d.pageSize, href: (page) => withQuery(`${OCOP_PATH}/sap-het-han`, { page }) })}`;
}

export interface OcopProductProblem {
  status: number;
  form?: Form;
  errors?: FieldErrors;
  revoke?: RevokeProblem;
  message?: string;
}

/** One product: its facts, current certificate, the add form and the history with revoke forms. */
export function ocopProductView(
  ctx: PageContext,
  d: {
    product: ProductView;
    current: OcopCertificateEntity | undefined;
    history: OcopCertificateEntity[];
    csrf: SafeHtml;
    done?: string;
    problem: OcopProductProblem;
  },
): SafeHtml {
  const { t } = ctx;
  const id = d.product.id;
  return html`<p><a href="${OCOP_PATH}">← ${t('admin.ocop.back')}</a></p>
<h1>${d.product.name}</h1>
${alert(d.done, 'success')}${alert(d.problem.message)}
${productFacts(ctx, d.product)}
<section aria-labelledby="ocop-current"><h2 id="ocop-current">${t('admin.ocop.current')}</h2>
${currentPanel(ctx, d.current)}</section>
<section aria-labelledby="ocop-add"><h2 id="ocop-add">${t('admin.ocop.add')}</h2>
${certificateForm(ctx, `${productPath(id)}/chung-nhan`, d.csrf, d.problem.form ?? {}, d.problem.errors ?? {})}</section>
<section aria-labelledby="ocop-history"><h2 id="ocop-history">${t('admin.ocop.history')}</h2>
${historyList(ctx, id, d.history, d.csrf, d.problem.revoke)}</section>`;
}
