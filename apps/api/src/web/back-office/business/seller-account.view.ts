import type { AccountStateDto } from '@tradefloor/trust-safety';
import { html, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import type { MessageKey } from '../../i18n/messages';
import { formatDateTime } from '../../kit/format';

export const sellerAccountPath = (enterpriseId: string) => `/quan-ly/doanh-nghiep/${enterpriseId}/tai-khoan`;

const STATE: Record<AccountStateDto['state'], MessageKey> = {
  active: 'biz.account.state.active',
  warned: 'biz.account.state.warned',
  suspended: 'biz.account.state.suspended',
  closed: 'biz.account.state.closed',
};

const ACTION: Record<string, MessageKey> = {
  warn: 'biz.account.action.warn',
  'schedule-suspension': 'biz.account.action.schedule-suspension',
  suspend: 'biz.account.action.suspend',
  close: 'biz.account.action.close',
  reinstate: 'biz.account.action.reinstate',
};

/** The seller's account state on the floor: warnings, a scheduled suspension and its date, the history. */
export function sellerAccountView(ctx: PageContext, enterpriseName: string, a: AccountStateDto): SafeHtml {
  const { t, lang } = ctx;
  const warn = a.state !== 'active';
  return html`<h1>${t('biz.account.title')}: ${enterpriseName}</h1>
<p class="${warn ? 'alert error' : 'alert success'}" role="${warn ? 'alert' : 'status'}"><strong>${t(STATE[a.state])}</strong>${a.reason && warn ? html` — ${a.reason}` : ''}</p>
${a.suspensionDueAt ? html`<p class="alert error" role="alert">${t('biz.account.scheduled')} <strong>${formatDateTime(lang, a.suspensionDueAt)}</strong>. ${t('biz.account.respond')}</p>` : ''}
<h2>${t('biz.account.history')}</h2>
${
  a.history.length
    ? html`<table><thead><tr><th>${t('biz.account.when')}</th><th>${t('biz.account.what')}</th><th>${t('biz.account.reason')}</th><th>${t('biz.account.effective')}</th></tr></thead><tbody>
${a.history.map((h) => html`<tr><td>${formatDateTime(lang, h.createdAt)}</td><td>${t(ACTION[h.action] ?? 'biz.account.action.warn')}</td><td>${h.reason}${h.reference ? html` (${h.reference})` : ''}</td><td>${formatDateTime(lang, h.effectiveAt)}</td></tr>`)}
</tbody></table>`
    : html`<p>${t('biz.account.none')}</p>`
}`;
}
