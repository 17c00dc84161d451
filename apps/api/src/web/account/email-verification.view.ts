import { alert } from '../html/forms';
import { html, type SafeHtml } from '../html/html';
import type { PageContext } from '../html/layout';

/** What opening a verification link led to, and the way on to the back office. */
export function emailVerificationView(ctx: PageContext, verified: boolean): SafeHtml {
  return html`<h1>${ctx.t('verify.title')}</h1>
${verified ? alert(ctx.t('verify.done'), 'success') : alert(ctx.t('verify.failed'))}
<p><a class="button" href="/quan-ly">${ctx.t('verify.toBackOffice')}</a></p>`;
}
