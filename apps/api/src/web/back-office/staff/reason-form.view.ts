import { html, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';

/** A reject/suspend form: the reason is required and its error is announced beside the field. */
export function reasonForm(
  ctx: PageContext,
  csrf: SafeHtml,
  action: string,
  idSuffix: string,
  button: string,
  problem?: { reason?: string; error?: string },
): SafeHtml {
  const id = `reason-${idSuffix}`;
  return html`<form class="reason${problem?.error ? ' has-error' : ''}" method="post" action="${action}">
${csrf}
<label for="${id}">${ctx.t('admin.reason')}</label>
<textarea id="${id}" name="reason" rows="2" required maxlength="1000"${problem?.error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}>${problem?.reason ?? ''}</textarea>
${problem?.error ? html`<p class="error" id="${id}-error">${problem.error}</p>` : ''}
<button type="submit" class="secondary">${button}</button>
</form>`;
}
