import type { Principal } from '@tradefloor/identity';
import { alert, field } from '../../html/forms';
import { html, type SafeHtml } from '../../html/html';
import { layout, type PageContext } from '../../html/layout';
import type { FieldErrors } from '../../session/form-validation';
import { productInquiryUrl, productUrl } from '../../kit/urls';

export interface InquiryProduct {
  slug: string;
  name: string;
  unit: string;
  enterpriseName: string;
  thumbnailUrl: string | null;
  minOrderQuantity: number;
}

export interface InquiryFormState {
  values: Record<string, string | undefined>;
  errors: FieldErrors;
  message?: string;
}

function productHeader(ctx: PageContext, p: InquiryProduct): SafeHtml {
  return html`<div class="inq-product">
${p.thumbnailUrl ? html`<img src="${p.thumbnailUrl}" alt="${p.name}" width="72" height="72">` : ''}
<p><a href="${productUrl(p.slug)}"><strong>${p.name}</strong></a><br>${ctx.t('inq.seller')}: ${p.enterpriseName}</p>
</div>`;
}

/** The inquiry form: works without JavaScript; name and phone only for visitors who are not signed in. */
export function inquiryFormPage(
  ctx: PageContext,
  p: InquiryProduct,
  user: Principal | undefined,
  hidden: { csrf: SafeHtml; formToken: string },
  state: InquiryFormState,
): string {
  const { t } = ctx;
  const v = state.values;
  const messageError = state.errors.message;
  const body = html`<h1>${t('inq.title')}</h1>
${productHeader(ctx, p)}
<p>${t('inq.intro')}</p>
${alert(state.message)}
<form class="stack" method="post" action="${productInquiryUrl(p.slug)}" novalidate>
${hidden.csrf}
<input type="hidden" name="formToken" value="${hidden.formToken}">
${field({ name: 'quantity', label: `${t('inq.quantity')} (${p.unit})`, type: 'number', value: v.quantity ?? String(p.minOrderQuantity || 1), error: state.errors.quantity, required: true })}
<div class="field${messageError ? ' has-error' : ''}">
<label for="f-message">${t('inq.message')} <span aria-hidden="true">*</span></label>
<p class="hint" id="f-message-hint">${t('inq.message.hint')}</p>
<textarea id="f-message" name="message" maxlength="2000" required aria-describedby="f-message-hint${messageError ? ' f-message-error' : ''}"${messageError ? html` aria-invalid="true"` : ''}>${v.message ?? ''}</textarea>
${messageError ? html`<p class="error" id="f-message-error">${messageError}</p>` : ''}
</div>
${
  user
    ? html`<p>${t('inq.signedInAs')} <strong>${user.displayName}</strong>.</p>
${field({ name: 'buyerPhone', label: t('inq.phone'), type: 'tel', value: v.buyerPhone, error: state.errors.buyerPhone, autocomplete: 'tel' })}`
    : html`${field({ name: 'buyerName', label: t('inq.name'), value: v.buyerName, error: state.errors.buyerName, required: true, autocomplete: 'name' })}
${field({ name: 'buyerPhone', label: t('inq.phone'), type: 'tel', value: v.buyerPhone, error: state.errors.buyerPhone, required: true, autocomplete: 'tel' })}`
}
<div class="inq-hp" aria-hidden="true"><label for="f-website">${t('inq.honeypot')}</label><input id="f-website" name="website" type="text" tabindex="-1" autocomplete="off"></div>
<button type="submit">${t('inq.submit')}</button>
</form>`;
  return layout(
    ctx,
    { title: `${t('inq.title')}: ${p.name}`, description: `${t('inq.intro')} ${p.name} — ${p.enterpriseName}`, path: productInquiryUrl(p.slug) },
    body,
  );
}

export function inquiryThanksPage(ctx: PageContext, p: InquiryProduct, reference: string | undefined): string {
  const { t } = ctx;
  const body = html`<h1>${t('inq.thanks.title')}</h1>
${productHeader(ctx, p)}
${alert(t('inq.thanks.body'), 'success')}
${reference ? html`<p>${t('inq.thanks.reference')}: <code>${reference.slice(0, 8).toUpperCase()}</code></p>` : ''}
<p><a href="${productUrl(p.slug)}">${t('inq.backToProduct')}</a></p>`;
  return layout(ctx, { title: t('inq.thanks.title'), description: t('inq.thanks.body'), path: `${productInquiryUrl(p.slug)}/da-gui` }, body);
}
