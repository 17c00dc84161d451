import type { OrderDto, OrderPageDto, SubOrderDto } from '@tradefloor/orders';
import { alert } from '../../html/forms';
import { html, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import { formatDateTime, formatVnd } from '../../kit/format';
import { pager } from '../../kit/pager';
import { withQuery } from '../../kit/urls';
import { orderSections } from '../../store/orders/order-pages.view';

export const MY_ORDERS_PATH = '/quan-ly/don-mua';

export function myOrdersView(ctx: PageContext, page: OrderPageDto): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('ord.mine.title')}</h1>
${
  page.items.length
    ? html`<table><thead><tr><th scope="col">${t('ord.order.code')}</th><th scope="col">${t('ord.inbox.placedAt')}</th><th scope="col">${t('ord.order.total')}</th><th scope="col">${t('ord.order.status')}</th></tr></thead><tbody>
${page.items.map(
  (o) =>
    html`<tr><td><a href="${MY_ORDERS_PATH}/${o.orderCode}">${o.orderCode}</a></td><td>${formatDateTime(ctx.lang, o.createdAt)}</td><td>${formatVnd(o.totalVnd)}</td><td>${o.subOrders.map((s, i) => html`${i ? ', ' : ''}${s.statusLabel}`)}</td></tr>`,
)}</tbody></table>
${pager(t, { page: page.page, total: page.total, pageSize: page.pageSize, href: (p: number) => withQuery(MY_ORDERS_PATH, { page: p }) })}`
    : html`<p>${t('ord.mine.none')}</p>`
}`;
}

/** One of my orders; each sub-order still awaiting the seller's confirmation has a cancel form. */
export function myOrderView(
  ctx: PageContext,
  order: OrderDto,
  qr: Map<string, string>,
  csrf: () => SafeHtml,
  flash?: string,
  error?: string,
  reviewHref?: (s: SubOrderDto) => string | undefined,
): SafeHtml {
  const { t } = ctx;
  const review = (s: SubOrderDto) => reviewHref?.(s);
  const cancel = (s: SubOrderDto): SafeHtml | '' =>
    review(s)
      ? html`<p><a class="button" href="${review(s)}">${t('ord.review.link')}</a></p>`
      : s.status === 'placed'
        ? html`<form method="post" action="${MY_ORDERS_PATH}/${order.orderCode}/huy" class="inline">${csrf()}<input type="hidden" name="subOrderCode" value="${s.code}">
<label for="f-reason-${s.code}">${t('ord.inbox.reason')}</label> <input id="f-reason-${s.code}" name="reason" maxlength="1000"> <button type="submit" class="secondary">${t('ord.mine.cancel')}</button></form>`
        : '';
  return html`<p><a href="${MY_ORDERS_PATH}">${t('ord.mine.title')}</a></p>
<h1>${t('ord.order.title')} ${order.orderCode}</h1>
${flash ? alert(flash, 'success') : ''}${alert(error)}
<p>${formatDateTime(ctx.lang, order.createdAt)} — ${t('ord.order.total')}: <strong>${formatVnd(order.totalVnd)}</strong></p>
${orderSections(ctx, order, qr, cancel)}`;
}
