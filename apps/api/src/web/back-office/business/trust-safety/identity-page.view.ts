import { DOCUMENT_KINDS, type IdentityStatusDto } from '@tradefloor/trust-safety';
import type { EnterpriseEntity } from '@tradefloor/enterprise-profile';
import { alert, field } from '../../../html/forms';
import { html, type SafeHtml } from '../../../html/html';
import type { PageContext } from '../../../html/layout';
import { formatDate, formatDateTime } from '../../../kit/format';
import type { FieldErrors } from '../../../session/form-validation';
import { enterpriseSwitch } from '../enterprise-choice';

export const IDENTITY_PATH = '/quan-ly/danh-tinh';

export interface IdentityPageData {
  enterprise?: EnterpriseEntity;
  mine: EnterpriseEntity[];
  status?: IdentityStatusDto;
  csrf: () => SafeHtml;
  done?: string;
  message?: string;
  values?: Record<string, string | undefined>;
  errors?: FieldErrors;
}

/** The seller's identity page: the state, then the two ways to prove it (electronic, staff review). */
export function identityPageView(ctx: PageContext, d: IdentityPageData): SafeHtml {
  const { t } = ctx;
  if (!d.enterprise || !d.status) return html`<h1>${t('ts.id.title')}</h1><p>${t('ts.id.none')}</p>`;
  const s = d.status;
  const base = `${IDENTITY_PATH}/${d.enterprise.id}`;
  return html`<h1>${t('ts.id.title')}</h1>
${enterpriseSwitch(t, d.mine, d.enterprise, IDENTITY_PATH)}
<p>${t('ts.id.intro')}</p>
${alert(d.done, 'success')}${alert(d.message)}
${s.hidden ? html`<p class="alert error" role="alert">${t('ts.id.hidden')}</p>` : ''}
<section aria-labelledby="id-state"><h2 id="id-state">${d.enterprise.displayName}</h2>
<dl class="facts">
<dt>${t('ts.id.state')}</dt><dd><strong class="badge identity-${s.state}">${t(`ts.id.state.${s.state}`)}</strong></dd>
${s.method ? html`<dt>${t('ts.id.method')}</dt><dd>${t(`ts.id.method.${s.method}`)}</dd>` : ''}
${s.documentKind ? html`<dt>${t('ts.id.kind')}</dt><dd>${t(`ts.id.kind.${s.documentKind}`)}</dd>` : ''}
${s.verifiedAt ? html`<dt>${t('ts.id.verifiedAt')}</dt><dd>${formatDateTime(ctx.lang, s.verifiedAt)}</dd>` : ''}
${s.expiresAt ? html`<dt>${t('ts.id.expiresAt')}</dt><dd>${formatDate(s.expiresAt)}</dd>` : ''}
${s.reason && s.state === 'rejected' ? html`<dt>${t('ts.id.reason')}</dt><dd>${s.reason}</dd>` : ''}
<dt>${t('ts.id.deadline')}</dt><dd>${formatDate(s.deadline)}</dd>
</dl></section>
${s.pending ? pendingView(ctx, s, base, d.csrf) : s.state === 'verified' ? '' : proofForms(ctx, s, base, d)}`;
}

function pendingView(ctx: PageContext, s: IdentityStatusDto, base: string, csrf: () => SafeHtml): SafeHtml {
  const { t } = ctx;
  if (s.pending!.method === 'staff_review') return html`<p class="alert success" role="status">${t('ts.id.pendingStaff')}</p>`;
  return html`<p>${t('ts.id.pendingElectronic')}</p>
${s.pending!.redirectUrl ? html`<p><a class="button" href="${s.pending!.redirectUrl}">${t('ts.id.continue')}</a></p>` : ''}
<form method="post" action="${base}/kiem-tra">${csrf()}<button type="submit" class="secondary">${t('ts.id.checkNow')}</button></form>`;
}

function proofForms(ctx: PageContext, s: IdentityStatusDto, base: string, d: IdentityPageData): SafeHtml {
  const { t } = ctx;
  const v = d.values ?? {};
  const e = d.errors ?? {};
  const kindError = e.documentKind;
  return html`${
    s.electronicAvailable
      ? html`<section aria-labelledby="id-eid"><h2 id="id-eid">${t('ts.id.electronic.title')}</h2><p>${t('ts.id.electronic.intro')}</p>
<form method="post" action="${base}/dien-tu">${d.csrf()}<button type="submit">${t('ts.id.electronic.start')}</button></form></section>`
      : ''
  }
<section aria-labelledby="id-staff"><h2 id="id-staff">${t('ts.id.staff.title')}</h2><p>${t('ts.id.staff.intro')}</p>
${Object.keys(e).length ? alert(t('ts.id.invalid')) : ''}
<form method="post" action="${base}/giay-to" novalidate>${d.csrf()}
<div class="field${kindError ? ' has-error' : ''}"><label for="f-documentKind">${t('ts.id.kind')} <span aria-hidden="true">*</span></label>
<select id="f-documentKind" name="documentKind" required${kindError ? html` aria-invalid="true" aria-describedby="f-documentKind-error"` : ''}>${DOCUMENT_KINDS.map(
    (k) => html`<option value="${k}"${v.documentKind === k ? html` selected` : ''}>${t(`ts.id.kind.${k}`)}</option>`,
  )}</select>${kindError ? html`<p class="error" id="f-documentKind-error">${kindError}</p>` : ''}</div>
${field({ name: 'documentNumber', label: t('ts.id.number'), value: v.documentNumber, error: e.documentNumber, required: true, autocomplete: 'off' })}
${field({ name: 'expiresOn', label: t('ts.id.expiresOn'), type: 'date', value: v.expiresOn, error: e.expiresOn, hint: t('ts.id.expiresOn.hint') })}
${field({ name: 'holderName', label: t('ts.id.holder'), value: v.holderName, error: e.holderName, required: true, autocomplete: 'name' })}
<button type="submit">${t('ts.id.submit')}</button>
</form></section>`;
}
