import { field } from '../../html/forms';
import { html, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import type { StampInput } from './stamp-input';

/** The stamp checker's form; a code that cannot exist (bad check character) is answered on the spot. */
export function stampCheckerView(ctx: PageContext, value: string, input: StampInput): SafeHtml {
  const { t } = ctx;
  const error = input.kind === 'malformed' ? t('stamp.malformed') : input.kind === 'badCheck' ? t('stamp.unknown.title') : undefined;
  return html`<h1>${t('stamp.title')}</h1>
<p>${t('stamp.description')}</p>
${
  input.kind === 'badCheck'
    ? html`<section class="verdict-unknown" role="alert"><h2>${t('stamp.unknown.title')}</h2><p>${t('stamp.unknown')}</p></section>`
    : ''
}
<form class="stack" action="/kiem-tra-tem" method="get">
${field({ name: 'serial', label: t('stamp.label'), value, error, hint: t('stamp.hint'), required: true, autocomplete: 'off' })}
<button type="submit">${t('stamp.submit')}</button>
</form>
<p class="muted">${t('stamp.howto')}</p>`;
}
