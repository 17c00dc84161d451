import { html, type SafeHtml } from '../../html/html';
import type { FieldErrors } from '../../session/form-validation';

export type Form = Record<string, string | string[] | undefined>;

/** A form value as one string (a repeated field keeps its first value). */
export function one(form: Form, name: string): string | undefined {
  const v = form[name];
  return Array.isArray(v) ? v[0] : v;
}

/** A form value as a list (checkbox groups). */
export function many(form: Form, name: string): string[] {
  const v = form[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/**
 * Numbers typed by people: "120.000", "120 000 đ" → 120000. Anything that is not digits stays a
 * string so the DTO refuses it with its own message.
 */
export function wholeNumber(value: string | undefined): number | string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const digits = value.replace(/[.,\s]|đ|₫|vnd/gi, '');
  return /^\d{1,15}$/.test(digits) ? Number(digits) : value;
}

interface Choice {
  value: string;
  label: string;
}

interface SelectOptions {
  name: string;
  label: string;
  choices: Choice[];
  value?: string;
  error?: string;
  required?: boolean;
  hint?: string;
  /** A first, empty choice ("— choose —"). */
  placeholder?: string;
}

function describedBy(id: string, hint?: string, error?: string): SafeHtml | string {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids ? html` aria-describedby="${ids}"` : '';
}

function fieldEnd(id: string, error?: string): SafeHtml {
  return error ? html`<p class="error" id="${id}-error">${error}</p>` : html``;
}

function labelOf(id: string, label: string, required?: boolean, hint?: string): SafeHtml {
  return html`<label for="${id}">${label}${required ? html` <span aria-hidden="true">*</span>` : ''}</label>
${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}`;
}

export function selectField(o: SelectOptions): SafeHtml {
  const id = `f-${o.name}`;
  return html`<div class="field${o.error ? ' has-error' : ''}">
${labelOf(id, o.label, o.required, o.hint)}
<select id="${id}" name="${o.name}"${o.required ? html` required` : ''}${describedBy(id, o.hint, o.error)}${o.error ? html` aria-invalid="true"` : ''}>
${o.placeholder !== undefined ? html`<option value="">${o.placeholder}</option>` : ''}
${o.choices.map((c) => html`<option value="${c.value}"${c.value === o.value ? html` selected` : ''}>${c.label}</option>`)}
</select>
${fieldEnd(id, o.error)}
</div>`;
}

export function textareaField(o: { name: string; label: string; value?: string; error?: string; hint?: string; rows?: number }): SafeHtml {
  const id = `f-${o.name}`;
  return html`<div class="field${o.error ? ' has-error' : ''}">
${labelOf(id, o.label, false, o.hint)}
<textarea id="${id}" name="${o.name}" rows="${o.rows ?? 5}"${describedBy(id, o.hint, o.error)}${o.error ? html` aria-invalid="true"` : ''}>${o.value ?? ''}</textarea>
${fieldEnd(id, o.error)}
</div>`;
}

export function checkboxGroup(o: { name: string; legend: string; choices: Choice[]; checked: string[]; error?: string }): SafeHtml {
  return html`<fieldset class="field checks${o.error ? ' has-error' : ''}"><legend>${o.legend}</legend>
${o.choices.map(
  (c) =>
    html`<label class="check"><input type="checkbox" name="${o.name}" value="${c.value}"${o.checked.includes(c.value) ? html` checked` : ''}> ${c.label}</label>`,
)}
${o.error ? html`<p class="error">${o.error}</p>` : ''}
</fieldset>`;
}

/** Summary of every error at the top of a form, so screen-reader users hear them at once. */
export function errorSummary(title: string, errors: FieldErrors, message?: string): SafeHtml {
  const entries = Object.entries(errors);
  if (!entries.length && !message) return html``;
  return html`<div class="alert error" role="alert"><p><strong>${message ?? title}</strong></p>
${entries.length ? html`<ul>${entries.map(([name, text]) => html`<li><a href="#f-${name}">${text}</a></li>`)}</ul>` : ''}</div>`;
}
