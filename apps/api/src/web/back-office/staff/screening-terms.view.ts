import type { ScreeningTermDto } from '@tradefloor/trust-safety';
import { alert, field } from '../../html/forms';
import { html, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import type { FieldErrors } from '../../session/form-validation';

export const SCREENING_TERMS_PATH = '/quan-ly/tu-khoa-sang-loc';

export interface ScreeningTermsData {
  items: ScreeningTermDto[];
  form: Record<string, string>;
  errors: FieldErrors;
  message?: string;
  done?: string;
  csrf: () => SafeHtml;
}

/** The prohibited and restricted term lists: add a term, remove one. */
export function screeningTermsView(ctx: PageContext, d: ScreeningTermsData): SafeHtml {
  const { t } = ctx;
  const severity = d.form.severity ?? 'prohibited';
  return html`<h1>${t('admin.terms.title')}</h1>
${alert(d.done, 'success')}${alert(d.message)}
<p class="muted">${t('admin.terms.intro')}</p>
<form method="post" action="${SCREENING_TERMS_PATH}">${d.csrf()}
${field({ name: 'term', label: t('admin.terms.term'), value: d.form.term, error: d.errors.term, required: true })}
<div class="field${d.errors.severity ? ' has-error' : ''}"><label for="f-severity">${t('admin.terms.severity')}</label>
<select id="f-severity" name="severity">${(['prohibited', 'restricted'] as const).map(
    (s) =>
      html`<option value="${s}"${s === severity ? html` selected` : ''}>${t(s === 'prohibited' ? 'admin.screen.severity.prohibited' : 'admin.screen.severity.restricted')}</option>`,
  )}</select>
${d.errors.severity ? html`<p class="error">${d.errors.severity}</p>` : ''}</div>
${field({ name: 'note', label: t('admin.terms.note'), value: d.form.note, error: d.errors.note })}
<button type="submit">${t('admin.terms.add')}</button>
</form>
${
  d.items.length
    ? html`<table><thead><tr><th>${t('admin.terms.term')}</th><th>${t('admin.terms.severity')}</th><th>${t('admin.terms.note')}</th><th></th></tr></thead><tbody>
${d.items.map(
  (
    i,
  ) => html`<tr><td>${i.term}</td><td>${t(i.severity === 'prohibited' ? 'admin.screen.severity.prohibited' : 'admin.screen.severity.restricted')}</td><td>${i.note ?? ''}</td>
<td><form method="post" action="${SCREENING_TERMS_PATH}/${i.id}/xoa">${d.csrf()}<button type="submit" class="secondary">${t('admin.terms.remove')}</button></form></td></tr>`,
)}
</tbody></table>`
    : html`<p>${t('admin.empty')}</p>`
}`;
}
