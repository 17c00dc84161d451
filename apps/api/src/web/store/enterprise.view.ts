import { ENTERPRISE_KINDS, type EnterpriseEntity, type PublicProductSummary } from '@tradefloor/enterprise-profile';
import { alert } from '../html/forms';
import { html, jsonLd, trusted, type SafeHtml } from '../html/html';
import type { PageContext } from '../html/layout';
import { formatCount, label } from '../kit/format';
import { phoneDigits } from './product.view';
import { pager } from '../kit/pager';
import { facetSelect, productGrid, type FacetOption } from './cards.view';
import type { RatingSummaryDto } from '@tradefloor/reviews';
import { ratingLine } from './reviews/review-pages.view';
import { enterpriseUrl } from '../kit/urls';

export type DirectoryState = Partial<Record<'q' | 'kind' | 'commune' | 'page', string>>;

export function directoryUrl(state: DirectoryState, changes: DirectoryState = {}): string {
  const merged: DirectoryState = { ...state, ...changes };
  if (!('page' in changes)) delete merged.page;
  const params = new URLSearchParams();
  for (const key of ['q', 'kind', 'commune', 'page'] as const) {
    const v = merged[key];
    if (v && !(key === 'page' && v === '1')) params.set(key, v);
  }
  const qs = params.toString();
  return qs ? `/doanh-nghiep?${qs}` : '/doanh-nghiep';
}

interface DirectoryPage {
  items: EnterpriseEntity[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * `communes`: the commune choices with their counts (every listed enterprise's commune among them);
 * `notice`: what was made of the request (an ignored filter), shown under the form.
 */
export function directoryBody(
  ctx: PageContext,
  state: DirectoryState,
  list: DirectoryPage | undefined,
  communes: FacetOption[],
  errors: Record<string, string>,
  notice?: string,
  problem?: string,
): SafeHtml {
  const { t } = ctx;
  const communeName = new Map(communes.map((c) => [c.value, c.name]));
  const fieldError = (name: string) => (errors[name] ? html`<p class="error" id="e-${name}">${errors[name]}</p>` : '');
  return html`<h1>${t('ent.title')}</h1>
<p>${t('ent.description')}</p>
<form class="filters inline" action="/doanh-nghiep" method="get" role="search">
<div class="field"><label for="e-q">${t('ent.search')}</label><input id="e-q" name="q" type="search" value="${state.q ?? ''}" autocomplete="off">${fieldError('q')}</div>
<div class="field"><label for="e-kind">${t('search.kind')}</label><select id="e-kind" name="kind"><option value="">${t('search.any')}</option>${ENTERPRISE_KINDS.map(
    (k) => html`<option value="${k}"${state.kind === k ? html` selected` : ''}>${label(t, 'kind', k)}</option>`,
  )}</select>${fieldError('kind')}</div>
${facetSelect(ctx, 'commune', t('search.commune'), communes, state.commune, errors.commune, 'e-commune')}
<p><button type="submit">${t('search.filter')}</button></p>
</form>
${alert(notice)}
${
  list
    ? html`<p class="count" role="status">${formatCount(list.total)} ${t('ent.count')}</p>
${list.items.length ? html`<ul class="grid ent-list">${list.items.map((e) => enterpriseCard(ctx, e, communeName.get(e.communeCode)))}</ul>` : html`<p>${t('ent.none')}</p>`}
${pager(ctx.t, { page: list.page, total: list.total, pageSize: list.pageSize, href: (n) => directoryUrl(state, { page: String(n) }) })}`
    : ''
}${alert(problem)}`;
}

function enterpriseCard(ctx: PageContext, e: EnterpriseEntity, communeName: string | undefined): SafeHtml {
  return html`<li class="card ent"><div class="body">
<h2 class="card-title"><a class="name" href="${enterpriseUrl(e.slug)}">${e.displayName}</a></h2>
<p class="muted">${label(ctx.t, 'kind', e.kind)}</p>
${communeName ? html`<p><a href="/doanh-nghiep?commune=${e.communeCode}">${communeName}</a></p>` : ''}
</div></li>`;
}

export function profileBody(
  ctx: PageContext,
  e: EnterpriseEntity,
  address: string,
  products: PublicProductSummary[],
  /** Seller identity (Decree 320/2026): shown only while verified and unexpired. */
  verifiedIdentity = false,
  /** Seller stars of the published reviews of its products (libs/reviews). */
  sellerRating?: Pick<RatingSummaryDto, 'average' | 'count'>,
): SafeHtml {
  const { t } = ctx;
  const phone = e.phone ? phoneDigits(e.phone) : '';
  return html`<article class="profile">
<header class="profile-head">
${e.logoUrl ? html`<img class="logo" src="${e.logoUrl}" alt="${e.displayName}" width="96" height="96">` : ''}
<div><h1>${e.displayName}</h1>
<p class="muted">${label(t, 'kind', e.kind)} · <span class="verified">✓ ${t('ent.verified')}</span>${verifiedIdentity ? html` · <span class="verified" id="identity-verified">✓ ${t('ts.id.public')}</span>` : ''}</p>
${e.legalName !== e.displayName ? html`<p>${e.legalName}</p>` : ''}
${sellerRating?.count ? html`<p>${t('rev.sellerRating')}: ${ratingLine(ctx, sellerRating, 'seller-rating')}</p>` : ''}</div>
</header>
<section aria-labelledby="contact-h" class="seller-card"><h2 id="contact-h">${t('ent.contact')}</h2>
<dl class="facts">
${address ? html`<div><dt>${t('ent.address')}</dt><dd>${address}</dd></div>` : ''}
${e.representative ? html`<div><dt>${t('ent.representative')}</dt><dd>${e.representative}</dd></div>` : ''}
${e.taxCode ? html`<div><dt>${t('ent.taxCode')}</dt><dd>${e.taxCode}</dd></div>` : ''}
${e.foundingYear ? html`<div><dt>${t('ent.founded')}</dt><dd>${e.foundingYear}</dd></div>` : ''}
${e.email ? html`<div><dt>Email</dt><dd><a href="mailto:${e.email}">${e.email}</a></dd></div>` : ''}
${e.website && /^https?:\/\//.test(e.website) ? html`<div><dt>${t('ent.website')}</dt><dd><a href="${e.website}" rel="noopener nofollow">${e.website}</a></dd></div>` : ''}
</dl>
${phone ? html`<p class="actions"><a class="button" href="tel:${phone}">${t('product.call')} ${e.phone}</a> <a class="button secondary" href="https://zalo.me/${phone}" rel="noopener">${t('product.zalo')}</a></p>` : ''}
</section>
${e.description ? html`<section aria-labelledby="about-h" class="prose"><h2 id="about-h">${t('ent.about')}</h2>${trusted(e.description)}</section>` : ''}
<section aria-labelledby="products-h"><h2 id="products-h">${t('ent.products')}</h2>
${products.length ? productGrid(ctx, products) : html`<p>${t('ent.noProducts')}</p>`}
</section>
<p class="report"><a rel="nofollow" href="/khieu-nai?doi-tuong=enterprise&amp;id=${e.id}">${t('ts.report')}</a></p>
</article>`;
}

/** schema.org Organization for the seller's profile. */
export function enterpriseJsonLd(e: EnterpriseEntity, address: string, url: string): SafeHtml {
  return jsonLd({
    '@context': 'https://schema.org',
    '@type': 'Organization',
    name: e.displayName,
    legalName: e.legalName,
    url,
    ...(e.logoUrl ? { logo: e.logoUrl } : {}),
    ...(e.phone ? { telephone: e.phone } : {}),
    ...(e.email ? { email: e.email } : {}),
    ...(e.taxCode ? { taxID: e.taxCode } : {}),
    ...(e.foundingYear ? { foundingDate: String(e.foundingYear) } : {}),
    ...(address ? { address: { '@type': 'PostalAddress', streetAddress: address, addressCountry: 'VN' } } : {}),
  });
}
