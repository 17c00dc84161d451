import type { ComplaintKindDto, ComplaintStatusDto } from '@tradefloor/trust-safety';
import { alert, field } from '../../html/forms';
import { html, type SafeHtml } from '../../html/html';
import { layout, type PageContext } from '../../html/layout';
import { formatDate, formatDateTime } from '../../kit/format';
import type { FieldErrors } from '../../session/form-validation';

export const COMPLAINT_PATH = '/khieu-nai';
export const COMPLAINT_LOOKUP_PATH = '/khieu-nai/tra-cuu';

export interface ComplaintFormState {
  values: Record<string, string | undefined>;
  errors: FieldErrors;
  message?: string;
}

/** A textarea with its error announced, like `field` does for inputs. */
function textArea(name: string, label: string, value: string | undefined, error: string | undefined, maxlength: number): SafeHtml {
  const id = `f-${name}`;
  return html`<div class="field${error ? ' has-error' : ''}">
<label for="${id}">${label} <span aria-hidden="true">*</span></label>
<textarea id="${id}" name="${name}" rows="6" maxlength="${maxlength}" required${error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}>${value ?? ''}</textarea>
${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}
</div>`;
}

/** The public complaint form: kinds with their published deadlines, a subject when linked from one, a honeypot. */
export function complaintFormPage(ctx: PageContext, kinds: ComplaintKindDto[], csrf: SafeHtml, state: ComplaintFormState): string {
  const { t } = ctx;
  const v = state.values;
  const kindError = state.errors.kind;
  const subject = v.subjectType && v.subjectId ? { type: v.subjectType, id: v.subjectId } : undefined;
  const body = html`<h1>${t('ts.cmp.title')}</h1>
<p>${t('ts.cmp.intro')}</p>
<p><a href="${COMPLAINT_LOOKUP_PATH}">${t('ts.cmp.lookup.link')}</a></p>
${alert(state.message)}
<form class="stack" method="post" action="${COMPLAINT_PATH}" novalidate>
${csrf}
${subject ? html`<input type="hidden" name="subjectType" value="${subject.type}"><input type="hidden" name="subjectId" value="${subject.id}">` : ''}
<fieldset class="field${kindError ? ' has-error' : ''}"${kindError ? html` aria-describedby="f-kind-error"` : ''}><legend>${t('ts.cmp.kind')} <span aria-hidden="true">*</span></legend>
${kinds.map(
  (k) =>
    html`<div class="check"><input type="radio" id="f-kind-${k.kind}" name="kind" value="${k.kind}"${v.kind === k.kind ? html` checked` : ''} required><label for="f-kind-${k.kind}">${k.label} — ${t('ts.cmp.answerWithin')} ${k.deadlineDays} ${t('ts.cmp.days')}</label></div>`,
)}
${kindError ? html`<p class="error" id="f-kind-error">${kindError}</p>` : ''}</fieldset>
${state.errors.subjectId || state.errors.subjectType ? html`<p class="error">${state.errors.subjectId ?? state.errors.subjectType}</p>` : ''}
${field({ name: 'name', label: t('ts.cmp.name'), value: v.name, error: state.errors.name, required: true, autocomplete: 'name' })}
${field({ name: 'email', label: t('ts.cmp.email'), type: 'email', value: v.email, error: state.errors.email, required: true, autocomplete: 'email' })}
${field({ name: 'phone', label: t('ts.cmp.phone'), type: 'tel', value: v.phone, error: state.errors.phone, autocomplete: 'tel' })}
<fieldset class="field"><legend>${t('ts.cmp.order')}</legend>
<p class="muted">${t('ts.cmp.order.hint')}</p>
${field({ name: 'orderCode', label: t('ts.cmp.orderCode'), value: v.orderCode, error: state.errors.orderCode, autocomplete: 'off' })}
${field({ name: 'orderPhone', label: t('ts.cmp.orderPhone'), type: 'tel', value: v.orderPhone, error: state.errors.orderPhone, autocomplete: 'tel' })}
</fieldset>
${textArea('message', t('ts.cmp.message'), v.message, state.errors.message, 5000)}
<div class="inq-hp" aria-hidden="true"><label for="f-website">${t('ts.cmp.honeypot')}</label><input id="f-website" name="website" type="text" tabindex="-1" autocomplete="off"></div>
<button type="submit">${t('ts.cmp.submit')}</button>
</form>`;
  return layout(ctx, { title: t('ts.cmp.title'), description: t('ts.cmp.intro'), path: COMPLAINT_PATH }, body);
}

export function complaintReceivedPage(ctx: PageContext, receipt: { code: string; dueAt: Date }): string {
  const { t } = ctx;
  const body = html`<h1>${t('ts.cmp.received.title')}</h1>
${alert(t('ts.cmp.received.keep'), 'success')}
<dl class="facts"><dt>${t('ts.cmp.received.code')}</dt><dd><strong><code>${receipt.code}</code></strong></dd>
<dt>${t('ts.cmp.dueAt')}</dt><dd>${formatDate(receipt.dueAt)}</dd></dl>
<p><a href="${COMPLAINT_LOOKUP_PATH}">${t('ts.cmp.lookup.link')}</a></p>`;
  return layout(ctx, { title: t('ts.cmp.received.title'), description: t('ts.cmp.received.keep'), path: COMPLAINT_PATH }, body);
}

/** Follow a complaint: code and email (posted, so the email stays out of addresses and logs), then its status and replies. */
export function complaintLookupPage(ctx: PageContext, csrf: SafeHtml, state: ComplaintFormState, found?: ComplaintStatusDto): string {
  const { t, lang } = ctx;
  const v = state.values;
  const body = html`<h1>${t('ts.cmp.lookup.title')}</h1>
${alert(state.message)}
<form class="stack" method="post" action="${COMPLAINT_LOOKUP_PATH}" novalidate>
${csrf}
${field({ name: 'code', label: t('ts.cmp.code'), value: v.code, error: state.errors.code, required: true, autocomplete: 'off' })}
${field({ name: 'email', label: 'Email', type: 'email', value: v.email, error: state.errors.email, required: true, autocomplete: 'email' })}
<button type="submit">${t('ts.cmp.lookup.submit')}</button>
</form>
${
  found
    ? html`<section aria-labelledby="c-found"><h2 id="c-found">${found.code}</h2>
<dl class="facts">
<dt>${t('ts.cmp.status')}</dt><dd><strong>${t(`ts.cmp.status.${found.status}`)}</strong></dd>
<dt>${t('ts.cmp.filedAt')}</dt><dd>${formatDateTime(lang, found.createdAt)}</dd>
<dt>${t('ts.cmp.dueAt')}</dt><dd>${formatDate(found.dueAt)}</dd>
${found.resolution ? html`<dt>${t('ts.cmp.resolution')}</dt><dd>${found.resolution}</dd>` : ''}
</dl>
<h3>${t('ts.cmp.replies')}</h3>
${
  found.replies.length
    ? html`<ol class="replies">${found.replies.map((r) => html`<li><p class="muted">${formatDateTime(lang, r.createdAt)}</p><p>${r.body}</p></li>`)}</ol>`
    : html`<p>${t('ts.cmp.noReplies')}</p>`
}
</section>`
    : ''
}`;
  return layout(ctx, { title: t('ts.cmp.lookup.title'), description: t('ts.cmp.lookup.title'), path: COMPLAINT_LOOKUP_PATH }, body);
}
