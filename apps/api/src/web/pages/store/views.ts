import { html, type SafeHtml } from '../../html/html';
import { layout, type PageContext } from '../../html/layout';
import { formatPriceRange } from './format';

export interface CardProduct {
  slug: string;
  name: string;
  priceVnd: number;
  priceMaxVnd?: number | null;
  unit: string;
  ocopStars: number | null;
  thumbnailUrl: string | null;
  enterpriseName?: string;
  /** Name with <mark> highlights, already escaped by the search API. */
  highlightedName?: SafeHtml;
}

/** "★★★★ 4 sao OCOP": the stars are decoration, the text is what screen readers announce. */
export function ocopStars(ctx: PageContext, stars: number | null): SafeHtml {
  if (!stars) return html``;
  return html`<span class="stars"><span aria-hidden="true">${'★'.repeat(stars)}</span> ${stars} ${ctx.t('ocop.stars')}</span>`;
}

export function productCard(ctx: PageContext, p: CardProduct, headingLevel: 'h2' | 'h3' = 'h3'): SafeHtml {
  const name = p.highlightedName ?? html`${p.name}`;
  const heading = headingLevel === 'h2' ? html`<h2 class="card-title">` : html`<h3 class="card-title">`;
  const close = headingLevel === 'h2' ? html`</h2>` : html`</h3>`;
  return html`<li class="card">
${p.thumbnailUrl ? html`<img src="${p.thumbnailUrl}" alt="${p.name}" loading="lazy" width="320" height="320">` : html`<div class="noimg" aria-hidden="true"></div>`}
<div class="body">
${heading}<a class="name" href="/san-pham/${encodeURIComponent(p.slug)}">${name}</a>${close}
<p class="price">${formatPriceRange(p.priceVnd, p.priceMaxVnd ?? null)}<span class="muted"> / ${p.unit}</span></p>
${ocopStars(ctx, p.ocopStars)}
${p.enterpriseName ? html`<p class="seller muted">${p.enterpriseName}</p>` : ''}
</div>
</li>`;
}

export function productGrid(ctx: PageContext, products: CardProduct[], headingLevel: 'h2' | 'h3' = 'h3'): SafeHtml {
  return html`<ul class="grid cards">${products.map((p) => productCard(ctx, p, headingLevel))}</ul>`;
}

/** Previous / numbered / next links; `href(page)` keeps every other parameter of the page. */
export function pager(ctx: PageContext, page: number, totalPages: number, href: (page: number) => string): SafeHtml {
  if (totalPages <= 1) return html``;
  const { t } = ctx;
  const first = Math.max(1, Math.min(page - 2, totalPages - 4));
  const pages = Array.from({ length: Math.min(5, totalPages) }, (_, i) => first + i);
  return html`<nav class="pager" aria-label="${t('pager.label')}"><ul>
${page > 1 ? html`<li><a href="${href(page - 1)}" rel="prev">${t('pager.prev')}</a></li>` : ''}
${pages.map((n) =>
  n === page
    ? html`<li><a href="${href(n)}" aria-current="page" aria-label="${t('pager.page')} ${n}">${n}</a></li>`
    : html`<li><a href="${href(n)}" aria-label="${t('pager.page')} ${n}">${n}</a></li>`,
)}
${page < totalPages ? html`<li><a href="${href(page + 1)}" rel="next">${t('pager.next')}</a></li>` : ''}
</ul></nav>`;
}

/** The HTML 404 page for unknown or unpublished slugs (never the JSON error envelope). */
export function notFoundPage(ctx: PageContext, title: string): string {
  const { t } = ctx;
  return layout(
    ctx,
    { title, description: t('notfound.body'), path: ctx.currentPath },
    html`<section class="prose"><h1>${title}</h1><p>${t('notfound.body')}</p><p><a href="/tim-kiem">${t('home.allProducts')}</a></p></section>`,
  );
}
