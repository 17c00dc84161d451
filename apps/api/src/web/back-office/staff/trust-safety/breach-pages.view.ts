import { BREACH_STATUSES, type BreachDto, type BreachNoticesDto } from '@tradefloor/trust-safety';
import { alert, field } from '../../../html/forms';
import { html, type SafeHtml } from '../../../html/html';
import type { PageContext } from '../../../html/layout';
import { formatDateTime } from '../../../kit/format';
import type { FieldErrors } from '../../../session/form-validation';

export const BREACHES_PATH = '/quan-ly/su-co-du-lieu';

function deadline(ctx: PageContext, b: BreachDto): SafeHtml {
  return html`${formatDateTime(ctx.lang, b.notificationDeadline)}${b.overdue ? html` <strong class="badge badge-bad">${ctx.t('ts.br.overdue')}</strong>` : ''}`;
}

function textarea(name: string, label: string, value: string | undefined, error: string | undefined): SafeHtml {
  const id = `f-${name}`;
  return html`<div class="field${error ? ' has-error' : ''}"><label for="${id}">${label} <span aria-hidden="true">*</span></label>
<textarea id="${id}" name="${name}" rows="3" required maxlength="5000"${error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}>${value ?? ''}</textarea>
${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}</div>`;
}

/** The register: every incident, newest first, overdue ones highlighted; the form to record a new one. */
export function breachListView(
  ctx: PageContext,
  d: { items: BreachDto[]; form: Record<string, string>; errors: FieldErrors; done?: string; csrf: () => SafeHtml },
): SafeHtml {
  const { t, lang } = ctx;
  return html`<h1>${t('ts.br.title')}</h1>
${alert(d.done, 'success')}
<p class="muted">${t('ts.br.intro')}</p>
${
  d.items.length
    ? html`<div class="table-wrap"><table id="breaches"><thead><tr><th scope="col">${t('ts.br.detectedAt')}</th><th scope="col">${t('ts.br.description')}</th><th scope="col">${t('ts.br.deadline')}</th><th scope="col">${t('ts.br.status')}</th></tr></thead>
<tbody>${d.items.map(
        (b) => html`<tr${b.overdue ? html` class="overdue"` : ''}><td>${formatDateTime(lang, b.detectedAt)}</td>
<th scope="row"><a href="${BREACHES_PATH}/${b.id}">${b.description.slice(0, 120)}</a></th><td>${deadline(ctx, b)}</td><td>${t(`ts.br.status.${b.status}`)}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p>${t('admin.empty')}</p>`
}
<h2>${t('ts.br.new')}</h2>
<form method="post" action="${BREACHES_PATH}" id="breach-form">${d.csrf()}
${field({ name: 'detectedAt', type: 'datetime-local', label: t('ts.br.detectedAt'), value: d.form.detectedAt, error: d.errors.detectedAt, required: true })}
${textarea('description', t('ts.br.description'), d.form.description, d.errors.description)}
${field({ name: 'dataKinds', label: t('ts.br.dataKinds'), value: d.form.dataKinds, error: d.errors.dataKinds, required: true })}
${field({ name: 'affectedCount', type: 'number', min: 0, label: t('ts.br.affectedCount'), value: d.form.affectedCount, error: d.errors.affectedCount, required: true })}
${textarea('measures', t('ts.br.measures'), d.form.measures, d.errors.measures)}
<button type="submit">${t('ts.br.save')}</button>
</form>`;
}

/** One incident: its facts and clock, the forms to record progress, the notices rendered from it. */
export function breachDetailView(ctx: PageContext, b: BreachDto, notices: BreachNoticesDto, csrf: () => SafeHtml, done?: string, problem?: string): SafeHtml {
  const { t, lang } = ctx;
  return html`<h1>${t('ts.br.title')}</h1>
${alert(done, 'success')}${alert(problem)}
<dl class="facts">
<dt>${t('ts.br.detectedAt')}</dt><dd>${formatDateTime(lang, b.detectedAt)}</dd>
<dt>${t('ts.br.description')}</dt><dd>${b.description}</dd>
<dt>${t('ts.br.dataKinds')}</dt><dd>${b.dataKinds.join(', ')}</dd>
<dt>${t('ts.br.affectedCount')}</dt><dd>${b.affectedCount ?? b.affectedUserIds.length}</dd>
<dt>${t('ts.br.measures')}</dt><dd>${b.measures}</dd>
<dt>${t('ts.br.deadline')}</dt><dd id="breach-deadline">${deadline(ctx, b)}</dd>
<dt>${t('ts.br.notifiedAt')}</dt><dd>${b.notifiedAuthorityAt ? formatDateTime(lang, b.notifiedAuthorityAt) : t('ts.br.notYet')}</dd>
<dt>${t('ts.br.status')}</dt><dd>${t(`ts.br.status.${b.status}`)}</dd>
</dl>
<div class="actions">
${b.notifiedAuthorityAt ? '' : html`<form method="post" action="${BREACHES_PATH}/${b.id}/cap-nhat">${csrf()}<input type="hidden" name="notified" value="1"><button type="submit">${t('ts.br.markNotified')}</button></form>`}
<form method="post" action="${BREACHES_PATH}/${b.id}/cap-nhat">${csrf()}<label for="f-status">${t('ts.br.status')}</label>
<select id="f-status" name="status">${BREACH_STATUSES.map((s) => html`<option value="${s}"${s === b.status ? html` selected` : ''}>${t(`ts.br.status.${s}`)}</option>`)}</select>
<button type="submit" class="secondary">${t('ts.br.setStatus')}</button></form>
</div>
<h2>${t('ts.br.noticeAuthority')}</h2>
<p><strong>${notices.authority.subject}</strong></p>
<pre class="notice" id="notice-authority">${notices.authority.text}</pre>
<h2>${t('ts.br.noticeUsers')}</h2>
<p><strong>${notices.users.subject}</strong></p>
<pre class="notice" id="notice-users">${notices.users.text}</pre>`;
}
