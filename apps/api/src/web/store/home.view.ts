import type { LeadingEnterprise, StatsOverviewDto } from '@tradefloor/catalog';
import { html, type SafeHtml } from '../html/html';
import { searchForm, type PageContext } from '../html/layout';
import { formatCount, formatDate, label } from '../kit/format';
import { bulletinUrl, enterpriseUrl, withQuery } from '../kit/urls';
import { ocopStars, productGrid, type CardProduct } from './cards.view';

export interface HomeBulletin {
  slug: string;
  title: string;
  publishedAt?: Date | string | null;
  eventStartsAt?: Date | string | null;
  eventLocation?: string | null;
}

export interface CategoryTile {
  id: string;
  name: string;
  /** Published products in the category and its sub-categories; null when search is unavailable. */
  products: number | null;
}

export interface Marketplace {
  displayName: string;
  products: number;
}

export interface HomeData {
  categories: CategoryTile[];
  featured: CardProduct[];
  newest: CardProduct[];
  enterprises: LeadingEnterprise[];
  news: HomeBulletin[];
  events: HomeBulletin[];
  figures: StatsOverviewDto;
  marketplaces: Marketplace[];
}

/** The storefront home: what the province sells, who sells it, what is new, and where else to buy. */
export function homeBody(ctx: PageContext, d: HomeData): SafeHtml {
  const { t } = ctx;
  return html`<section class="hero">
<h1>${t('site.name')}</h1>
<p>${t('site.tagline')}</p>
${searchForm(t)}
</section>
${categoryTiles(ctx, d.categories)}
${productSection(ctx, 'featured', t('home.featured'), d.featured, html`<a href="${withQuery('/tim-kiem', { ocopMin: 4, sort: 'ocop' })}">${t('home.allOcop')}</a>`)}
${productSection(ctx, 'newest', t('home.newest'), d.newest, html`<a href="${withQuery('/tim-kiem', { sort: 'newest' })}">${t('home.allProducts')}</a>`)}
${enterpriseSection(ctx, d.enterprises)}
<div class="two-col">
<section aria-labelledby="news-h"><h2 id="news-h">${t('home.news')}</h2>
${d.news.length ? html`<ul class="list">${d.news.map((b) => html`<li><a href="${bulletinUrl(b.slug)}">${b.title}</a> <span class="muted">${formatDate(b.publishedAt)}</span></li>`)}</ul>` : html`<p class="muted">${t('home.noNews')}</p>`}
<p><a href="/tin-tuc">${t('home.allNews')}</a></p></section>
<section aria-labelledby="events-h"><h2 id="events-h">${t('home.events')}</h2>
${d.events.length ? html`<ul class="list">${d.events.map((e) => html`<li><a href="${bulletinUrl(e.slug)}">${e.title}</a> <span class="muted">${formatDate(e.eventStartsAt)}${e.eventLocation ? html` · ${e.eventLocation}` : ''}</span></li>`)}</ul>` : html`<p class="muted">${t('home.noEvents')}</p>`}
<p><a href="/su-kien">${t('home.allEvents')}</a></p></section>
</div>
${figuresSection(ctx, d.figures)}
${marketplaceSection(ctx, d.marketplaces)}`;
}

function categoryTiles(ctx: PageContext, categories: CategoryTile[]): SafeHtml {
  if (!categories.length) return html``;
  const { t } = ctx;
  return html`<section aria-labelledby="cat-h"><h2 id="cat-h">${t('home.categories')}</h2>
<ul class="tiles">${categories.map(
    (c) =>
      html`<li><a href="${withQuery('/tim-kiem', { category: c.id })}"><span class="tile-name">${c.name}</span>${c.products !== null ? html`<span class="muted">${formatCount(c.products)} ${t('home.productsUnit')}</span>` : ''}</a></li>`,
  )}</ul></section>`;
}

function productSection(ctx: PageContext, id: string, title: string, products: CardProduct[], more: SafeHtml): SafeHtml {
  if (!products.length) return html``;
  return html`<section aria-labelledby="${id}-h"><h2 id="${id}-h">${title}</h2>
${productGrid(ctx, products)}
<p>${more}</p></section>`;
}

function enterpriseSection(ctx: PageContext, enterprises: LeadingEnterprise[]): SafeHtml {
  if (!enterprises.length) return html``;
  const { t } = ctx;
  return html`<section aria-labelledby="ent-h"><h2 id="ent-h">${t('home.enterprises')}</h2>
<ul class="grid sellers">${enterprises.map(
    (e) => html`<li class="seller-tile"><h3 class="card-title"><a href="${enterpriseUrl(e.slug)}">${e.name}</a></h3>
<p class="muted">${label(t, 'kind', e.kind)}${e.communeName ? html` · ${e.communeName}` : ''}</p>
<p>${formatCount(e.products)} ${t('home.productsUnit')}${e.ocopProducts ? html` · ${formatCount(e.ocopProducts)} OCOP` : ''}</p>
${ocopStars(ctx, e.bestOcopStars)}</li>`,
  )}</ul>
<p><a href="/doanh-nghiep">${t('home.allEnterprises')}</a></p></section>`;
}

function figuresSection(ctx: PageContext, f: StatsOverviewDto): SafeHtml {
  const { t } = ctx;
  const items: Array<[string, number]> = [
    [t('fig.enterprises'), f.enterprises.verified],
    [t('fig.products'), f.products.published],
    [t('fig.ocop'), f.ocop.products],
    [t('fig.ocop5'), f.ocop.fiveStar],
    [t('fig.ocop4'), f.ocop.fourStar],
    [t('fig.ocop3'), f.ocop.threeStar],
  ];
  return html`<section aria-labelledby="fig-h"><h2 id="fig-h">${t('home.figures')}</h2>
<dl class="figures">${items.map(([name, n]) => html`<div class="figure"><dt>${name}</dt><dd><b>${formatCount(n)}</b></dd></div>`)}</dl></section>`;
}

function marketplaceSection(ctx: PageContext, marketplaces: Marketplace[]): SafeHtml {
  if (!marketplaces.length) return html``;
  const { t } = ctx;
  return html`<section aria-labelledby="mkt-h"><h2 id="mkt-h">${t('home.marketplaces')}</h2>
<p>${t('home.marketplacesLead')}</p>
<ul class="chips">${marketplaces.map((m) => html`<li><span class="chip">${m.displayName} · ${formatCount(m.products)} ${t('home.productsUnit')}</span></li>`)}</ul></section>`;
}
