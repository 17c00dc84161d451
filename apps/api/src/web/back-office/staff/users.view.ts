import type { Role, UsersService } from '@tradefloor/identity';
import { ROLES } from '@tradefloor/identity';
import { alert } from '../../html/forms';
import { html, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import { formatDateTime } from '../../kit/format';
import { pager } from '../../kit/pager';
import { withQuery } from '../../kit/urls';

export const USERS_PATH = '/quan-ly/nguoi-dung';

type UserRow = Awaited<ReturnType<UsersService['list']>>['items'][number];

export interface UsersData {
  q: string;
  role?: Role;
  items: UserRow[];
  total: number;
  page: number;
  pageSize: number;
  /** The admin looking: their own row has no forms (no one demotes or disables themselves). */
  me: string;
  done?: string;
  csrf: SafeHtml;
}

/** Users and roles: search, a role select and an enable/disable button per account. */
export function usersView(ctx: PageContext, d: UsersData): SafeHtml {
  const { t, lang } = ctx;
  const { csrf } = d;
  return html`<h1>${t('admin.users.title')}</h1>
${alert(d.done, 'success')}
<form class="search-form" role="search" method="get" action="${USERS_PATH}">
<label class="skip" for="users-q">${t('admin.users.search')}</label>
<input id="users-q" type="search" name="q" value="${d.q}" placeholder="${t('admin.users.search')}">
<label class="skip" for="users-role">${t('admin.users.role')}</label>
<select id="users-role" name="role"><option value="">${t('admin.users.allRoles')}</option>${ROLES.map((r) => html`<option value="${r}"${r === d.role ? html` selected` : ''}>${t(`bo.role.${r}`)}</option>`)}</select>
<button type="submit">${t('search.submit')}</button>
</form>
<div class="table-wrap"><table>
<caption>${t('admin.total')}: ${d.total}</caption>
<thead><tr><th scope="col">${t('auth.displayName')}</th><th scope="col">${t('auth.email')}</th><th scope="col">${t('admin.users.role')}</th><th scope="col">${t('admin.users.status')}</th><th scope="col">${t('admin.users.createdAt')}</th></tr></thead>
<tbody>${d.items.map((u) => {
    const self = u.id === d.me;
    return html`<tr><td>${u.displayName}</td><td>${u.email}</td>
<td>${
      self
        ? t(`bo.role.${u.role}`)
        : html`<form class="button-form" method="post" action="${USERS_PATH}/${u.id}/vai-tro">${csrf}
<label class="skip" for="role-${u.id}">${t('admin.users.role')} ${u.email}</label>
<select id="role-${u.id}" name="role">${ROLES.map((r) => html`<option value="${r}"${r === u.role ? html` selected` : ''}>${t(`bo.role.${r}`)}</option>`)}</select>
<button type="submit">${t('admin.users.changeRole')}</button></form>`
    }</td>
<td>${t(u.status === 'active' ? 'admin.users.active' : 'admin.users.disabled')}${
      self
        ? ''
        : html`<form class="button-form" method="post" action="${USERS_PATH}/${u.id}/trang-thai">${csrf}
<input type="hidden" name="status" value="${u.status === 'active' ? 'disabled' : 'active'}">
<button type="submit" class="${u.status === 'active' ? 'secondary' : ''}">${t(u.status === 'active' ? 'admin.users.disable' : 'admin.users.enable')}</button></form>`
    }</td>
<td>${formatDateTime(lang, u.createdAt)}</td></tr>`;
  })}</tbody></table></div>
${pager(t, { page: d.page, total: d.total, pageSize: d.pageSize, href: (p) => withQuery(USERS_PATH, { q: d.q, role: d.role, page: p }) })}`;
}
