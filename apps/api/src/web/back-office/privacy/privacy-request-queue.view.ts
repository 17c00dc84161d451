import type { PrivacyRequestDto } from '@tradefloor/privacy';
import { html, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import { formatDateTime } from '../../kit/format';

export const PRIVACY_QUEUE_PATH = '/quan-ly/yeu-cau-du-lieu';
const PATH = PRIVACY_QUEUE_PATH;

/** The queue with each request's two deadlines; overdue rows highlighted. */
export function queueView(ctx: PageContext, items: PrivacyRequestDto[], csrf: () => SafeHtml): SafeHtml {
  const { t, lang } = ctx;
  return html`<h1>${t('pv.queue.title')}</h1><p>${t('pv.queue.intro')}</p>
<table><thead><tr><th>${t('pv.queue.code')}</th><th>${t('pv.queue.kind')}</th><th>${t('pv.queue.who')}</th><th>${t('pv.queue.ackDue')}</th><th>${t('pv.queue.due')}</th><th>${t('pv.state')}</th><th></th></tr></thead><tbody>
${items.map(
  (i) => html`<tr${i.overdue ? html` class="overdue"` : ''}><th scope="row">${i.code}</th><td>${i.kind}</td><td>${i.name}<br><small>${i.email}</small></td>
<td>${formatDateTime(lang, i.ackDueAt)}</td><td>${formatDateTime(lang, i.dueAt)}${i.extensionReason ? html`<br><small>${t('pv.queue.extended')}: ${i.extensionReason}</small>` : ''}</td>
<td>${i.status}${i.overdue ? html` <strong>${t('pv.queue.overdue')}</strong>` : ''}</td>
<td>${i.status === 'received' ? html`<form method="post" action="${PATH}/${i.id}/nhan">${csrf()}<button type="submit">${t('pv.queue.ack')}</button></form>` : ''}</td></tr>`,
)}
</tbody></table>`;
}
