import type { TakedownDto } from '@tradefloor/trust-safety';
import { alert } from '../../../html/forms';
import { html, type SafeHtml } from '../../../html/html';
import { scrollRegion } from '../../../html/scroll-region';
import type { PageContext } from '../../../html/layout';
import { formatDateTime } from '../../../kit/format';
import { pager } from '../../../kit/pager';
import { withQuery } from '../../../kit/urls';

export const TAKEDOWNS_PATH = '/quan-ly/go-bo';
export const TAKEDOWN_FILTERS = ['open', 'overdue', 'completed', 'reinstated'] as const;
export type TakedownFilter = (typeof TAKEDOWN_FILTERS)[number];

type Subject = 'product' | 'enterprise' | 'bulletin';

export function subjectLabel(ctx: PageContext, d: TakedownDto): string {
  return ctx.t(`ts.td.subject.${d.subjectType as Subject}`);
}

export function deadlineCell(ctx: PageContext, d: TakedownDto): SafeHtml {
  return html`${formatDateTime(ctx.lang, d.deadlineAt)}${d.overdue ? html` <strong class="badge badge-bad">${ctx.t('ts.cq.overdue')}</strong>` : ''}`;
}

/** Staff list: in progress first, soonest deadline first; past-deadline rows highlighted. */
export function takedownListView(
  ctx: PageContext,
  d: { filter: TakedownFilter; items: TakedownDto[]; total: number; page: number; pageSize: number },
): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('ts.td.title')}</h1>
<nav aria-label="${t('admin.filter')}"><ul class="chips">${TAKEDOWN_FILTERS.map(
    (f) => html`<li><a href="${TAKEDOWNS_PATH}?status=${f}"${f === d.filter ? html` aria-current="page"` : ''}>${t(`ts.td.filter.${f}`)}</a></li>`,
  )}</ul></nav>
<p class="muted">${t('admin.total')}: ${d.total}</p>
${
  d.items.length
    ? html`<div class="table-wrap"><table><thead><tr><th scope="col">${t('ts.td.subject')}</th><th scope="col">${t('ts.td.requester')}</th><th scope="col">${t('ts.td.deadline')}</th><th scope="col">${t('ts.td.status')}</th></tr></thead>
<tbody>${d.items.map(
        (
          i,
        ) => html`<tr${i.overdue ? html` class="overdue"` : ''}><th scope="row"><a href="${TAKEDOWNS_PATH}/${i.id}">${subjectLabel(ctx, i)}: ${i.reason}</a></th>
<td>${i.requester} (${i.reference})</td><td>${deadlineCell(ctx, i)}</td><td>${t(`ts.td.status.${i.status as 'in_progress'}`)}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p>${t('admin.empty')}</p>`
}
${pager(t, { page: d.page, total: d.total, pageSize: d.pageSize, href: (page) => withQuery(TAKEDOWNS_PATH, { status: d.filter, page }) })}`;
}

/** What a takedown is and where it stands on each surface (shared by the staff and seller pages). */
export function takedownFacts(ctx: PageContext, d: TakedownDto): SafeHtml {
  const { t, lang } = ctx;
  return html`<dl class="facts">
<dt>${t('ts.td.subject')}</dt><dd>${subjectLabel(ctx, d)} <code>${d.subjectId}</code></dd>
<dt>${t('ts.td.requester')}</dt><dd>${d.requester}</dd>
<dt>${t('ts.td.reference')}</dt><dd>${d.reference}</dd>
<dt>${t('ts.td.legalBasis')}</dt><dd>${d.legalBasis}</dd>
<dt>${t('ts.td.reason')}</dt><dd>${d.reason}</dd>
<dt>${t('ts.td.deadline')}</dt><dd>${deadlineCell(ctx, d)}</dd>
<dt>${t('ts.td.status')}</dt><dd>${t(`ts.td.status.${d.status as 'in_progress'}`)}</dd>
${d.completionMs !== null ? html`<dt>${t('ts.td.completedIn')}</dt><dd>${Math.round(d.completionMs / 1000)} s</dd>` : ''}
${d.appealText ? html`<dt>${t('ts.td.appeal')}</dt><dd>${d.appealText}${d.appealedAt ? html` <span class="muted">(${formatDateTime(lang, d.appealedAt)})</span>` : ''}</dd>` : ''}
${d.decision ? html`<dt>${t('ts.td.decision')}</dt><dd>${t(`ts.td.decision.${d.decision as 'upheld'}`)}: ${d.decisionNote ?? ''}</dd>` : ''}
</dl>
<h2 id="td-surfaces">${t('ts.td.surfaces')}</h2>
${scrollRegion(
  'td-surfaces',
  html`<table><thead><tr><th scope="col">${t('ts.td.surface')}</th><th scope="col">${t('ts.td.confirmed')}</th></tr></thead>
<tbody>${d.surfaces.map(
    (s) =>
      html`<tr${s.confirmedAt ? '' : html` class="overdue"`}><th scope="row">${s.name}</th><td>${s.confirmedAt ? formatDateTime(lang, s.confirmedAt) : html`${t('ts.td.waiting')}${s.pending !== undefined ? ` (${s.pending})` : ''}`}</td></tr>`,
  )}</tbody></table>`,
)}`;
}

export function takedownDetailView(ctx: PageContext, d: TakedownDto, csrf: () => SafeHtml, done?: string, problem?: string): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('ts.td.title')}: ${subjectLabel(ctx, d)}</h1>
${alert(done, 'success')}${alert(problem)}
${takedownFacts(ctx, d)}
${
  d.status !== 'reinstated' && !d.decision
    ? html`<form method="post" action="${TAKEDOWNS_PATH}/${d.id}/quyet-dinh">${csrf()}<fieldset><legend>${t('ts.td.decision')}</legend>
<div class="check"><input type="radio" id="f-decision-upheld" name="decision" value="upheld" checked><label for="f-decision-upheld">${t('ts.td.decision.upheld')}</label></div>
<div class="check"><input type="radio" id="f-decision-reinstated" name="decision" value="reinstated"><label for="f-decision-reinstated">${t('ts.td.decision.reinstated')}</label></div>
<div class="field"><label for="f-note">${t('ts.td.decision.note')}</label><textarea id="f-note" name="note" rows="2" maxlength="2000" required></textarea></div>
</fieldset><button type="submit">${t('ts.td.decision.submit')}</button></form>`
    : ''
}`;
}
