import { html, type SafeHtml } from '../html/html';
import type { Translate } from '../i18n/messages';

export interface PagerInput {
  page: number;
  total: number;
  pageSize: number;
  /** The address of a page of the same list, keeping every other parameter (see withQuery). */
  href: (page: number) => string;
}

/**
 * The one pager of every list, public or back office: previous, up to five numbered pages around
 * the current one, next. Nothing when everything fits on one page.
 */
export function pager(t: Translate, p: PagerInput): SafeHtml {
  const totalPages = Math.max(1, Math.ceil(p.total / p.pageSize));
  if (totalPages <= 1) return html``;
  const page = Math.min(p.page, totalPages);
  const first = Math.max(1, Math.min(page - 2, totalPages - 4));
  const pages = Array.from({ length: Math.min(5, totalPages) }, (_, i) => first + i);
  return html`<nav class="pager" aria-label="${t('pager.label')}"><ul>
${page > 1 ? html`<li><a href="${p.href(page - 1)}" rel="prev">${t('pager.prev')}</a></li>` : ''}
${pages.map((n) =>
  n === page
    ? html`<li><a href="${p.href(n)}" aria-current="page" aria-label="${t('pager.page')} ${n}">${n}</a></li>`
    : html`<li><a href="${p.href(n)}" aria-label="${t('pager.page')} ${n}">${n}</a></li>`,
)}
${page < totalPages ? html`<li><a href="${p.href(page + 1)}" rel="next">${t('pager.next')}</a></li>` : ''}
</ul></nav>`;
}
