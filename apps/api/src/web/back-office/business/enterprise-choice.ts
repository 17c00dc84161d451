import type { EnterpriseAccess, EnterpriseEntity, EnterpriseQueries } from '@tradefloor/enterprise-profile';
import { html, type SafeHtml } from '../../html/html';
import type { Translate } from '../../i18n/messages';
import type { BackOfficeRequest } from '../back-office';

/**
 * The enterprise a list page shows: `?dn=` when given (someone else's id, or a made-up one, must
 * not fall back silently: the access check answers 403/404), else the user's first enterprise.
 * `current` is undefined when the user has none yet.
 */
export async function chooseEnterprise(
  r: BackOfficeRequest,
  access: EnterpriseAccess,
  enterprises: EnterpriseQueries,
): Promise<{ current?: EnterpriseEntity; mine: EnterpriseEntity[] }> {
  const wanted = (r.req.query as { dn?: string }).dn;
  const chosen = wanted ? await access.assertCanManage(r.user, wanted) : undefined;
  const mine = (await enterprises.mine(r.user.id)).map((m) => m.enterprise);
  return { current: chosen ?? mine[0], mine };
}

/** Links between the user's enterprises on a list page (only when there is more than one). */
export function enterpriseSwitch(t: Translate, mine: EnterpriseEntity[], current: EnterpriseEntity, base: string): SafeHtml | '' {
  if (mine.length < 2) return '';
  return html`<nav class="biz-switch" aria-label="${t('biz.prod.chooseEnterprise')}"><ul class="chips">${mine.map(
    (e) => html`<li><a href="${base}?dn=${e.id}"${e.id === current.id ? html` aria-current="page"` : ''}>${e.displayName}</a></li>`,
  )}</ul></nav>`;
}
