import { PRIVACY_REQUEST_KINDS, type PrivacyRequestReceiptDto } from '@tradefloor/privacy';
import { alert, field } from '../../html/forms';
import { html, type SafeHtml } from '../../html/html';
import { layout, type PageContext } from '../../html/layout';
import { formatDate } from '../../kit/format';
import type { FieldErrors } from '../../session/form-validation';

export const PRIVACY_REQUEST_PATH = '/yeu-cau-du-lieu-ca-nhan';

export interface PrivacyRequestFormState {
  values: Record<string, string | undefined>;
  errors: FieldErrors;
  message?: string;
}

/** The public form for a data subject's request (no account needed), with a honeypot. */
export function privacyRequestFormPage(ctx: PageContext, csrf: SafeHtml, state: PrivacyRequestFormState): string {
  const { t } = ctx;
  const v = state.values;
  const kindError = state.errors.kind;
  const messageError = state.errors.message;
  const body = html`<h1>${t('pv.req.title')}</h1>
<p>${t('pv.req.intro')}</p>
${alert(state.message)}
<form class="stack" method="post" action="${PRIVACY_REQUEST_PATH}" novalidate>
${csrf}
<fieldset class="field${kindError ? ' has-error' : ''}"${kindError ? html` aria-describedby="f-kind-error"` : ''}><legend>${t('pv.req.kind')} <span aria-hidden="true">*</span></legend>
${PRIVACY_REQUEST_KINDS.map(
  (k) =>
    html`<div class="check"><input type="radio" id="f-kind-${k}" name="kind" value="${k}"${v.kind === k ? html` checked` : ''} required><label for="f-kind-${k}">${t(`pv.req.kind.${k}`)}</label></div>`,
)}
${kindError ? html`<p class="error" id="f-kind-error">${kindError}</p>` : ''}</fieldset>
${field({ name: 'name', label: t('pv.req.name'), value: v.name, error: state.errors.name, required: true, autocomplete: 'name' })}
${field({ name: 'email', label: t('pv.req.email'), type: 'email', value: v.email, error: state.errors.email, required: true, autocomplete: 'email' })}
${field({ name: 'phone', label: t('pv.req.phone'), type: 'tel', value: v.phone, error: state.errors.phone, autocomplete: 'tel' })}
<div class="field${messageError ? ' has-error' : ''}">
<label for="f-message">${t('pv.req.message')} <span aria-hidden="true">*</span></label>
<textarea id="f-message" name="message" rows="6" maxlength="3000" required${messageError ? html` aria-invalid="true" aria-describedby="f-message-error"` : ''}>${v.message ?? ''}</textarea>
${messageError ? html`<p class="error" id="f-message-error">${messageError}</p>` : ''}
</div>
<div class="inq-hp" aria-hidden="true"><label for="f-website">${t('pv.req.honeypot')}</label><input id="f-website" name="website" type="text" tabindex="-1" autocomplete="off"></div>
<button type="submit">${t('pv.req.submit')}</button>
</form>`;
  return layout(ctx, { title: t('pv.req.title'), description: t('pv.req.intro'), path: PRIVACY_REQUEST_PATH }, body);
}

export function privacyRequestReceivedPage(ctx: PageContext, receipt: PrivacyRequestReceiptDto): string {
  const { t } = ctx;
  const body = html`<h1>${t('pv.req.received')}</h1>
${alert(t('pv.req.keep'), 'success')}
<dl class="facts"><dt>${t('pv.req.code')}</dt><dd><strong><code>${receipt.code}</code></strong></dd>
<dt>${t('pv.req.ackBy')}</dt><dd>${formatDate(receipt.ackDueAt)}</dd>
<dt>${t('pv.req.dueBy')}</dt><dd>${formatDate(receipt.dueAt)}</dd></dl>`;
  return layout(ctx, { title: t('pv.req.received'), description: t('pv.req.keep'), path: PRIVACY_REQUEST_PATH }, body);
}
