import { IDENTITY_CHECKS, type IdentityRequestDto } from '@tradefloor/trust-safety';
import { alert } from '../../../html/forms';
import { html, type SafeHtml } from '../../../html/html';
import type { PageContext } from '../../../html/layout';
import { formatDate, formatDateTime } from '../../../kit/format';
import { pager } from '../../../kit/pager';
import { withQuery } from '../../../kit/urls';

export const IDENTITY_REVIEW_PATH = '/quan-ly/xac-thuc-danh-tinh';
export const IDENTITY_REVIEW_TABS = ['pending', 'approved', 'rejected', 'failed'] as const;
export type IdentityReviewTab = (typeof IDENTITY_REVIEW_TABS)[number];

export interface IdentityReviewData {
  status: IdentityReviewTab;
  items: IdentityRequestDto[];
  total: number;
  page: number;
  pageSize: number;
  csrf: () => SafeHtml;
  done?: string;
  /** A refused decision: which card, and why. */
  problem?: { id: string; message: string; reason?: string };
}

/** The staff identity queue: oldest first, what to check on each card, the decision with what was checked. */
export function identityReviewView(ctx: PageContext, d: IdentityReviewData): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('ts.review.title')}</h1>
${alert(d.done, 'success')}
<nav aria-label="${t('admin.filter')}"><ul class="chips">${IDENTITY_REVIEW_TABS.map(
    (s) => html`<li><a href="${IDENTITY_REVIEW_PATH}?status=${s}"${s === d.status ? html` aria-current="page"` : ''}>${t(`ts.review.status.${s}`)}</a></li>`,
  )}</ul></nav>
<p class="muted">${t('admin.total')}: ${d.total}</p>
${d.items.length ? html`<ol class="queue">${d.items.map((i) => card(ctx, i, d))}</ol>` : html`<p>${t('admin.empty')}</p>`}
${pager(t, { page: d.page, total: d.total, pageSize: d.pageSize, href: (page) => withQuery(IDENTITY_REVIEW_PATH, { status: d.status, page }) })}`;
}

function card(ctx: PageContext, i: IdentityRequestDto, d: IdentityReviewData): SafeHtml {
  const { t, lang } = ctx;
  const problem = d.problem?.id === i.id ? d.problem : undefined;
  return html`<li class="item" id="r-${i.id}"><article aria-labelledby="h-${i.id}">
<h2 id="h-${i.id}">${i.enterpriseName ?? i.enterpriseId}</h2>
${problem ? html`<p class="alert error" role="alert">${problem.message}</p>` : ''}
${i.sameDocumentElsewhere ? html`<p class="alert error">${t('ts.review.sameDocument')} (${i.sameDocumentElsewhere})</p>` : ''}
<dl class="facts">
<dt>${t('ts.id.method')}</dt><dd>${t(`ts.id.method.${i.method}`)}</dd>
${i.documentKind ? html`<dt>${t('ts.id.kind')}</dt><dd>${t(`ts.id.kind.${i.documentKind}`)}</dd>` : ''}
${i.documentExpiresOn ? html`<dt>${t('ts.id.expiresOn')}</dt><dd>${formatDate(i.documentExpiresOn)}</dd>` : ''}
${i.holderName ? html`<dt>${t('ts.id.holder')}</dt><dd>${i.holderName}</dd>` : ''}
<dt>${t('ts.review.submittedAt')}</dt><dd>${formatDateTime(lang, i.createdAt)}</dd>
${i.decidedAt ? html`<dt>${t('ts.review.decidedAt')}</dt><dd>${formatDateTime(lang, i.decidedAt)}</dd>` : ''}
${i.checks.length ? html`<dt>${t('ts.review.checks')}</dt><dd>${i.checks.map((c) => t(`ts.review.check.${c}` as `ts.review.check.${(typeof IDENTITY_CHECKS)[number]}`)).join(', ')}</dd>` : ''}
${i.decisionReason ? html`<dt>${t('ts.id.reason')}</dt><dd>${i.decisionReason}</dd>` : ''}
</dl>
${i.status === 'pending' ? (i.method === 'staff_review' ? decisionForm(ctx, i, d.csrf, problem?.reason) : html`<p class="muted">${t('ts.review.electronicNote')}</p>`) : ''}
</article></li>`;
}

function decisionForm(ctx: PageContext, i: IdentityRequestDto, csrf: () => SafeHtml, reason = ''): SafeHtml {
  const { t } = ctx;
  return html`<form method="post" action="${IDENTITY_REVIEW_PATH}/${i.id}">${csrf()}
<fieldset><legend>${t('ts.review.checks')}</legend>${IDENTITY_CHECKS.map(
    (c) =>
      html`<div class="check"><input type="checkbox" id="c-${i.id}-${c}" name="check_${c}" value="1"><label for="c-${i.id}-${c}">${t(`ts.review.check.${c}`)}</label></div>`,
  )}</fieldset>
<div class="field"><label for="reason-${i.id}">${t('ts.review.reason')}</label>
<textarea id="reason-${i.id}" name="reason" rows="2" maxlength="2000">${reason}</textarea></div>
<div class="actions"><button type="submit" name="decision" value="approve">${t('ts.review.approve')}</button>
<button type="submit" name="decision" value="reject" class="secondary">${t('ts.review.reject')}</button></div>
</form>`;
}
