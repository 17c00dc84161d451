import type { EnterpriseEntity } from '@tradefloor/enterprise-profile';
import { NAPAS_BANKS, type PayoutAccountDto } from '@tradefloor/payments';
import { alert, field } from '../../../html/forms';
import { html, type SafeHtml } from '../../../html/html';
import type { PageContext } from '../../../html/layout';
import { formatDateTime } from '../../../kit/format';
import type { FieldErrors } from '../../../session/form-validation';
import { enterpriseSwitch } from '../enterprise-choice';

export const PAYOUT_ACCOUNT_PATH = '/quan-ly/tai-khoan-nhan-tien';

export interface PayoutAccountPageData {
  enterprise?: EnterpriseEntity;
  mine: EnterpriseEntity[];
  isOwner: boolean;
  account?: PayoutAccountDto;
  /** The sample code (10.000 ₫) as a PNG data URL. */
  previewPng?: string;
  csrf: () => SafeHtml;
  done?: string;
  message?: string;
  values?: Record<string, string | undefined>;
  errors?: FieldErrors;
}

/** The seller's payout account: what buyers' VietQR codes pay into, a sample code to test-scan, the form (owner). */
export function payoutAccountPageView(ctx: PageContext, d: PayoutAccountPageData): SafeHtml {
  const { t, lang } = ctx;
  if (!d.enterprise) return html`<h1>${t('pay.title')}</h1><p>${t('pay.none')}</p>`;
  const a = d.account;
  const base = `${PAYOUT_ACCOUNT_PATH}/${d.enterprise.id}`;
  return html`<h1>${t('pay.title')}: ${d.enterprise.displayName}</h1>
${enterpriseSwitch(t, d.mine, d.enterprise, PAYOUT_ACCOUNT_PATH)}
<p>${t('pay.intro')}</p>
${alert(d.done, 'success')}${alert(d.message)}
${
  a
    ? html`<section aria-labelledby="pay-current"><h2 id="pay-current">${a.bankShortName}</h2>
<dl class="facts">
<dt>${t('pay.bank')}</dt><dd>${a.bankShortName} — ${a.bankName} (${a.bankBin})</dd>
<dt>${t('pay.number')}</dt><dd>${a.accountNumber}</dd>
<dt>${t('pay.holder')}</dt><dd>${a.accountHolder}</dd>
<dt>${t('pay.updated')}</dt><dd>${formatDateTime(lang, new Date(a.updatedAt))}</dd>
</dl></section>
${
  d.previewPng
    ? html`<section aria-labelledby="pay-preview"><h2 id="pay-preview">${t('pay.preview')}</h2><p>${t('pay.preview.intro')}</p>
<p><img class="vietqr-preview" src="${d.previewPng}" width="264" height="264" alt="${t('pay.preview.alt')}"></p></section>`
    : ''
}`
    : html`<p class="alert" role="status">${t('pay.empty')}</p>`
}
${d.isOwner ? ownerForms(ctx, d, base) : html`<p>${t('pay.ownerOnly')}</p>`}`;
}

function ownerForms(ctx: PageContext, d: PayoutAccountPageData, base: string): SafeHtml {
  const { t } = ctx;
  const v = d.values ?? {};
  const e = d.errors ?? {};
  const bin = v.bankBin ?? d.account?.bankBin;
  const bankError = e.bankBin;
  return html`<section aria-labelledby="pay-form"><h2 id="pay-form">${d.account ? t('pay.change') : t('pay.save')}</h2>
${Object.keys(e).length ? alert(t('pay.invalid')) : ''}
<form method="post" action="${base}" novalidate>${d.csrf()}
<div class="field${bankError ? ' has-error' : ''}"><label for="f-bankBin">${t('pay.bank')} <span aria-hidden="true">*</span></label>
<select id="f-bankBin" name="bankBin" required${bankError ? html` aria-invalid="true" aria-describedby="f-bankBin-error"` : ''}>
<option value="">${t('pay.bank.choose')}</option>${NAPAS_BANKS.map(
    (b) => html`<option value="${b.bin}"${bin === b.bin ? html` selected` : ''}>${b.shortName} — ${b.name}</option>`,
  )}</select>${bankError ? html`<p class="error" id="f-bankBin-error">${bankError}</p>` : ''}</div>
${field({ name: 'accountNumber', label: t('pay.number'), value: v.accountNumber, error: e.accountNumber, required: true, autocomplete: 'off', hint: t('pay.number.hint') })}
${field({ name: 'accountHolder', label: t('pay.holder'), value: v.accountHolder ?? d.account?.accountHolder, error: e.accountHolder, required: true, autocomplete: 'off', hint: t('pay.holder.hint') })}
<button type="submit">${t('pay.save')}</button>
</form>
${d.account ? html`<form method="post" action="${base}/xoa">${d.csrf()}<button type="submit" class="secondary">${t('pay.remove')}</button></form>` : ''}
</section>`;
}
