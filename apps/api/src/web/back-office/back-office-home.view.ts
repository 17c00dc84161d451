import type { Principal } from '@tradefloor/identity';
import { RESEND_VERIFICATION_PATH } from '../account/email-verification-pages.controller';
import { alert } from '../html/forms';
import { html, type SafeHtml } from '../html/html';
import type { PageContext } from '../html/layout';
import { BACK_OFFICE_SECTIONS } from './sections';

/**
 * Who is signed in, the tiles of their work (admins see every tile) and the sign-out button; an
 * account whose email is not verified yet sees why it cannot act, and can have the mail sent again.
 */
export function backOfficeHomeView(ctx: PageContext, user: Principal, csrf: SafeHtml, done?: string, takedowns?: { open: number; overdue: number }): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('bo.title')}</h1>
<p>${t('bo.hello')}, <strong>${user.displayName}</strong> (${t(`bo.role.${user.role}`)}).</p>
${alert(done, 'success')}
${
  user.emailVerified
    ? ''
    : html`<div class="alert error" role="status" id="email-not-verified"><p>${t('verify.banner')}</p>
<form method="post" action="${RESEND_VERIFICATION_PATH}">${csrf}<button type="submit">${t('verify.resend')}</button></form></div>`
}
${
  takedowns
    ? html`<p id="takedown-counts"><a href="/quan-ly/go-bo">${t('ts.td.home')}</a>: <strong>${takedowns.open}</strong> / <strong${takedowns.overdue ? html` class="badge badge-bad"` : ''}>${takedowns.overdue}</strong></p>`
    : ''
}
<ul class="tiles">${BACK_OFFICE_SECTIONS.filter((s) => user.role === 'admin' || s.roles.includes(user.role)).map(
    (s) => html`<li><a href="${s.href}">${t(s.label)}</a></li>`,
  )}</ul>
<form method="post" action="/dang-xuat">${csrf}<button type="submit">${t('auth.logout')}</button></form>`;
}
