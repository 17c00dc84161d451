import { BIZ_STEP_LABELS_VI, CBV_BIZ_STEPS, EPCIS_EVENT_TYPES, MAX_STAMPS_PER_REQUEST } from '@tradefloor/traceability';
import { field } from '../../../html/forms';
import { html, type SafeHtml } from '../../../html/html';
import { bizStepLabel } from '../../../i18n/biz-steps';
import type { Lang, MessageKey, Translate } from '../../../i18n/messages';
import type { FieldErrors } from '../../../session/form-validation';
import { errorSummary, one, selectField, textareaField, type Form } from '../business-forms';
import { batchPath } from './trace.view';

/** Which of the batch page's forms was posted and refused, to show again with its errors. */
export interface FailedForm {
  form: 'issue' | 'activate' | 'revoke' | 'event';
  values: Form;
  errors: FieldErrors;
  message?: string;
}

interface FormContext {
  t: Translate;
  lang: Lang;
  batchId: string;
  csrf: SafeHtml;
  failed?: FailedForm;
}

/** Values and errors of one form: those posted when it is the one that failed, else empty/defaults. */
function state(
  c: FormContext,
  form: FailedForm['form'],
  defaults: Form = {},
): { v: (k: string) => string | undefined; errors: FieldErrors; summary: SafeHtml } {
  const mine = c.failed?.form === form ? c.failed : undefined;
  const values = mine?.values ?? defaults;
  const errors = mine?.errors ?? {};
  return { v: (k) => one(values, k), errors, summary: mine ? errorSummary(c.t('biz.form.fix'), errors, mine.message) : html`` };
}

export function issueForm(c: FormContext): SafeHtml {
  const { t } = c;
  const { v, errors, summary } = state(c, 'issue');
  return html`<section class="trace-section" aria-labelledby="issue-h"><h3 id="issue-h">${t('trace.issue.title')}</h3>${summary}
<form class="stack" method="post" action="${batchPath(c.batchId)}/phat-hanh" novalidate>${c.csrf}
${field({ name: 'count', label: t('trace.issue.count'), type: 'number', min: 1, max: MAX_STAMPS_PER_REQUEST, value: v('count'), error: errors.count, required: true, hint: t('trace.issue.hint'), autocomplete: 'off' })}
<button type="submit">${t('trace.issue.submit')}</button>
</form></section>`;
}

function seqFields(t: Translate, prefix: string, v: (k: string) => string | undefined, errors: FieldErrors): SafeHtml {
  return html`<div class="trace-row">
${field({ name: `${prefix}.fromSeq`, label: t('trace.fromSeq'), type: 'number', min: 1, value: v(`${prefix}.fromSeq`), error: errors[`${prefix}.fromSeq`] })}
${field({ name: `${prefix}.toSeq`, label: t('trace.toSeq'), type: 'number', min: 1, value: v(`${prefix}.toSeq`), error: errors[`${prefix}.toSeq`] })}
</div>`;
}

export function activateForm(c: FormContext): SafeHtml {
  const { t } = c;
  const { v, errors, summary } = state(c, 'activate');
  return html`<section class="trace-section" aria-labelledby="activate-h"><h3 id="activate-h">${t('trace.activate.title')}</h3>
<p class="muted">${t('trace.activate.hint')}</p>${summary}
<form class="stack" method="post" action="${batchPath(c.batchId)}/kich-hoat" novalidate>${c.csrf}
${seqFields(t, 'activate', v, errors)}
<button type="submit">${t('trace.activate.submit')}</button>
</form></section>`;
}

export function revokeForm(c: FormContext): SafeHtml {
  const { t } = c;
  const { v, errors, summary } = state(c, 'revoke');
  return html`<section class="trace-section" aria-labelledby="revoke-h"><h3 id="revoke-h">${t('trace.revoke.title')}</h3>
<p class="muted">${t('trace.revoke.hint')}</p>${summary}
<form class="stack" method="post" action="${batchPath(c.batchId)}/thu-hoi" novalidate>${c.csrf}
${field({ name: 'revoke.serial', label: t('trace.revoke.serial'), value: v('revoke.serial'), error: errors['revoke.serial'], autocomplete: 'off' })}
${seqFields(t, 'revoke', v, errors)}
${field({ name: 'revoke.reason', label: t('trace.revoke.reason'), value: v('revoke.reason'), error: errors['revoke.reason'], required: true })}
<button type="submit" class="secondary">${t('trace.revoke.submit')}</button>
</form></section>`;
}

/** CBV steps with a Vietnamese label first (the common ones), then the rest of the standard list. */
function stepChoices(lang: Lang): Array<{ value: string; label: string }> {
  const labelled = CBV_BIZ_STEPS.filter((s) => BIZ_STEP_LABELS_VI[s]);
  const others = CBV_BIZ_STEPS.filter((s) => !BIZ_STEP_LABELS_VI[s]);
  return [...labelled, ...others].map((s) => ({ value: s, label: bizStepLabel(lang, s) }));
}

export function eventForm(c: FormContext, nowLocal: string): SafeHtml {
  const { t } = c;
  const { v, errors, summary } = state(c, 'event', { type: 'ObjectEvent', bizStep: 'commissioning', eventTime: nowLocal });
  return html`<section class="trace-section" aria-labelledby="event-h"><h3 id="event-h">${t('trace.event.add')}</h3>${summary}
<form class="stack" method="post" action="${batchPath(c.batchId)}/su-kien" novalidate>${c.csrf}
${selectField({ name: 'type', label: t('trace.event.type'), value: v('type'), error: errors.type, required: true, choices: EPCIS_EVENT_TYPES.map((e) => ({ value: e, label: t(`trace.event.type.${e}` as MessageKey) })) })}
${selectField({ name: 'bizStep', label: t('trace.event.step'), value: v('bizStep'), error: errors.bizStep, required: true, choices: stepChoices(c.lang) })}
${field({ name: 'eventTime', label: t('trace.event.time'), type: 'datetime-local', value: v('eventTime'), error: errors.eventTime, required: true, hint: t('trace.event.time.hint') })}
${field({ name: 'place', label: t('trace.event.place'), value: v('place'), error: errors.place })}
${field({ name: 'actor', label: t('trace.event.actor'), value: v('actor'), error: errors.actor })}
${textareaField({ name: 'note', label: t('trace.event.note'), value: v('note'), error: errors.note, rows: 2 })}
<button type="submit">${t('trace.event.add')}</button>
</form></section>`;
}
