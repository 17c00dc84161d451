import { LEGAL_DOCUMENTS, type LegalDocument, type LegalVersionSummaryDto } from '@tradefloor/legal';
import { alert, field } from '../../html/forms';
import { html, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import { formatDateTime } from '../../kit/format';
import type { FieldErrors } from '../../session/form-validation';

export const LEGAL_ADMIN_PATH = '/quan-ly/van-ban-phap-ly';

export interface LegalAdminState {
  versions: Array<{ document: LegalDocument; items: LegalVersionSummaryDto[] }>;
  form: Record<string, string>;
  errors: FieldErrors;
  message?: string;
  done?: string;
  noticeDays: number;
  feeNoticeDays: number;
  csrf: () => SafeHtml;
}

/** Admins: every document's versions and the form that publishes the next one. */
export function legalAdminView(ctx: PageContext, s: LegalAdminState): SafeHtml {
  const { t } = ctx;
  const doc = (s.form.document as LegalDocument) || 'operating-rules';
  const error = (name: string) => (s.errors[name] ? html`<p class="error" id="f-${name}-error">${s.errors[name]}</p>` : '');
  return html`<h1>${t('legal.admin.title')}</h1>
${alert(s.done, 'success')}${alert(s.message)}
${s.versions.map(
  (d) => html`<h2>${t(`legal.doc.${d.document}`)}</h2>
<ol class="legal-versions">${d.items.map(
    (v) =>
      html`<li><a href="${v.url}">${t('legal.version')} ${v.number}: ${v.title}</a> — ${t(`legal.status.${v.status}`)}, ${formatDateTime(ctx.lang, v.effectiveAt)}${v.material ? html` · ${t('legal.material')}` : ''}</li>`,
  )}</ol>`,
)}
<h2 id="publish">${t('legal.admin.publish')}</h2>
<p>${t('legal.admin.noticeHint')} ${s.noticeDays} / ${s.feeNoticeDays}</p>
<form class="stack" method="post" action="${LEGAL_ADMIN_PATH}" novalidate>
${s.csrf()}
<div class="field${s.errors.document ? ' has-error' : ''}"><label for="f-document">${t('legal.admin.document')}</label>
<select id="f-document" name="document">${LEGAL_DOCUMENTS.map((d) => html`<option value="${d}"${d === doc ? html` selected` : ''}>${t(`legal.doc.${d}`)}</option>`)}</select>${error('document')}</div>
${field({ name: 'title', label: t('legal.admin.titleField'), value: s.form.title, error: s.errors.title, required: true })}
${field({ name: 'summary', label: t('legal.summary'), value: s.form.summary, error: s.errors.summary, required: true })}
<div class="field${s.errors.body ? ' has-error' : ''}"><label for="f-body">${t('legal.admin.body')}</label>
<textarea id="f-body" name="body" rows="14"${s.errors.body ? html` aria-invalid="true" aria-describedby="f-body-error"` : ''}>${s.form.body ?? ''}</textarea>${error('body')}</div>
<div class="field"><label><input type="checkbox" name="material" value="yes"${s.form.material === 'yes' ? html` checked` : ''}> ${t('legal.material')}</label></div>
${field({ name: 'effectiveAt', label: t('legal.effectiveAt'), type: 'datetime-local', value: s.form.effectiveAt, error: s.errors.effectiveAt, hint: t('legal.admin.effectiveHint') })}
<button type="submit">${t('legal.admin.submit')}</button>
</form>`;
}
