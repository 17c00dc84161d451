import type { AccountStateDto } from '@tradefloor/trust-safety';
import { alert } from '../../../html/forms';
import { html, type SafeHtml } from '../../../html/html';
import type { PageContext } from '../../../html/layout';
import { formatDateTime } from '../../../kit/format';
import type { MessageKey } from '../../../i18n/messages';

export const SELLER_ACCOUNT_PATH = '/quan-ly/tai-khoan-nguoi-ban';
export const SELLER_ACCOUNT_ACTIONS = ['warn', 'suspension', 'close', 'reinstate'] as const;
export type SellerAccountAction = (typeof SELLER_ACCOUNT_ACTIONS)[number];

export interface SellerAccountPageData {
  enterprise: { id: string; displayName: string; status: string };
  account: AccountStateDto;
  isAdmin: boolean;
  done?: string;
  /** A failed action: which form, what was typed, the field errors or a page message. */
  problem?: { action: SellerAccountAction; form: Record<string, string>; errors: Record<string, string>; message?: string };
  csrf: () => SafeHtml;
}

const SOURCES = ['staff', 'complaint', 'authority'] as const;

/** A seller's account state for staff: the state, the forms the current state allows, the history. */
export function sellerAccountView(ctx: PageContext, d: SellerAccountPageData): SafeHtml {
  const { t, lang } = ctx;
  const a = d.account;
  const base = `${SELLER_ACCOUNT_PATH}/${d.enterprise.id}`;
  const mine = (action: SellerAccountAction) => (d.problem?.action === action ? d.problem : undefined);
  const reasonField = (action: SellerAccountAction) => {
    const p = mine(action);
    const id = `${action}-reason`;
    return html`<label for="${id}">${t('ts.acc.reason')}</label>
<textarea id="${id}" name="reason" rows="2" required maxlength="2000"${p?.errors.reason ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}>${p?.form.reason ?? ''}</textarea>
${p?.errors.reason ? html`<p class="error" id="${id}-error">${p.errors.reason}</p>` : ''}`;
  };
  const form = (action: SellerAccountAction, label: MessageKey, extra: SafeHtml | string = '') =>
    html`<form class="reason${mine(action) && Object.keys(mine(action)!.errors).length ? ' has-error' : ''}" id="form-${action}" method="post" action="${base}/${action}">${d.csrf()}
${reasonField(action)}${extra}
<button type="submit"${action === 'close' ? html` class="secondary"` : ''}>${t(label)}</button></form>`;
  const forms: SafeHtml[] = [];
  if (a.state === 'active' || a.state === 'warned') forms.push(form('warn', 'ts.acc.warn'));
  if (d.isAdmin) {
    if ((a.state === 'active' || a.state === 'warned') && !a.suspensionDueAt) {
      const p = mine('suspension');
      const source = p?.form.source ?? 'staff';
      forms.push(
        form(
          'suspension',
          'ts.acc.suspend',
          html`<label for="suspension-source">${t('ts.acc.source')}</label>
<select id="suspension-source" name="source">${SOURCES.map((s) => html`<option value="${s}"${s === source ? html` selected` : ''}>${t(`ts.acc.source.${s}`)}</option>`)}</select>
${p?.errors.source ? html`<p class="error">${p.errors.source}</p>` : ''}
<label for="suspension-reference">${t('ts.acc.reference')}</label>
<input id="suspension-reference" name="reference" maxlength="100" value="${p?.form.reference ?? ''}">
${p?.errors.reference ? html`<p class="error">${p.errors.reference}</p>` : ''}`,
        ),
      );
    }
    if (a.state === 'warned' || a.state === 'suspended') forms.push(form('reinstate', 'ts.acc.reinstate'));
    if (a.state !== 'closed') forms.push(form('close', 'ts.acc.close'));
  }
  return html`<h1>${t('ts.acc.title')}: ${d.enterprise.displayName}</h1>
${alert(d.done, 'success')}${alert(d.problem?.message)}
<p class="muted">${t('ts.acc.intro')}</p>
<dl class="facts" id="account-state">
<dt>${t('ts.acc.state')}</dt><dd><strong>${t(`ts.acc.state.${a.state}`)}</strong></dd>
${a.reason ? html`<dt>${t('ts.acc.reason')}</dt><dd>${a.reason}</dd>` : ''}
${a.suspensionDueAt ? html`<dt>${t('ts.acc.dueAt')}</dt><dd id="suspension-due">${formatDateTime(lang, a.suspensionDueAt)}</dd>` : ''}
</dl>
<div class="actions">${forms}</div>
${d.isAdmin ? '' : html`<p class="muted">${t('ts.acc.adminsOnly')}</p>`}
<h2>${t('ts.acc.history')}</h2>
${
  a.history.length
    ? html`<table id="account-history"><thead><tr><th>${t('ts.acc.at')}</th><th>${t('ts.acc.action')}</th><th>${t('ts.acc.state')}</th><th>${t('ts.acc.reason')}</th><th>${t('ts.acc.source')}</th><th>${t('ts.acc.effectiveAt')}</th></tr></thead><tbody>
${[...a.history].reverse().map(
  (e) => html`<tr><td>${formatDateTime(lang, e.createdAt)}</td><td>${t(`ts.acc.action.${e.action}` as MessageKey)}</td>
<td>${t(`ts.acc.state.${e.fromState}`)} → ${t(`ts.acc.state.${e.toState}`)}</td><td>${e.reason}</td>
<td>${t(`ts.acc.source.${e.source}` as MessageKey)}${e.reference ? html` (${e.reference})` : ''}</td><td>${formatDateTime(lang, e.effectiveAt)}</td></tr>`,
)}</tbody></table>`
    : html`<p>${t('ts.acc.noHistory')}</p>`
}`;
}
