import { html, type SafeHtml } from '../html/html';
import type { PageContext } from '../html/layout';
import { formatCount, formatPriceRange } from '../kit/format';
import { productUrl } from '../kit/urls';
import { ratingLine } from './reviews/review-pages.view';

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
  /** Published buyer rating, from the search index (libs/reviews via libs/search). */
  rating?: { average: number; count: number } | null;
}

/** A choice of a filter and how many results it leads to. */
export interface FacetOption {
  value: string;
  name: string;
  count: number;
}

/** A select whose options carry their result counts; the current value stays selectable even at 0. */
export function facetSelect(
  ctx: PageContext,
  name: string,
  legend: string,
  options: FacetOption[],
  current: string | undefined,
  error?: string,
  id = `f-${name}`,
): SafeHtml {
  const shown = current && !options.some((o) => o.value === current) ? [...options, { value: current, name: current, count: 0 }] : options;
  return html`<div class="field${error ? ' has-error' : ''}"><label for="${id}">${legend}</label>
<select id="${id}" name="${name}"${error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}>
<option value="">${ctx.t('search.any')}</option>
${shown.map((o) => html`<option value="${o.value}"${o.value === current ? html` selected` : ''}>${o.name} (${formatCount(o.count)})</option>`)}
</select>${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}</div>`;
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
${heading}<a class="name" href="${productUrl(p.slug)}">${name}</a>${close}
<p class="price">${formatPriceRange(p.priceVnd, p.priceMaxVnd ?? null)}<span class="muted"> / ${p.unit}</span></p>
${ocopStars(ctx, p.ocopStars)}
${p.rating ? html`<p class="card-rating">${ratingLine(ctx, p.rating)}</p>` : ''}
${p.enterpriseName ? html`<p class="seller muted">${p.enterpriseName}</p>` : ''}
</div>
</li>`;
}

export function productGrid(ctx: PageContext, products: CardProduct[], headingLevel: 'h2' | 'h3' = 'h3'): SafeHtml {
  return html`<ul class="grid cards">${products.map((p) => productCard(ctx, p, headingLevel))}</ul>`;
}
