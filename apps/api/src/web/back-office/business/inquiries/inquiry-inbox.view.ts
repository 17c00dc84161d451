import { INQUIRY_STATUSES, type InquiryDto, type InquiryPageDto, type InquiryStatus } from '@tradefloor/inquiries';
import { alert } from '../../../html/forms';
import { html, type SafeHtml } from '../../../html/html';
import type { PageContext } from '../../../html/layout';
import { formatDateTime } from '../../../kit/format';
import { pager } from '../../../kit/pager';
import { productUrl, withQuery } from '../../../kit/urls';

export const INBOX_PATH = '/quan-ly/hoi-mua';

const ACTIONS: InquiryStatus[] = ['read', 'answered', 'closed', 'spam'];

/** tel: and Zalo links (zalo.me/<phone>) so a seller on a phone answers with one tap. */
function contact(ctx: PageContext, i: InquiryDto): SafeHtml {
  const { t } = ctx;
  return html`<p class="inq-contact">${
    i.buyerPhone
      ? html`<a href="tel:${i.buyerPhone}">${t('inq.inbox.call')} ${i.buyerPhone}</a> <a href="https://zalo.me/${i.buyerPhone}" rel="noopener noreferrer">${t('inq.inbox.zalo')}</a>`
      : ''
  }${i.buyerEmail ? html` <a href="mailto:${i.buyerEmail}">${i.buyerEmail}</a>` : ''}</p>`;
}

function card(ctx: PageContext, i: InquiryDto, csrf: SafeHtml): SafeHtml {
  const { t } = ctx;
  return html`<li class="inq-card"><article aria-labelledby="inq-${i.id}">
<h2 id="inq-${i.id}"><a href="${productUrl(i.productSlug)}">${i.productName}</a></h2>
<p><span class="inq-badge ${i.status}">${t(`inq.status.${i.status}`)}</span> · ${i.enterpriseName} · ${t('inq.inbox.received')} <time datetime="${new Date(i.createdAt).toISOString()}">${formatDateTime(ctx.lang, new Date(i.createdAt))}</time></p>
<p><strong>${i.buyerName}</strong> — ${t('inq.quantity')}: ${i.quantity} ${i.productUnit}</p>
<p class="inq-msg">${i.message}</p>
${contact(ctx, i)}
<form class="inq-actions" method="post" action="/quan-ly/hoi-mua/${i.id}/trang-thai">${csrf}
<span>${t('inq.inbox.mark')}:</span>
${ACTIONS.filter((s) => s !== i.status).map((s) => html`<button type="submit" name="status" value="${s}">${t(`inq.status.${s}`)}</button>`)}
</form>
</article></li>`;
}

/** The seller's inbox: a status filter, one card per inquiry with its status form, the pager. */
export function inquiryInboxView(ctx: PageContext, page: InquiryPageDto, status: InquiryStatus | undefined, csrf: SafeHtml, notice?: string): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('inq.inbox.title')}</h1>
${alert(notice, 'success')}
<form class="search-form" method="get" action="/quan-ly/hoi-mua">
<label for="f-status">${t('inq.inbox.filter')}</label>
<select id="f-status" name="status"><option value="">${t('inq.inbox.all')}</option>${INQUIRY_STATUSES.map(
    (s) => html`<option value="${s}"${s === status ? html` selected` : ''}>${t(`inq.status.${s}`)}</option>`,
  )}</select>
<button type="submit">${t('inq.inbox.show')}</button>
</form>
${page.items.length ? html`<ul class="inq-list">${page.items.map((i) => card(ctx, i, csrf))}</ul>` : html`<p>${t('inq.inbox.empty')}</p>`}
${pager(t, { page: page.page, total: page.total, pageSize: page.pageSize, href: (n) => withQuery(INBOX_PATH, { status, page: n }) })}`;
}
