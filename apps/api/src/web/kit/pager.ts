import type { Translate } from '../i18n/messages';
import { html, type SafeHtml } from '../html/html';

/** Previous/next links for a paged list; `query(page)` rebuilds the list's query string for that page. */
export function pager(t: Translate, path: string, query: (page: number) => string, page: number, total: number, pageSize: number): SafeHtml {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return html``;
  return html`<nav class="pager" aria-label="${t('pager.label')}">
${page > 1 ? html`<a rel="prev" href="${path}${query(Math.min(page - 1, pages))}">${t('pager.prev')}</a>` : html`<span></span>`}
<span>${t('pager.page')} ${Math.min(page, pages)} / ${pages}</span>
${page < pages ? html`<a rel="next" href="${path}${query(page + 1)}">${t('pager.next')}</a>` : html`<span></span>`}
</nav>`;
}
