import { html, type SafeHtml } from './html';

interface FieldOptions {
  name: string;
  label: string;
  type?: string;
  value?: string;
  error?: string;
  required?: boolean;
  autocomplete?: string;
  hint?: string;
  /** Bounds of a number input (the server checks them again). */
  min?: number;
  max?: number;
}

/** A labelled input with its error announced to screen readers. */
export function field(o: FieldOptions): SafeHtml {
  const id = `f-${o.name}`;
  const described = [o.hint ? `${id}-hint` : '', o.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${o.error ? ' has-error' : ''}">
<label for="${id}">${o.label}${o.required ? html` <span aria-hidden="true">*</span>` : ''}</label>
${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
<input id="${id}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.type === 'password' ? '' : (o.value ?? '')}"${o.required ? html` required` : ''}${o.min !== undefined ? html` min="${o.min}"` : ''}${o.max !== undefined ? html` max="${o.max}"` : ''}${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${described ? html` aria-describedby="${described}"` : ''}${o.error ? html` aria-invalid="true"` : ''}>
${o.error ? html`<p class="error" id="${id}-error">${o.error}</p>` : ''}
</div>`;
}

export function alert(message: string | undefined, kind: 'error' | 'success' = 'error'): SafeHtml {
  if (!message) return html``;
  return html`<p class="alert ${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${message}</p>`;
}
