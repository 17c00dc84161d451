import type { EnterpriseEntity } from '@tradefloor/enterprise-profile';
import type { SellerSubOrderDto, SellerSubOrderPageDto, SubOrderStatus } from '@tradefloor/orders';
import { alert } from '../../../html/forms';
import { html, type SafeHtml } from '../../../html/html';
import type { PageContext } from '../../../html/layout';
import type { MessageKey } from '../../../i18n/messages';
import { formatDateTime, formatVnd } from '../../../kit/format';
import { pager } from '../../../kit/pager';
import { withQuery } from '../../../kit/urls';
import { enterpriseSwitch } from '../enterprise-choice';

export const SELLER_ORDERS_PATH = '/quan-ly/don-hang';
export const subOrderPath = (enterpriseId: string, code: string): string => `${SELLER_ORDERS_PATH}/${enterpriseId}/${code}`;

/** The seller's steps offered from each status (the service checks them again: 409 otherwise). */
const ACTIONS: Partial<Record<SubOrderStatus, string[]>> = {
  placed: ['confirm', 'cancel'],
  confirmed: ['pack', 'ship', 'cancel'],
  packed: ['ship', 'cancel'],
  shipped: ['deliver'],
  delivered: ['complete'],
  return_requested: ['accept-return', 'refuse-return'],
};
export const NEEDS_REASON = new Set(['cancel', 'refuse-return']);
export const SELLER_ACTIONS = new Set(['confirm', 'pack', 'ship', 'deliver', 'complete', 'cancel', 'accept-return', 'refuse-return', 'confirm-payment']);

const statusLabel = (ctx: PageContext, label: string): string => {
  // The service writes "Vietnamese (English)".
  const m = /^(.*) \((.*)\)$/.exec(label);
  return m ? (ctx.lang === 'en' ? m[2] : m[1]) : label;
};

export function sellerOrdersView(
  ctx: PageContext,
  data: { mine: EnterpriseEntity[]; current?: EnterpriseEntity; page?: SellerSubOrderPageDto; status?: string; q?: string; flash?: string },
): SafeHtml {
  const { t } = ctx;
  const { current, page } = data;
  if (!current || !page) return html`<h1>${t('ord.inbox.title')}</h1><p>${t('ord.inbox.noEnterprise')}</p>`;
  const href = (extra: Record<string, string | number | undefined>) =>
    withQuery(SELLER_ORDERS_PATH, { dn: current.id, status: data.status, q: data.q, ...extra });
  const total = page.counts.reduce((s, c) => s + c.count, 0);
  return html`<h1>${t('ord.inbox.title')} — ${current.displayName}</h1>
${enterpriseSwitch(t, data.mine, current, SELLER_ORDERS_PATH)}
${data.flash ? alert(data.flash, 'success') : ''}
<nav aria-label="${t('ord.order.status')}"><ul class="chips">
<li><a href="${href({ status: undefined, page: undefined })}"${!data.status ? html` aria-current="page"` : ''}>${t('ord.inbox.all')} (${total})</a></li>
${page.counts.map(
  (c) =>
    html`<li><a href="${href({ status: c.status, page: undefined })}"${data.status === c.status ? html` aria-current="page"` : ''}>${c.status} (${c.count})</a></li>`,
)}
</ul></nav>
<form method="get" action="${SELLER_ORDERS_PATH}" class="inline"><input type="hidden" name="dn" value="${current.id}">${data.status ? html`<input type="hidden" name="status" value="${data.status}">` : ''}
<label for="f-q">${t('ord.inbox.search')}</label> <input id="f-q" name="q" value="${data.q ?? ''}"> <button type="submit">${t('ord.inbox.find')}</button></form>
${
  page.items.length
    ? html`<table><thead><tr><th scope="col">${t('ord.order.code')}</th><th scope="col">${t('ord.order.status')}</th><th scope="col">${t('ord.inbox.buyer')}</th><th scope="col">${t('ord.order.total')}</th><th scope="col">${t('ord.inbox.placedAt')}</th></tr></thead><tbody>
${page.items.map(
  (s) =>
    html`<tr><td><a href="${subOrderPath(current.id, s.code)}">${s.code}</a></td><td>${statusLabel(ctx, s.statusLabel)}</td><td>${s.buyerName}</td><td>${formatVnd(s.totalVnd)}</td><td>${formatDateTime(ctx.lang, s.placedAt)}</td></tr>`,
)}</tbody></table>
${pager(t, { page: page.page, total: page.total, pageSize: page.pageSize, href: (p: number) => href({ page: p }) })}`
    : html`<p>${t('ord.inbox.none')}</p>`
}`;
}

export function sellerSubOrderView(
  ctx: PageContext,
  enterpriseId: string,
  s: SellerSubOrderDto,
  csrf: () => SafeHtml,
  flash?: string,
  error?: string,
): SafeHtml {
  const { t } = ctx;
  const base = subOrderPath(enterpriseId, s.code);
  const actions = [...(ACTIONS[s.status] ?? [])];
  if (s.paymentMethod === 'vietqr' && s.paymentState === 'awaiting' && !['cancelled', 'expired'].includes(s.status)) actions.push('confirm-payment');
  return html`<p><a href="${SELLER_ORDERS_PATH}?dn=${enterpriseId}">${t('ord.inbox.back')}</a></p>
<h1>${s.code}</h1>
${flash ? alert(flash, 'success') : ''}${alert(error)}
<dl class="facts">
<div><dt>${t('ord.order.status')}</dt><dd>${statusLabel(ctx, s.statusLabel)}</dd></div>
<div><dt>${t('ord.inbox.buyer')}</dt><dd>${s.buyerName} — <a href="tel:${s.buyerPhone}">${s.buyerPhone}</a>${s.buyerEmail ? html` — ${s.buyerEmail}` : ''}</dd></div>
<div><dt>${t('ord.inbox.address')}</dt><dd>${s.address.recipientName}, ${s.address.recipientPhone} — ${s.address.street} (${s.address.communeCode}/${s.address.provinceCode})</dd></div>
<div><dt>${t('ord.inbox.payment')}</dt><dd>${s.paymentMethod.toUpperCase()} — ${s.paymentState}</dd></div>
<div><dt>${t('ord.order.total')}</dt><dd>${formatVnd(s.totalVnd)}</dd></div>
${s.note ? html`<div><dt>${t('ord.checkout.note')}</dt><dd>${s.note}</dd></div>` : ''}
</dl>
<ul>${s.items.map((i) => html`<li>${i.name} (${i.sku}) × ${i.quantity} — ${formatVnd(i.lineTotalVnd)}</li>`)}</ul>
<p><a class="button secondary" href="${base}/phieu-giao-hang.pdf">${t('ord.inbox.slip')}</a></p>
${
  actions.length
    ? html`<section aria-labelledby="act-h"><h2 id="act-h">${t('ord.inbox.actions')}</h2>
${actions.map(
  (a) => html`<form method="post" action="${base}/${a}" class="inline">${csrf()}
${NEEDS_REASON.has(a) ? html`<label for="f-reason-${a}">${t('ord.inbox.reason')}</label> <input id="f-reason-${a}" name="reason" required minlength="3" maxlength="1000"> ` : ''}<button type="submit"${NEEDS_REASON.has(a) ? html` class="secondary"` : ''}>${t(`ord.action.${a}` as MessageKey)}</button></form>`,
)}</section>`
    : ''
}
<section aria-labelledby="hist-h"><h2 id="hist-h">${t('ord.inbox.history')}</h2><ol>
${s.events.map((e) => html`<li>${formatDateTime(ctx.lang, e.at)} — ${e.fromStatus ?? '∅'} → ${e.toStatus} (${e.actorRole})${e.note ? html`: ${e.note}` : ''}</li>`)}
</ol></section>`;
}
