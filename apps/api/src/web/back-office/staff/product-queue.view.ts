import type { ProductDto } from '@tradefloor/catalog';
import { alert } from '../../html/forms';
import { html, trusted, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import { formatDateTime, formatPriceRange } from '../../kit/format';
import { pager } from '../../kit/pager';
import { withQuery } from '../../kit/urls';
import { reasonForm } from './reason-form.view';

export const PRODUCT_QUEUE_PATH = '/quan-ly/duyet-san-pham';

/** A failed action, shown on the queue: a reason missing on one card, or a message for the page. */
export interface ProductQueueProblem {
  id?: string;
  reason?: string;
  error?: string;
  message?: string;
  status: number;
}

export interface ProductQueueData {
  items: ProductDto[];
  total: number;
  page: number;
  pageSize: number;
  enterprises: Map<string, { name: string; status: string }>;
  done?: string;
  problem: ProductQueueProblem;
  csrf: () => SafeHtml;
}

/** The moderation queue: pending products with a preview, approve or reject with a reason. */
export function productQueueView(ctx: PageContext, d: ProductQueueData): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('admin.prod.title')}</h1>
${alert(d.done, 'success')}${alert(d.problem.message)}
<p class="muted">${t('admin.prod.pending')}: ${d.total}</p>
${d.items.length ? html`<ol class="queue">${d.items.map((p) => productCard(ctx, p, d))}</ol>` : html`<p>${t('admin.empty')}</p>`}
${pager(t, { page: d.page, total: d.total, pageSize: d.pageSize, href: (page) => withQuery(PRODUCT_QUEUE_PATH, { page }) })}`;
}

function productCard(ctx: PageContext, p: ProductDto, d: ProductQueueData): SafeHtml {
  const { t, lang } = ctx;
  const enterprise = d.enterprises.get(p.enterpriseId);
  const mine = d.problem.id === p.id ? d.problem : undefined;
  return html`<li class="item" id="p-${p.id}"><article aria-labelledby="h-${p.id}">
<h2 id="h-${p.id}">${p.name}</h2>
${p.images.length ? html`<ul class="thumbs">${p.images.slice(0, 4).map((i) => html`<li><img src="${i.thumbnailUrl}" alt="${p.name}" width="96" height="96" loading="lazy"></li>`)}</ul>` : html`<p class="muted">${t('admin.prod.noImages')}</p>`}
<dl class="facts">
<dt>${t('admin.prod.enterprise')}</dt><dd>${enterprise?.name ?? '—'}${enterprise && enterprise.status !== 'verified' ? html` <strong class="warn">(${t('admin.prod.enterpriseNotVerified')})</strong>` : ''}</dd>
<dt>${t('admin.prod.price')}</dt><dd class="price">${formatPriceRange(p.priceVnd, p.priceMaxVnd ?? null)} / ${p.unit}</dd>
<dt>${t('admin.prod.sku')}</dt><dd>${p.sku}</dd>
<dt>${t('admin.prod.submittedAt')}</dt><dd>${formatDateTime(lang, p.submittedAt)}</dd>
${p.certifications.length ? html`<dt>${t('admin.prod.certifications')}</dt><dd>${p.certifications.map((c) => c.name ?? c.type).join(', ')}</dd>` : ''}
</dl>
<div class="preview" role="group" aria-label="${t('admin.prod.description')}"><div class="prose">${trusted(p.description)}</div></div>
<div class="actions">
<form method="post" action="${PRODUCT_QUEUE_PATH}/${p.id}/approve">${d.csrf()}<input type="hidden" name="revision" value="${String(p.revision)}"><button type="submit">${t('admin.prod.approve')}</button></form>
${reasonForm(ctx, d.csrf(), `${PRODUCT_QUEUE_PATH}/${p.id}/reject`, p.id, t('admin.prod.reject'), mine)}
</div>
</article></li>`;
}
