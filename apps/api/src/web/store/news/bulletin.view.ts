import type { BulletinEntity } from '@tradefloor/news-bulletin';
import { html, trusted, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import { formatDateTime, formatLongDate } from '../../kit/format';
import type { RelatedLink } from './related-links';
import { pager } from '../../kit/pager';
import { bulletinUrl, withQuery } from '../../kit/urls';

export interface CategoryRef {
  slug: string;
  name: string;
}

/** Cover images may be stored as site paths; Open Graph and schema.org need absolute URLs. */
export function absoluteUrl(base: string, url: string): string {
  return url.startsWith('/') ? `${base}${url}` : url;
}

const number = new Intl.NumberFormat('vi-VN');

/** Date, category and view count of a bulletin, as a list of facts. */
function facts(ctx: PageContext, b: BulletinEntity, category: CategoryRef | undefined): SafeHtml {
  const { t, lang } = ctx;
  return html`<ul class="meta">
${b.publishedAt ? html`<li>${t('news.published')}: <time datetime="${b.publishedAt.toISOString()}">${formatLongDate(lang, b.publishedAt)}</time></li>` : ''}
${category ? html`<li>${t('news.category')}: <a href="/tin-tuc?category=${encodeURIComponent(category.slug)}">${category.name}</a></li>` : ''}
<li>${t('news.views')}: ${number.format(b.viewCount)}</li>
</ul>`;
}

export function bulletinListItem(ctx: PageContext, b: BulletinEntity, category: CategoryRef | undefined): SafeHtml {
  return html`<li class="news-item">
<h2><a href="${bulletinUrl(b.slug)}">${b.title}</a></h2>
${facts(ctx, b, category)}
<p>${b.summary}</p>
</li>`;
}

function eventFacts(ctx: PageContext, b: BulletinEntity): SafeHtml {
  if (b.kind !== 'event' || !b.eventStartsAt || !b.eventEndsAt) return html``;
  const { t, lang } = ctx;
  return html`<dl class="event-facts">
<dt>${t('events.when')}</dt><dd><time datetime="${b.eventStartsAt.toISOString()}">${formatDateTime(lang, b.eventStartsAt)}</time> – <time datetime="${b.eventEndsAt.toISOString()}">${formatDateTime(lang, b.eventEndsAt)}</time></dd>
${b.eventLocation ? html`<dt>${t('events.where')}</dt><dd>${b.eventLocation}</dd>` : ''}
${b.eventOrganiser ? html`<dt>${t('events.organiser')}</dt><dd>${b.eventOrganiser}</dd>` : ''}
</dl>`;
}

function linkList(title: string, links: RelatedLink[]): SafeHtml {
  if (!links.length) return html``;
  return html`<h2>${title}</h2><ul>${links.map((l) => html`<li><a href="${l.href}">${l.name}</a></li>`)}</ul>`;
}

export interface ArticleParts {
  bulletin: BulletinEntity;
  category: CategoryRef | undefined;
  products: RelatedLink[];
  enterprises: RelatedLink[];
  coverUrl: string | null;
}

/** The bulletin page body; the body HTML was sanitised by the rich-text allow-list when saved. */
export function articleBody(ctx: PageContext, p: ArticleParts): SafeHtml {
  const { t } = ctx;
  const b = p.bulletin;
  return html`<article class="prose article">
<p><a href="/tin-tuc">${t('news.back')}</a></p>
<h1>${b.title}</h1>
${b.authorByline ? html`<p class="byline">${t('news.by')}: <span>${b.authorByline}</span></p>` : ''}
${facts(ctx, b, p.category)}
${p.coverUrl ? html`<img class="cover" src="${p.coverUrl}" alt="${b.title}" width="1200" height="675">` : ''}
<p class="lead">${b.summary}</p>
${eventFacts(ctx, b)}
<div class="body">${trusted(b.body)}</div>
${b.tags.length ? html`<h2>${t('news.tags')}</h2><ul class="chips">${b.tags.map((tag) => html`<li><a href="/tin-tuc?tag=${encodeURIComponent(tag)}">${tag}</a></li>`)}</ul>` : ''}
${linkList(t('news.relatedProducts'), p.products)}
${linkList(t('news.relatedEnterprises'), p.enterprises)}
</article>`;
}

/** schema.org NewsArticle: what search engines show as the article's headline, dates and author. */
export function newsArticleLd(base: string, siteName: string, p: ArticleParts): object {
  const b = p.bulletin;
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: b.title.slice(0, 110),
    description: b.summary,
    datePublished: b.publishedAt?.toISOString(),
    dateModified: b.updatedAt.toISOString(),
    author: b.authorByline ? { '@type': 'Person', name: b.authorByline } : { '@type': 'Organization', name: siteName },
    publisher: { '@type': 'Organization', name: siteName, url: base },
    image: p.coverUrl ? [p.coverUrl] : undefined,
    mainEntityOfPage: `${base}${bulletinUrl(b.slug)}`,
    articleSection: p.category?.name,
    keywords: b.tags.length ? b.tags.join(', ') : undefined,
  };
}

export interface BulletinListData {
  title: string;
  filters: { category: string; tag: string; q: string };
  category?: { id: string; slug: string; name: string };
  categories: Array<{ id: string; slug: string; name: string }>;
  names: Map<string, CategoryRef>;
  items: BulletinEntity[];
  total: number;
  page: number;
  pageSize: number;
}

/** /tin-tuc: text search, the category chips, the list and its pager, the RSS link. */
export function bulletinListView(ctx: PageContext, d: BulletinListData): SafeHtml {
  const { t } = ctx;
  return html`<h1>${d.title}</h1>
<form class="search-form" role="search" action="/tin-tuc" method="get">
<label class="skip" for="news-q">${t('news.search.label')}</label>
<input id="news-q" name="q" type="search" value="${d.filters.q}" placeholder="${t('news.search.label')}">
${d.category ? html`<input type="hidden" name="category" value="${d.category.slug}">` : ''}
<button type="submit">${t('news.search.submit')}</button>
</form>
<nav aria-label="${t('news.categories')}"><ul class="chips">
<li><a href="/tin-tuc"${!d.category ? html` aria-current="page"` : ''}>${t('news.all')}</a></li>
${d.categories.map((c) => html`<li><a href="/tin-tuc?category=${encodeURIComponent(c.slug)}"${d.category?.id === c.id ? html` aria-current="page"` : ''}>${c.name}</a></li>`)}
</ul></nav>
<p class="muted" role="status">${d.total} ${t('news.results')}</p>
${
  d.items.length ? html`<ul class="news-list">${d.items.map((b) => bulletinListItem(ctx, b, d.names.get(b.categoryId)))}</ul>` : html`<p>${t('news.empty')}</p>`
}
${pager(t, { page: d.page, total: d.total, pageSize: d.pageSize, href: (n) => withQuery('/tin-tuc', { ...d.filters, page: n }) })}
<p><a href="/feeds/bulletins.rss" type="application/rss+xml">${t('news.rss')}</a></p>`;
}

/** The `<link rel=alternate>` of the bulletins' RSS feed, for the head of the news pages. */
export function bulletinFeedLink(ctx: PageContext): SafeHtml {
  return html`<link rel="alternate" type="application/rss+xml" title="${ctx.t('site.name')} — ${ctx.t('news.title')}" href="/feeds/bulletins.rss">`;
}
