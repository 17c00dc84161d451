import type { PrivacyRequestDto } from '@tradefloor/privacy';
import { alert } from '../../html/forms';
import { html, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import { scrollRegion } from '../../html/scroll-region';
import { formatDateTime } from '../../kit/format';

export const PRIVACY_QUEUE_PATH = '/quan-ly/yeu-cau-du-lieu';
const PATH = PRIVACY_QUEUE_PATH;

/** What a staff member can do next with a request, as forms (acknowledge, the one extension, conclude). */
function actions(ctx: PageContext, i: PrivacyRequestDto, csrf: () => SafeHtml): SafeHtml {
  const { t } = ctx;
  if (i.status === 'received') {
    return html`<form method="post" action="${PATH}/${i.id}/nhan">${csrf()}
<div class="check"><input type="checkbox" id="proc-${i.id}" name="processorInvolved" value="true"><label for="proc-${i.id}">${t('pv.queue.processor')}</label></div>
<button type="submit">${t('pv.queue.ack')}</button></form>`;
  }
  if (i.status !== 'acknowledged') return html`${i.resolution ?? ''}`;
  return html`${
    i.extensionReason
      ? ''
      : html`<form method="post" action="${PATH}/${i.id}/gia-han">${csrf()}
<label for="reason-${i.id}">${t('pv.queue.extendReason')}</label><textarea id="reason-${i.id}" name="reason" rows="2" maxlength="1000" required></textarea>
<button type="submit">${t('pv.queue.extend')}</button></form>`
  }
<form method="post" action="${PATH}/${i.id}/hoan-tat">${csrf()}
<label for="resolution-${i.id}">${t('pv.queue.resolution')}</label><textarea id="resolution-${i.id}" name="resolution" rows="2" maxlength="3000" required></textarea>
<div class="check"><input type="checkbox" id="rejected-${i.id}" name="rejected" value="true"><label for="rejected-${i.id}">${t('pv.queue.rejected')}</label></div>
<button type="submit">${t('pv.queue.complete')}</button></form>`;
}

/** The queue with each request's two deadlines; overdue rows highlighted. */
export function queueView(ctx: PageContext, items: PrivacyRequestDto[], csrf: () => SafeHtml, notice?: { done?: string; problem?: string }): SafeHtml {
  const { t, lang } = ctx;
  return html`<h1 id="pv-queue">${t('pv.queue.title')}</h1><p>${t('pv.queue.intro')}</p>
${alert(notice?.done, 'success')}${alert(notice?.problem)}
${scrollRegion(
  'pv-queue',
  html`<table><thead><tr><th>${t('pv.queue.code')}</th><th>${t('pv.queue.kind')}</th><th>${t('pv.queue.who')}</th><th>${t('pv.queue.ackDue')}</th><th>${t('pv.queue.due')}</th><th>${t('pv.state')}</th><th></th></tr></thead><tbody>
${items.map(
  (
    i,
  ) => html`<tr${i.overdue ? html` class="overdue"` : ''}><th scope="row">${i.code}</th><td>${i.kind}</td><td>${i.name}<br><small>${i.email}</small><br><small>${i.message}</small></td>
<td>${formatDateTime(lang, i.ackDueAt)}</td><td>${formatDateTime(lang, i.dueAt)}${i.extensionReason ? html`<br><small>${t('pv.queue.extended')}: ${i.extensionReason}</small>` : ''}</td>
<td>${i.status}${i.overdue ? html` <strong>${t('pv.queue.overdue')}</strong>` : ''}</td>
<td>${actions(ctx, i, csrf)}</td></tr>`,
)}
</tbody></table>`,
)}`;
}
