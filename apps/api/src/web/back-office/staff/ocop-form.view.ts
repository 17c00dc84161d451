import { certificateErrors, CreateOcopCertificateDto } from '@tradefloor/catalog';
import { field } from '../../html/forms';
import { html, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import { validateForm, type FieldErrors } from '../../session/form-validation';
import { errorSummary, selectField } from '../business/business-forms';
import { inLanguage } from '../../i18n/error-text';
import type { Lang } from '../../i18n/messages';
import type { Form } from '../back-office';

/** "78,5" (Vietnamese decimal comma) or "78.5" → 78.5; anything else stays text for the DTO to refuse. */
function score(value: string | undefined): number | string | undefined {
  const text = (value ?? '').trim().replace(',', '.');
  if (!text) return undefined;
  return /^\d{1,3}(\.\d+)?$/.test(text) ? Number(text) : text;
}

/**
 * The posted form as the API's CreateOcopCertificateDto, checked with the DTO's field rules and
 * then with the catalog's certificate rules (score ↔ stars, potential 5-star, decision date), so
 * every problem is reported at once, by field.
 */
export async function certificateInput(form: Form, today: string, lang: Lang): Promise<{ value: CreateOcopCertificateDto; errors: FieldErrors }> {
  const stars = /^[345]$/.test(form.stars ?? '') ? Number(form.stars) : form.stars;
  const { value, errors } = await validateForm(
    CreateOcopCertificateDto,
    {
      stars,
      potentialFiveStar: form.potentialFiveStar === 'true',
      score: score(form.score),
      decisionNumber: form.decisionNumber,
      issuingBody: form.issuingBody,
      decisionDate: form.decisionDate,
    },
    lang,
  );
  if (!errors.stars && !errors.score && !errors.decisionDate) {
    for (const e of certificateErrors(value, today)) errors[e.field] ??= inLanguage(lang, e.message);
  }
  return { value, errors };
}

/** The add-certificate form; `form` holds what was typed, shown again with the errors. */
export function certificateForm(ctx: PageContext, action: string, csrf: SafeHtml, form: Form, errors: FieldErrors): SafeHtml {
  const { t } = ctx;
  const potentialError = errors.potentialFiveStar;
  return html`<form class="editor" method="post" action="${action}" novalidate>
${csrf}
${errorSummary(t('admin.ocop.invalid'), errors)}
<p class="hint">${t('admin.ocop.addHint')}</p>
${selectField({
  name: 'stars',
  label: t('admin.ocop.stars'),
  choices: [5, 4, 3].map((n) => ({ value: String(n), label: `${n} ${t('admin.ocop.starsN')}` })),
  value: form.stars,
  error: errors.stars,
  required: true,
  placeholder: t('admin.ocop.chooseStars'),
})}
<div class="field${potentialError ? ' has-error' : ''}">
<label class="check"><input id="f-potentialFiveStar" type="checkbox" name="potentialFiveStar" value="true"${form.potentialFiveStar === 'true' ? html` checked` : ''}${potentialError ? html` aria-invalid="true" aria-describedby="f-potentialFiveStar-error"` : ''}> ${t('admin.ocop.potential')}</label>
${potentialError ? html`<p class="error" id="f-potentialFiveStar-error">${potentialError}</p>` : ''}
</div>
${field({ name: 'score', label: t('admin.ocop.score'), value: form.score, error: errors.score, required: true, hint: t('admin.ocop.scoreHint') })}
${field({ name: 'decisionNumber', label: t('admin.ocop.decisionNumber'), value: form.decisionNumber, error: errors.decisionNumber, required: true })}
${field({ name: 'issuingBody', label: t('admin.ocop.issuingBody'), value: form.issuingBody, error: errors.issuingBody, required: true, hint: t('admin.ocop.issuingBodyHint') })}
${field({ name: 'decisionDate', label: t('admin.ocop.decisionDate'), type: 'date', value: form.decisionDate, error: errors.decisionDate, required: true })}
<button type="submit">${t('admin.ocop.save')}</button>
</form>`;
}
