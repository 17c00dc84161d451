import type { EnterpriseEntity } from '@tradefloor/enterprise-profile';
import type { TakedownDto } from '@tradefloor/trust-safety';
import { alert } from '../../../html/forms';
import { html, type SafeHtml } from '../../../html/html';
import type { PageContext } from '../../../html/layout';
import { takedownFacts } from '../../staff/trust-safety/takedown-pages.view';
import { enterpriseSwitch } from '../enterprise-choice';

export const SELLER_TAKEDOWNS_PATH = '/quan-ly/go-bo-cua-toi';

/** The seller's takedowns (its enterprise or products), each with the appeal form while it can be appealed. */
export function sellerTakedownsView(
  ctx: PageContext,
  d: {
    enterprise?: EnterpriseEntity;
    mine: EnterpriseEntity[];
    items: TakedownDto[];
    csrf: () => SafeHtml;
    done?: string;
    problem?: { id: string; message: string };
  },
): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('ts.td.mine.title')}</h1>
${d.enterprise ? enterpriseSwitch(t, d.mine, d.enterprise, SELLER_TAKEDOWNS_PATH) : ''}
${alert(d.done, 'success')}
${
  d.items.length
    ? html`<ol class="queue">${d.items.map(
        (i) => html`<li class="item"><article aria-labelledby="td-${i.id}"><h2 id="td-${i.id}">${i.reason}</h2>
${d.problem?.id === i.id ? html`<p class="alert error" role="alert">${d.problem.message}</p>` : ''}
${takedownFacts(ctx, i)}
${
  !i.appealText && !i.decision && i.status !== 'reinstated'
    ? html`<form method="post" action="${SELLER_TAKEDOWNS_PATH}/${i.id}/khieu-nai">${d.csrf()}<div class="field"><label for="appeal-${i.id}">${t('ts.td.appeal.text')}</label><textarea id="appeal-${i.id}" name="text" rows="3" maxlength="4000" required></textarea></div><button type="submit">${t('ts.td.appeal.submit')}</button></form>`
    : ''
}</article></li>`,
      )}</ol>`
    : html`<p>${t('ts.td.mine.none')}</p>`
}`;
}
