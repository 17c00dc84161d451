import { html, type SafeHtml } from '../html/html';
import type { PageContext } from '../html/layout';

export function contactView(ctx: PageContext): SafeHtml {
  return html`<article class="prose"><h1>${ctx.t('contact.title')}</h1>
<p>${ctx.t('footer.owner')}</p>
<p>Email: <a href="mailto:santmdt@example.vn">santmdt@example.vn</a> · ĐT: <a href="tel:02703000000">0270 3000 000</a></p>
</article>`;
}
