import { CERTIFICATION_TYPES, PRODUCT_UNITS } from '@tradefloor/catalog';
import { field } from '../../../html/forms';
import { html, type SafeHtml } from '../../../html/html';
import type { MessageKey, Translate } from '../../../i18n/messages';
import type { FieldErrors } from '../../../session/form-validation';
import { checkboxGroup, errorSummary, many, one, selectField, textareaField, type Form } from '../business-forms';
import type { Place } from '../enterprise-form';
import { certificationError, certificationsBody } from '../product-form';

/**
 * Quantities as people type them: "1200,5" (Vietnamese decimal comma), "1.200" or "1.200,5"
 * (dots grouping thousands), "1200.5". Anything else is passed on for the DTO to refuse.
 */
export function decimalNumber(value: string | undefined): number | string | undefined {
  const v = value?.replace(/\s/g, '');
  if (!v) return undefined;
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(v)) return Number(v.replace(/\./g, '').replace(',', '.'));
  if (/^\d+([.,]\d+)?$/.test(v)) return Number(v.replace(',', '.'));
  return v;
}

/** The posted batch form → CreateBatchDto's shape (blank optional fields left out). */
export function batchBody(form: Form): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const k of ['productId', 'lotCode', 'producedAt', 'unit'] as const) body[k] = one(form, k)?.trim() ?? '';
  for (const k of ['expiresAt', 'originCommuneCode', 'notes'] as const) {
    const v = one(form, k)?.trim();
    if (v) body[k] = v;
  }
  body.quantity = decimalNumber(one(form, 'quantity')) ?? '';
  body.certifications = certificationsBody(form);
  return body;
}

export function renderBatchForm(
  t: Translate,
  o: { action: string; csrf: SafeHtml; form: Form; errors: FieldErrors; message?: string; products: Array<{ id: string; name: string }>; communes: Place[] },
): SafeHtml {
  const { form, errors } = o;
  const v = (k: string) => one(form, k);
  return html`${errorSummary(t('biz.form.fix'), errors, o.message)}
<form class="stack biz-form" method="post" action="${o.action}" novalidate>
${o.csrf}
<input type="hidden" name="enterpriseId" value="${v('enterpriseId')}">
${selectField({ name: 'productId', label: t('trace.f.product'), value: v('productId'), error: errors.productId, required: true, placeholder: t('biz.form.choose'), choices: o.products.map((p) => ({ value: p.id, label: p.name })) })}
${field({ name: 'lotCode', label: t('trace.f.lotCode'), value: v('lotCode'), error: errors.lotCode, required: true, hint: t('trace.f.lotCode.hint'), autocomplete: 'off' })}
<div class="trace-row">
${field({ name: 'producedAt', label: t('trace.f.producedAt'), type: 'date', value: v('producedAt'), error: errors.producedAt, required: true })}
${field({ name: 'expiresAt', label: t('trace.f.expiresAt'), type: 'date', value: v('expiresAt'), error: errors.expiresAt })}
</div>
<div class="trace-row">
${field({ name: 'quantity', label: t('trace.f.quantity'), value: v('quantity'), error: errors.quantity, required: true, hint: t('trace.f.quantity.hint') })}
${selectField({ name: 'unit', label: t('trace.f.unit'), value: v('unit'), error: errors.unit, required: true, placeholder: t('biz.form.choose'), choices: PRODUCT_UNITS.map((u) => ({ value: u, label: u })) })}
</div>
${selectField({ name: 'originCommuneCode', label: t('trace.f.origin'), value: v('originCommuneCode'), error: errors.originCommuneCode, placeholder: t('biz.form.none'), choices: o.communes.map((c) => ({ value: c.code, label: c.name })) })}
${checkboxGroup({ name: 'certifications', legend: t('trace.f.certifications'), checked: many(form, 'certifications'), error: certificationError(errors), choices: CERTIFICATION_TYPES.map((c) => ({ value: c, label: t(`biz.prod.cert.${c}` as MessageKey) })) })}
${field({ name: 'certificationOther', label: t('trace.f.certOther'), value: v('certificationOther') })}
${textareaField({ name: 'notes', label: t('trace.f.notes'), value: v('notes'), error: errors.notes, rows: 3 })}
<button type="submit">${t('trace.f.create')}</button>
</form>`;
}
