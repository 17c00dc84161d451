import { CERTIFICATION_TYPES } from '@tradefloor/catalog';
import { ENTERPRISE_KINDS } from '@tradefloor/enterprise-profile';
import { MAX_RESULT_WINDOW, SORTS, type SearchService } from '@tradefloor/search';
import { alert } from '../html/forms';
import { html, trusted, type SafeHtml } from '../html/html';
import { fill } from '../i18n/fill';
import { pager } from '../kit/pager';
import type { PageContext } from '../html/layout';
import { formatCount, formatDate, formatVnd, label } from '../kit/format';
import { searchUrl, type SearchParam, type SearchState } from './search-url';
import { facetSelect, ocopStars, productGrid, type FacetOption } from './cards.view';

type SearchResultView = Awaited<ReturnType<SearchService['searchProducts']>>;

export interface SearchFacets {
  category: FacetOption[];
  commune: FacetOption[];
  ocopStars: Record<string, number>;
  certification: Record<string, number>;
  enterpriseKind: Record<string, number>;
  /** scope=other-provinces: provinces of the peer products found (the province facet). */
  province: FacetOption[];
}

type PeerHit = SearchResultView['peerHits'][number];

const isPeerScope = (state: SearchState) => state.scope === 'other-provinces';

/** "Tỉnh này / Các tỉnh khác": two links (every state is a URL); a count where the search made one. */
export function scopeSwitch(ctx: PageContext, state: SearchState, result?: SearchResultView): SafeHtml {
  const { t } = ctx;
  const count = (n: number | null | undefined) => (n === null || n === undefined ? '' : html` (${formatCount(n)})`);
  const peers = isPeerScope(state);
  const link = (on: boolean, href: string, text: string, n: number | null | undefined) =>
    on ? html`<li><a href="${href}" aria-current="page"><strong>${text}${count(n)}</strong></a></li>` : html`<li><a href="${href}">${text}${count(n)}</a></li>`;
  return html`<nav class="scope" aria-label="${t('search.scope')}"><ul class="chips">
${link(!peers, searchUrl({ q: state.q, sort: state.sort }), t('search.scope.this'), result?.scopes['this-province'])}
${link(peers, searchUrl({ q: state.q, sort: state.sort, scope: 'other-provinces' }), t('search.scope.other'), result?.scopes['other-provinces'])}
</ul></nav>`;
}

/** The filters that apply to peer products: words, province, OCOP stars (as stated), sort. */
export function peerFilterForm(ctx: PageContext, state: SearchState, facets: SearchFacets, errors: Record<string, string>): SafeHtml {
  const { t } = ctx;
  return html`<form class="filters" action="/tim-kiem" method="get" role="search" data-autosubmit>
<input type="hidden" name="scope" value="other-provinces">
<div class="search-form">
<label class="skip" for="q">${t('search.label')}</label>
<input id="q" name="q" type="search" value="${state.q ?? ''}" placeholder="${t('search.placeholder')}" autocomplete="off"${errors.q ? html` aria-invalid="true"` : ''}>
<button type="submit">${t('search.submit')}</button>
</div>
${errors.q ? html`<p class="error">${errors.q}</p>` : ''}
<div class="field sort"><label for="f-sort">${t('search.sort')}</label>
<select id="f-sort" name="sort">${SORTS.map((s) => html`<option value="${s}"${selected((state.sort ?? 'relevance') === s)}>${label(t, 'sort', s)}</option>`)}</select></div>
${facetSelect(ctx, 'province', t('search.province'), facets.province, state.province, errors.province)}
<fieldset class="field${errors.ocopMin ? ' has-error' : ''}"><legend>${t('search.ocop')} (${t('search.peerOcop')})</legend>
<label class="opt"><input type="radio" name="ocopMin" value=""${checked(!state.ocopMin)}> ${t('search.any')}</label>
${[3, 4, 5].map((n) => html`<label class="opt"><input type="radio" name="ocopMin" value="${n}"${checked(state.ocopMin === String(n))}> ${n} ${n === 5 ? t('ocop.stars') : t('search.ocopMin')}</label>`)}
</fieldset>
<p><button type="submit">${t('search.filter')}</button></p>
</form>`;
}

/**
 * A peer product: read-only, labelled with its source floor, its name linking out to the peer's
 * own page (rel="noopener nofollow ugc": text and URL are the peer's). No picture is loaded from
 * the peer (the buyer's browser contacts only this floor until they choose to leave it).
 */
export function peerCard(ctx: PageContext, h: PeerHit): SafeHtml {
  const { t } = ctx;
  const ocop = h.ocopStars
    ? html`<p class="ocop">${ocopStars(ctx, h.ocopStars)}${h.ocopCertificate ? html` · ${h.ocopCertificate}` : ''}${
        h.ocopValidUntil ? html` · ${t('ocop.validUntil')} ${formatDate(h.ocopValidUntil)}` : ''
      } <span class="muted">(${t('search.peerOcop')}: ${h.source})</span></p>`
    : '';
  return html`<li class="card peer" data-peer="${h.peerId}">
<div class="noimg" aria-hidden="true"></div>
<div class="body">
<h2 class="card-title"><a class="name" href="${h.pageUrl}" rel="noopener nofollow ugc" target="_blank">${trusted(h.highlight.name)}</a></h2>
${h.priceVnd !== null ? html`<p class="price">${formatVnd(h.priceVnd)}</p>` : ''}
${ocop}
${h.sellerName ? html`<p class="seller muted">${h.sellerName}</p>` : ''}
<p class="source"><span class="badge">${t('search.peerSource')}: ${h.source}</span></p>
</div>
</li>`;
}

const selected = (on: boolean) => (on ? html` selected` : '');
const checked = (on: boolean) => (on ? html` checked` : '');

/** The filter form: a plain GET form (every state is a URL), auto-submitted by search.js when present. */
export function filterForm(ctx: PageContext, state: SearchState, facets: SearchFacets, errors: Record<string, string>): SafeHtml {
  const { t } = ctx;
  const ocop = facets.ocopStars;
  const atLeast = (n: number) => Object.entries(ocop).reduce((sum, [stars, c]) => sum + (Number(stars) >= n ? c : 0), 0);
  const certs = CERTIFICATION_TYPES.filter((c) => facets.certification[c] || state.certification === c).map((c) => ({
    value: c,
    name: label(t, 'cert', c),
    count: facets.certification[c] ?? 0,
  }));
  const kinds = ENTERPRISE_KINDS.filter((k) => facets.enterpriseKind[k] || state.enterpriseKind === k).map((k) => ({
    value: k,
    name: label(t, 'kind', k),
    count: facets.enterpriseKind[k] ?? 0,
  }));
  const active =
    Object.keys(errors).length > 0 ||
    ['category', 'commune', 'ocopMin', 'certification', 'priceMin', 'priceMax', 'enterpriseKind', 'inStock'].some((k) => state[k as SearchParam]);
  const priceError = errors.priceMin ?? errors.priceMax;
  return html`<form class="filters" action="/tim-kiem" method="get" role="search" data-autosubmit>
<div class="search-form">
<label class="skip" for="q">${t('search.label')}</label>
<input id="q" name="q" type="search" value="${state.q ?? ''}" placeholder="${t('search.placeholder')}" autocomplete="off" data-suggest${errors.q ? html` aria-invalid="true"` : ''}>
<button type="submit">${t('search.submit')}</button>
</div>
${errors.q ? html`<p class="error">${errors.q}</p>` : ''}
<div class="field sort"><label for="f-sort">${t('search.sort')}</label>
<select id="f-sort" name="sort">${SORTS.map((s) => html`<option value="${s}"${selected((state.sort ?? 'relevance') === s)}>${label(t, 'sort', s)}</option>`)}</select></div>
<details class="facets"${active ? html` open` : ''}><summary>${t('search.filters')}</summary>
${facetSelect(ctx, 'category', t('search.category'), facets.category, state.category, errors.category)}
${facetSelect(ctx, 'commune', t('search.commune'), facets.commune, state.commune, errors.commune)}
<fieldset class="field${errors.ocopMin ? ' has-error' : ''}"><legend>${t('search.ocop')}</legend>
<label class="opt"><input type="radio" name="ocopMin" value=""${checked(!state.ocopMin)}> ${t('search.any')}</label>
${[3, 4, 5].map((n) => html`<label class="opt"><input type="radio" name="ocopMin" value="${n}"${checked(state.ocopMin === String(n))}> ${n} ${n === 5 ? t('ocop.stars') : t('search.ocopMin')} (${formatCount(atLeast(n))})</label>`)}
${errors.ocopMin ? html`<p class="error">${errors.ocopMin}</p>` : ''}</fieldset>
${facetSelect(ctx, 'certification', t('search.certification'), certs, state.certification, errors.certification)}
${facetSelect(ctx, 'enterpriseKind', t('search.kind'), kinds, state.enterpriseKind, errors.enterpriseKind)}
<fieldset class="field price${priceError ? ' has-error' : ''}"><legend>${t('search.price')}</legend>
<label for="f-priceMin">${t('search.priceMin')}</label> <input id="f-priceMin" name="priceMin" type="number" min="0" step="1000" inputmode="numeric" value="${state.priceMin ?? ''}"${priceError ? html` aria-invalid="true"` : ''}>
<label for="f-priceMax">${t('search.priceMax')}</label> <input id="f-priceMax" name="priceMax" type="number" min="0" step="1000" inputmode="numeric" value="${state.priceMax ?? ''}"${priceError ? html` aria-invalid="true"` : ''}>
${priceError ? html`<p class="error">${priceError}</p>` : ''}</fieldset>
<div class="field${errors.inStock ? ' has-error' : ''}"><label class="opt"><input type="checkbox" name="inStock" value="true"${checked(state.inStock === 'true')}> ${t('search.inStock')}</label>
${errors.inStock ? html`<p class="error">${errors.inStock}</p>` : ''}</div>
<p><button type="submit">${t('search.filter')}</button> ${active ? html`<a href="${searchUrl({ q: state.q, sort: state.sort })}">${t('search.clear')}</a>` : ''}</p>
</details>
</form>`;
}

/** Applied filters as links that remove one of them and keep the rest. */
export function appliedFilters(ctx: PageContext, state: SearchState, facets: SearchFacets): SafeHtml {
  const { t } = ctx;
  const nameOf = (list: FacetOption[], v: string) => list.find((o) => o.value === v)?.name ?? v;
  const chips: Array<[SearchParam, string]> = [];
  if (state.category) chips.push(['category', nameOf(facets.category, state.category)]);
  if (state.commune) chips.push(['commune', nameOf(facets.commune, state.commune)]);
  if (state.ocopMin) chips.push(['ocopMin', `${state.ocopMin}+ ${t('ocop.stars')}`]);
  if (state.certification) chips.push(['certification', label(t, 'cert', state.certification)]);
  if (state.enterpriseKind) chips.push(['enterpriseKind', label(t, 'kind', state.enterpriseKind)]);
  if (state.priceMin) chips.push(['priceMin', `${t('search.priceMin')} ${formatVnd(Number(state.priceMin))}`]);
  if (state.priceMax) chips.push(['priceMax', `${t('search.priceMax')} ${formatVnd(Number(state.priceMax))}`]);
  if (state.inStock === 'true') chips.push(['inStock', t('search.inStock')]);
  if (!chips.length) return html``;
  return html`<ul class="chips applied" aria-label="${t('search.clear')}">${chips.map(
    ([key, text]) =>
      html`<li><a href="${searchUrl(state, { [key]: undefined })}">${text} <span aria-hidden="true">×</span><span class="skip">(${t('search.clear')})</span></a></li>`,
  )}</ul>`;
}

/** The search page: the filters, what was applied, the results and the pager (within the engines' result window). */
export function searchResultsView(
  ctx: PageContext,
  d: { state: SearchState; facets: SearchFacets; errors: Record<string, string>; problem?: string; result?: SearchResultView; pageSize: number },
): SafeHtml {
  const { t } = ctx;
  const { state, facets, errors, problem, result, pageSize } = d;
  const heading = state.q ? html`${t('search.resultsFor')} “${state.q}”` : html`${t('search.title')}`;
  if (isPeerScope(state)) {
    return html`<h1>${heading}</h1>
${scopeSwitch(ctx, state, result)}
${peerFilterForm(ctx, state, facets, errors)}
${alert(problem)}
<p class="hint">${t('search.peerNote')}</p>
${
  result
    ? html`<p class="count" role="status">${formatCount(result.total)} ${t('search.results')}</p>
${result.peerHits.length ? html`<ul class="grid cards">${result.peerHits.map((h) => peerCard(ctx, h))}</ul>` : html`<p>${t('search.none')}</p>`}
${pager(t, { page: result.page, total: Math.min(result.total, Math.floor(MAX_RESULT_WINDOW / pageSize) * pageSize), pageSize, href: (n) => searchUrl(state, { page: String(n) }) })}`
    : ''
}`;
  }
  return html`<h1>${heading}</h1>
${scopeSwitch(ctx, state, result)}
${filterForm(ctx, state, facets, errors)}
${alert(problem)}
${
  result
    ? html`${result.relaxed ? html`<p class="hint relaxed" role="status">${fill(t('search.relaxed'), { q: state.q ?? '', shown: result.relaxed.query })}</p>` : ''}
<p class="count" role="status">${formatCount(result.total)} ${t('search.results')}</p>
${appliedFilters(ctx, state, facets)}
${
  result.hits.length
    ? productGrid(
        ctx,
        result.hits.map((h) => ({ ...h, highlightedName: trusted(h.highlight.name) })),
        'h2',
      )
    : html`<p>${t('search.none')}</p>`
}
${pager(t, { page: result.page, total: Math.min(result.total, Math.floor(MAX_RESULT_WINDOW / pageSize) * pageSize), pageSize, href: (n) => searchUrl(state, { page: String(n) }) })}`
    : ''
}
<script src="/assets/search.js" defer></script>`;
}
