import type { Principal } from '@tradefloor/identity';
import { html, type SafeHtml } from '../html/html';
import type { PageContext } from '../html/layout';
import { BACK_OFFICE_SECTIONS } from './sections';

/** Who is signed in, the tiles of their work (admins see every tile) and the sign-out button. */
export function backOfficeHomeView(ctx: PageContext, user: Principal, csrf: SafeHtml): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('bo.title')}</h1>
<p>${t('bo.hello')}, <strong>${user.displayName}</strong> (${t(`bo.role.${user.role}`)}).</p>
<ul class="tiles">${BACK_OFFICE_SECTIONS.filter((s) => user.role === 'admin' || s.roles.includes(user.role)).map(
    (s) => html`<li><a href="${s.href}">${t(s.label)}</a></li>`,
  )}</ul>
<form method="post" action="/dang-xuat">${csrf}<button type="submit">${t('auth.logout')}</button></form>`;
}
