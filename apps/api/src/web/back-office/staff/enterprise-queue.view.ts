import type { EnterpriseEntity, EnterpriseStatus } from '@tradefloor/enterprise-profile';
import type { IdentityState } from '@tradefloor/trust-safety';
import { alert } from '../../html/forms';
import { html, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import { formatDateTime } from '../../kit/format';
import { pager } from '../../kit/pager';
import { withQuery } from '../../kit/urls';
import { reasonForm } from './reason-form.view';

export const ENTERPRISE_QUEUE_PATH = '/quan-ly/duyet-doanh-nghiep';
export const ENTERPRISE_TABS: EnterpriseStatus[] = ['pending_verification', 'verified', 'suspended', 'rejected'];
export type EnterpriseAction = 'verify' | 'reject' | 'suspend' | 'reinstate';

/** A failed action: a reason missing on one card, or a message for the page. */
export interface EnterpriseQueueProblem {
  id?: string;
  action?: EnterpriseAction;
  reason?: string;
  error?: string;
  message?: string;
  status: number;
}

export interface EnterpriseQueueData {
  status: EnterpriseStatus;
  cards: Array<{ enterprise: EnterpriseEntity; address: string; identity: IdentityState }>;
  total: number;
  page: number;
  pageSize: number;
  done?: string;
  problem: EnterpriseQueueProblem;
  csrf: () => SafeHtml;
}

/** The verification queue: one tab per status, the identity data to check on each card. */
export function enterpriseQueueView(ctx: PageContext, d: EnterpriseQueueData): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('admin.ent.title')}</h1>
${alert(d.done, 'success')}${alert(d.problem.message)}
<nav aria-label="${t('admin.filter')}"><ul class="chips">${ENTERPRISE_TABS.map(
    (s) => html`<li><a href="${ENTERPRISE_QUEUE_PATH}?status=${s}"${s === d.status ? html` aria-current="page"` : ''}>${t(`admin.ent.status.${s}`)}</a></li>`,
  )}</ul></nav>
<p class="muted">${t('admin.total')}: ${d.total}</p>
${d.cards.length ? html`<ol class="queue">${d.cards.map((c) => enterpriseCard(ctx, c.enterprise, c.address, c.identity, d.csrf, d.problem))}</ol>` : html`<p>${t('admin.empty')}</p>`}
${pager(t, { page: d.page, total: d.total, pageSize: d.pageSize, href: (page) => withQuery(ENTERPRISE_QUEUE_PATH, { status: d.status, page }) })}`;
}

function enterpriseCard(
  ctx: PageContext,
  e: EnterpriseEntity,
  address: string,
  identity: IdentityState,
  csrf: () => SafeHtml,
  problem: EnterpriseQueueProblem,
): SafeHtml {
  const { t, lang } = ctx;
  const mine = problem.id === e.id ? problem : undefined;
  const actions: SafeHtml[] = [];
  if (e.status === 'pending_verification') {
    actions.push(
      html`<form method="post" action="${ENTERPRISE_QUEUE_PATH}/${e.id}/verify">${csrf()}<button type="submit">${t('admin.ent.verify')}</button></form>`,
    );
    actions.push(
      reasonForm(ctx, csrf(), `${ENTERPRISE_QUEUE_PATH}/${e.id}/reject`, `${e.id}-reject`, t('admin.ent.reject'), mine?.action === 'reject' ? mine : undefined),
    );
  } else if (e.status === 'verified') {
    actions.push(
      reasonForm(
        ctx,
        csrf(),
        `${ENTERPRISE_QUEUE_PATH}/${e.id}/suspend`,
        `${e.id}-suspend`,
        t('admin.ent.suspend'),
        mine?.action === 'suspend' ? mine : undefined,
      ),
    );
  } else if (e.status === 'suspended') {
    actions.push(
      html`<form method="post" action="${ENTERPRISE_QUEUE_PATH}/${e.id}/reinstate">${csrf()}<button type="submit">${t('admin.ent.reinstate')}</button></form>`,
    );
  }
  return html`<li class="item" id="e-${e.id}"><article aria-labelledby="h-${e.id}">
<h2 id="h-${e.id}">${e.displayName}</h2>
<dl class="facts">
<dt>${t('admin.ent.legalName')}</dt><dd>${e.legalName}</dd>
<dt>${t('admin.ent.kind')}</dt><dd>${t(`admin.kind.${e.kind}`)}</dd>
<dt>${e.taxCode ? t('admin.ent.taxCode') : t('admin.ent.personalId')}</dt><dd>${e.taxCode ?? e.personalId ?? '—'}</dd>
<dt>${t('admin.ent.representative')}</dt><dd>${e.representative ?? '—'}</dd>
<dt>${t('admin.ent.address')}</dt><dd>${address || '—'}${e.legacyAddress ? html`<br><span class="muted">${t('admin.ent.legacyAddress')}: ${e.legacyAddress}</span>` : ''}</dd>
<dt>${t('admin.ent.contact')}</dt><dd>${[e.phone, e.email].filter(Boolean).join(' · ') || '—'}</dd>
<dt>${t('ts.tile.identity')}</dt><dd><a href="/quan-ly/xac-thuc-danh-tinh">${t(`ts.id.state.${identity}`)}</a></dd>
<dt>${t('ts.acc.link')}</dt><dd><a href="/quan-ly/tai-khoan-nguoi-ban/${e.id}">${t('ts.acc.link')}</a></dd>
<dt>${t('admin.ent.submittedAt')}</dt><dd>${formatDateTime(lang, e.submittedAt ?? e.createdAt)}</dd>
${e.rejectionReason ? html`<dt>${t('admin.reason')}</dt><dd>${e.rejectionReason}</dd>` : ''}
${e.suspensionReason ? html`<dt>${t('admin.reason')}</dt><dd>${e.suspensionReason}</dd>` : ''}
</dl>
<details><summary>${t('admin.ent.description')}</summary><p>${e.description}</p></details>
<div class="actions">${actions}</div>
</article></li>`;
}
