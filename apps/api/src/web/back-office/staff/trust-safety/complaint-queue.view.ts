import type { ComplaintDto } from '@tradefloor/trust-safety';
import { alert } from '../../../html/forms';
import { html, type SafeHtml } from '../../../html/html';
import type { PageContext } from '../../../html/layout';
import { formatDateTime } from '../../../kit/format';
import { pager } from '../../../kit/pager';
import { withQuery } from '../../../kit/urls';

export const COMPLAINT_QUEUE_PATH = '/quan-ly/khieu-nai';
export const COMPLAINT_FILTERS = ['active', 'overdue', 'resolved', 'rejected'] as const;
export type ComplaintFilter = (typeof COMPLAINT_FILTERS)[number];

export interface ComplaintQueueData {
  filter: ComplaintFilter;
  mine: boolean;
  items: ComplaintDto[];
  total: number;
  page: number;
  pageSize: number;
  me: string;
  /** Kind → its published label. */
  kinds: Record<string, string>;
}

/** The queue: active first, nearest deadline first, overdue ones marked in words and colour. */
export function complaintQueueView(ctx: PageContext, d: ComplaintQueueData): SafeHtml {
  const { t, lang } = ctx;
  const href = (extra: Record<string, string | number | undefined>) =>
    withQuery(COMPLAINT_QUEUE_PATH, { status: d.filter, ...(d.mine ? { assignedTo: 'me' } : {}), ...extra });
  return html`<h1>${t('ts.cq.title')}</h1>
<nav aria-label="${t('admin.filter')}"><ul class="chips">${COMPLAINT_FILTERS.map(
    (f) =>
      html`<li><a href="${withQuery(COMPLAINT_QUEUE_PATH, { status: f, ...(d.mine ? { assignedTo: 'me' } : {}) })}"${f === d.filter ? html` aria-current="page"` : ''}>${t(`ts.cq.filter.${f}`)}</a></li>`,
  )}<li><a href="${withQuery(COMPLAINT_QUEUE_PATH, { status: d.filter, ...(d.mine ? {} : { assignedTo: 'me' }) })}"${d.mine ? html` aria-current="true"` : ''}>${t('ts.cq.filter.mine')}</a></li></ul></nav>
<p class="muted">${t('admin.total')}: ${d.total}</p>
${
  d.items.length
    ? html`<div class="table-wrap"><table><thead><tr><th scope="col">${t('ts.cq.code')}</th><th scope="col">${t('ts.cmp.kind')}</th><th scope="col">${t('ts.cmp.status')}</th><th scope="col">${t('ts.cmp.dueAt')}</th><th scope="col">${t('ts.cq.assigned')}</th></tr></thead>
<tbody>${d.items.map(
        (c) => html`<tr${c.overdue ? html` class="overdue"` : ''}><th scope="row"><a href="${COMPLAINT_QUEUE_PATH}/${c.id}">${c.code}</a></th>
<td>${d.kinds[c.kind] ?? c.kind}</td><td>${t(`ts.cmp.status.${c.status}`)}</td>
<td>${formatDateTime(lang, c.dueAt)}${c.overdue ? html` <strong class="badge badge-bad">${t('ts.cq.overdue')}</strong>` : ''}</td>
<td>${c.assignedTo ? (c.assignedTo === d.me ? t('ts.cq.assignedMe') : c.assignedTo.slice(0, 8)) : t('ts.cq.unassigned')}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p>${t('admin.empty')}</p>`
}
${pager(t, { page: d.page, total: d.total, pageSize: d.pageSize, href: (page) => href({ page }) })}`;
}

export interface ComplaintDetailData {
  c: ComplaintDto;
  isAdmin: boolean;
  kinds: Record<string, string>;
  csrf: () => SafeHtml;
  done?: string;
  problem?: string;
}

/** One complaint: what was said, the replies, and the actions the complaints service offers. */
export function complaintDetailView(ctx: PageContext, d: ComplaintDetailData): SafeHtml {
  const { t, lang } = ctx;
  const c = d.c;
  const base = `${COMPLAINT_QUEUE_PATH}/${c.id}`;
  const active = c.status === 'open' || c.status === 'in_progress' || c.status === 'escalated';
  return html`<h1>${c.code}</h1>
${alert(d.done, 'success')}${alert(d.problem)}
<dl class="facts">
<dt>${t('ts.cmp.status')}</dt><dd>${t(`ts.cmp.status.${c.status}`)}</dd>
<dt>${t('ts.cmp.kind')}</dt><dd>${d.kinds[c.kind] ?? c.kind}</dd>
<dt>${t('ts.cmp.dueAt')}</dt><dd>${formatDateTime(lang, c.dueAt)}${c.overdue ? html` <strong class="badge badge-bad">${t('ts.cq.overdue')}</strong>` : ''}</dd>
<dt>${t('ts.cmp.filedAt')}</dt><dd>${formatDateTime(lang, c.createdAt)}</dd>
<dt>${t('ts.cq.complainant')}</dt><dd>${c.name} · ${c.email}${c.phone ? ` · ${c.phone}` : ''}</dd>
${c.subjectType ? html`<dt>${t('ts.cq.subject')}</dt><dd>${c.subjectType} ${c.subjectId}</dd>` : ''}
${c.orderCode ? html`<dt>${t('ts.cmp.orderCode')}</dt><dd><code>${c.orderCode}</code></dd>` : ''}
${c.takedownId ? html`<dt>${t('ts.cq.takedown')}</dt><dd>${c.takedownId}</dd>` : ''}
${c.resolution ? html`<dt>${t('ts.cmp.resolution')}</dt><dd>${c.resolution}</dd>` : ''}
</dl>
<h2>${t('ts.cmp.message')}</h2><p>${c.message}</p>
<h2>${t('ts.cmp.replies')}</h2>
${c.replies.length ? html`<ol class="replies">${c.replies.map((r) => html`<li><p class="muted">${formatDateTime(lang, r.createdAt)}</p><p>${r.body}</p></li>`)}</ol>` : html`<p>${t('ts.cmp.noReplies')}</p>`}
${
  active
    ? html`<div class="actions">
<form method="post" action="${base}/nhan">${d.csrf()}<button type="submit" class="secondary">${t('ts.cq.assignMe')}</button></form></div>
<form method="post" action="${base}/tra-loi">${d.csrf()}<div class="field"><label for="f-reply">${t('ts.cq.reply')}</label><textarea id="f-reply" name="message" rows="3" maxlength="5000" required></textarea></div><button type="submit">${t('ts.cq.reply.submit')}</button></form>
<form method="post" action="${base}/chuyen">${d.csrf()}<div class="field"><label for="f-note">${t('ts.cq.escalate')}</label><textarea id="f-note" name="note" rows="2" maxlength="2000" required></textarea></div><button type="submit" class="secondary">${t('ts.cq.escalate.submit')}</button></form>
<form method="post" action="${base}/ket-luan">${d.csrf()}<fieldset><legend>${t('ts.cq.resolve')}</legend>
<div class="check"><input type="radio" id="f-outcome-resolved" name="outcome" value="resolved" checked><label for="f-outcome-resolved">${t('ts.cq.outcome.resolved')}</label></div>
<div class="check"><input type="radio" id="f-outcome-rejected" name="outcome" value="rejected"><label for="f-outcome-rejected">${t('ts.cq.outcome.rejected')}</label></div>
<div class="field"><label for="f-resolution">${t('ts.cmp.resolution')}</label><textarea id="f-resolution" name="resolution" rows="3" maxlength="5000" required></textarea></div>
</fieldset><button type="submit">${t('ts.cq.resolve.submit')}</button></form>
${
  d.isAdmin && c.subjectType && !c.takedownId
    ? html`<form method="post" action="${base}/go-bo">${d.csrf()}<fieldset><legend>${t('ts.cq.takedown.legend')}</legend>
<div class="field"><label for="f-legalBasis">${t('ts.cq.legalBasis')}</label><input id="f-legalBasis" name="legalBasis" maxlength="500" required></div>
<div class="field"><label for="f-reason">${t('ts.id.reason')}</label><textarea id="f-reason" name="reason" rows="2" maxlength="2000" required></textarea></div>
</fieldset><button type="submit" class="secondary">${t('ts.cq.takedown.submit')}</button></form>`
    : ''
}`
    : ''
}`;
}
