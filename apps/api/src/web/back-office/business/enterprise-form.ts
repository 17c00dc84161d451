import { htmlToText } from '@tradefloor/core';
import { ENTERPRISE_KINDS, LEGAL_FORMS, type EnterpriseEntity } from '@tradefloor/enterprise-profile';
import { field } from '../../html/forms';
import { html, trusted, type SafeHtml } from '../../html/html';
import type { MessageKey, Translate } from '../../i18n/messages';
import type { FieldErrors } from '../../session/form-validation';
import { errorSummary, one, selectField, textareaField, wholeNumber, type Form } from './business-forms';
import { textToHtml } from './plain-text';

export const HOME_PROVINCE = '86';

/**
 * Progressive help: changing the province reloads the commune list from the reference API.
 * Without JavaScript the form still works — the server answers with that province's communes.
 */
const COMMUNE_SCRIPT = trusted(`<script>
(function(){var p=document.getElementById('f-address.provinceCode'),c=document.getElementById('f-address.communeCode');if(!p||!c||!window.fetch)return;
p.addEventListener('change',function(){fetch('/api/v1/provinces/'+encodeURIComponent(p.value)+'/communes').then(function(r){return r.ok?r.json():[]}).then(function(list){
var first=c.options[0];c.innerHTML='';if(first&&first.value==='')c.appendChild(first);list.forEach(function(x){var o=document.createElement('option');o.value=x.code;o.textContent=x.name;c.appendChild(o);});});});})();
</script>`);

const NULLABLE = ['legalForm', 'taxCode', 'personalId', 'representative', 'email', 'website'] as const;
const REQUIRED = ['kind', 'legalName', 'displayName', 'phone'] as const;

/**
 * The posted form → the API's DTO shape. For an update every field is sent: an emptied optional
 * field becomes null (cleared), an emptied required one stays '' so the DTO reports it.
 */
export function enterpriseBody(form: Form, mode: 'create' | 'update'): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const k of REQUIRED) {
    const v = one(form, k)?.trim();
    if (v || mode === 'update') body[k] = v ?? '';
  }
  for (const k of NULLABLE) {
    const v = one(form, k)?.trim();
    if (v) body[k] = v;
    else if (mode === 'update') body[k] = null;
  }
  const year = wholeNumber(one(form, 'foundingYear'));
  if (year !== undefined) body.foundingYear = year;
  else if (mode === 'update') body.foundingYear = null;
  body.description = textToHtml(one(form, 'description') ?? '');
  body.address = {
    provinceCode: one(form, 'address.provinceCode') ?? '',
    communeCode: one(form, 'address.communeCode') ?? '',
    ...(one(form, 'address.street')?.trim() ? { street: one(form, 'address.street')!.trim() } : mode === 'update' ? { street: null } : {}),
  };
  return body;
}

/** An enterprise's stored values as the form shows them (for editing). */
export function enterpriseForm(e: EnterpriseEntity): Form {
  return {
    kind: e.kind,
    legalForm: e.legalForm ?? '',
    legalName: e.legalName,
    displayName: e.displayName,
    taxCode: e.taxCode ?? '',
    personalId: e.personalId ?? '',
    representative: e.representative ?? '',
    phone: e.phone ?? '',
    email: e.email ?? '',
    website: e.website ?? '',
    foundingYear: e.foundingYear ? String(e.foundingYear) : '',
    description: htmlToText(e.description),
    'address.street': e.street ?? '',
    'address.provinceCode': e.provinceCode,
    'address.communeCode': e.communeCode,
  };
}

export interface Place {
  code: string;
  name: string;
}

export function renderEnterpriseForm(
  t: Translate,
  o: { action: string; csrf: SafeHtml; form: Form; errors: FieldErrors; message?: string; provinces: Place[]; communes: Place[]; submitLabel: string },
): SafeHtml {
  const { form, errors } = o;
  const v = (k: string) => one(form, k);
  const text = (name: string, label: MessageKey, extra: { type?: string; required?: boolean; hint?: MessageKey; autocomplete?: string } = {}) =>
    field({
      name,
      label: t(label),
      value: v(name),
      error: errors[name],
      type: extra.type,
      required: extra.required,
      hint: extra.hint && t(extra.hint),
      autocomplete: extra.autocomplete,
    });
  return html`${errorSummary(t('biz.form.fix'), errors, o.message)}
<form class="stack biz-form" method="post" action="${o.action}" novalidate>
${o.csrf}
<h2>${t('biz.ent.section.who')}</h2>
${selectField({ name: 'kind', label: t('biz.ent.kind'), required: true, value: v('kind'), error: errors.kind, placeholder: t('biz.form.choose'), choices: ENTERPRISE_KINDS.map((k) => ({ value: k, label: t(`biz.ent.kind.${k}` as MessageKey) })) })}
${selectField({ name: 'legalForm', label: t('biz.ent.legalForm'), value: v('legalForm'), error: errors.legalForm, hint: t('biz.ent.legalForm.hint'), placeholder: t('biz.form.none'), choices: LEGAL_FORMS.map((k) => ({ value: k, label: t(`biz.ent.legalForm.${k}` as MessageKey) })) })}
${text('legalName', 'biz.ent.legalName', { required: true, hint: 'biz.ent.legalName.hint' })}
${text('displayName', 'biz.ent.displayName', { required: true, hint: 'biz.ent.displayName.hint' })}
${text('taxCode', 'biz.ent.taxCode', { hint: 'biz.ent.taxCode.hint' })}
${text('personalId', 'biz.ent.personalId', { hint: 'biz.ent.personalId.hint' })}
${text('representative', 'biz.ent.representative', { autocomplete: 'name' })}
${text('foundingYear', 'biz.ent.foundingYear', { type: 'number' })}
<h2>${t('biz.ent.section.contact')}</h2>
${text('phone', 'biz.ent.phone', { type: 'tel', required: true, autocomplete: 'tel' })}
${text('email', 'biz.ent.email', { type: 'email', autocomplete: 'email' })}
${text('website', 'biz.ent.website', { type: 'url' })}
<h2>${t('biz.ent.section.address')}</h2>
${selectField({ name: 'address.provinceCode', label: t('biz.ent.province'), required: true, value: v('address.provinceCode') ?? HOME_PROVINCE, error: errors['address.provinceCode'], choices: o.provinces.map((p) => ({ value: p.code, label: p.name })) })}
${selectField({ name: 'address.communeCode', label: t('biz.ent.commune'), required: true, value: v('address.communeCode'), error: errors['address.communeCode'], hint: t('biz.ent.commune.hint'), placeholder: t('biz.form.choose'), choices: o.communes.map((c) => ({ value: c.code, label: c.name })) })}
${text('address.street', 'biz.ent.street', { autocomplete: 'street-address' })}
${textareaField({ name: 'description', label: t('biz.ent.description'), value: v('description'), error: errors.description, hint: t('biz.ent.description.hint') })}
<button type="submit">${o.submitLabel}</button>
</form>
${COMMUNE_SCRIPT}`;
}
