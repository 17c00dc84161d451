import { htmlToText } from '@tradefloor/core';
import { CERTIFICATION_TYPES, PRODUCT_UNITS, type CategoryNode, type ProductDto } from '@tradefloor/catalog';
import { field } from '../../html/forms';
import { html, type SafeHtml } from '../../html/html';
import type { MessageKey, Translate } from '../../i18n/messages';
import type { FieldErrors } from '../../session/form-validation';
import { checkboxGroup, errorSummary, many, one, selectField, textareaField, wholeNumber, type Form } from './business-forms';
import type { Place } from './enterprise-form';
import { textToHtml } from './plain-text';

/** The posted product form → the API's DTO shape (numbers parsed, certifications as objects). */
export function productBody(form: Form, mode: 'create' | 'update'): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const k of ['name', 'categoryId', 'unit', 'sku', 'originCommuneCode'] as const) {
    const v = one(form, k)?.trim();
    if (v || mode === 'update') body[k] = v ?? '';
  }
  const gtin = one(form, 'gtin')?.trim();
  if (gtin) body.gtin = gtin;
  else if (mode === 'update') body.gtin = null;
  const price = wholeNumber(one(form, 'priceVnd'));
  const stock = wholeNumber(one(form, 'stockQuantity'));
  body.priceVnd = price ?? '';
  body.stockQuantity = stock ?? 0;
  body.description = textToHtml(one(form, 'description') ?? '');
  body.certifications = certificationsBody(form);
  return body;
}

/** The certification checkboxes (+ the name of an "other" one) as the API's certification list. */
export function certificationsBody(form: Form): Array<{ type: string; name?: string }> {
  const otherName = one(form, 'certificationOther')?.trim();
  return many(form, 'certifications').map((type) => (type === 'other' ? { type, name: otherName ?? '' } : { type }));
}

export function productForm(p: ProductDto): Form {
  return {
    name: p.name,
    categoryId: p.categoryId,
    priceVnd: String(p.priceVnd),
    unit: p.unit,
    stockQuantity: String(p.stockQuantity),
    sku: p.sku,
    gtin: p.gtin ?? '',
    originCommuneCode: p.originCommuneCode ?? '',
    certifications: p.certifications.map((c) => c.type),
    certificationOther: p.certifications.find((c) => c.type === 'other')?.name ?? '',
    description: htmlToText(p.description),
  };
}

/** Category tree → select options; sub-groups are indented under their group. */
function categoryChoices(nodes: CategoryNode[], depth = 0): Array<{ value: string; label: string }> {
  return nodes.flatMap((n) => [{ value: n.id, label: `${'— '.repeat(depth)}${n.name}` }, ...categoryChoices(n.children, depth + 1)]);
}

/** Certification errors arrive as certifications.0.name etc.; the form shows them on the group. */
export function certificationError(errors: FieldErrors): string | undefined {
  return Object.entries(errors).find(([k]) => k.startsWith('certifications'))?.[1];
}

export function renderProductForm(
  t: Translate,
  o: {
    action: string;
    csrf: SafeHtml;
    form: Form;
    errors: FieldErrors;
    message?: string;
    categories: CategoryNode[];
    communes: Place[];
    submitLabel: string;
    enterpriseId?: string;
  },
): SafeHtml {
  const { form, errors } = o;
  const v = (k: string) => one(form, k);
  return html`${errorSummary(t('biz.form.fix'), errors, o.message)}
<form class="stack biz-form" method="post" action="${o.action}" novalidate>
${o.csrf}
${o.enterpriseId ? html`<input type="hidden" name="enterpriseId" value="${o.enterpriseId}">` : ''}
${field({ name: 'name', label: t('biz.prod.name'), value: v('name'), error: errors.name, required: true, hint: t('biz.prod.name.hint') })}
${selectField({ name: 'categoryId', label: t('biz.prod.category'), value: v('categoryId'), error: errors.categoryId, required: true, placeholder: t('biz.form.choose'), choices: categoryChoices(o.categories) })}
${field({ name: 'priceVnd', label: t('biz.prod.price'), value: v('priceVnd'), error: errors.priceVnd, required: true, hint: t('biz.prod.price.hint'), type: 'text' })}
${selectField({ name: 'unit', label: t('biz.prod.unit'), value: v('unit'), error: errors.unit, required: true, placeholder: t('biz.form.choose'), choices: PRODUCT_UNITS.map((u) => ({ value: u, label: u })) })}
${field({ name: 'stockQuantity', label: t('biz.prod.stock'), value: v('stockQuantity'), error: errors.stockQuantity, type: 'number' })}
${field({ name: 'sku', label: t('biz.prod.sku'), value: v('sku'), error: errors.sku, required: true, hint: t('biz.prod.sku.hint') })}
${field({ name: 'gtin', label: t('biz.prod.gtin'), value: v('gtin'), error: errors.gtin, hint: t('biz.prod.gtin.hint') })}
${selectField({ name: 'originCommuneCode', label: t('biz.prod.origin'), value: v('originCommuneCode'), error: errors.originCommuneCode, required: true, placeholder: t('biz.form.choose'), choices: o.communes.map((c) => ({ value: c.code, label: c.name })) })}
${checkboxGroup({ name: 'certifications', legend: t('biz.prod.certifications'), checked: many(form, 'certifications'), error: certificationError(errors), choices: CERTIFICATION_TYPES.map((c) => ({ value: c, label: t(`biz.prod.cert.${c}` as MessageKey) })) })}
${field({ name: 'certificationOther', label: t('biz.prod.certOther'), value: v('certificationOther') })}
${textareaField({ name: 'description', label: t('biz.prod.description'), value: v('description'), error: errors.description, hint: t('biz.prod.description.hint'), rows: 6 })}
<button type="submit">${o.submitLabel}</button>
</form>`;
}
