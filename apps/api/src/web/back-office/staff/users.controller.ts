import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, DomainError, type ResolvedConfig, isUuid } from '@tradefloor/core';
import { ROLES, UsersService, type Role } from '@tradefloor/identity';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { alert } from '../../html/forms';
import { html } from '../../html/html';
import type { MessageKey } from '../../i18n/messages';
import { csrfField } from '../../session/csrf';
import { WebSession } from '../../session/web-session.service';
import { formatDateTime } from './format';
import { doneMessage, pager, queryPage, queryText, redirectDone, sendStaffPage, staffError, staffOnly, staffPost, type Form } from './staff-page';

const PATH = '/quan-ly/nguoi-dung';
const PAGE_SIZE = 25;
const DONE: Record<string, MessageKey> = { role: 'admin.users.done.role', active: 'admin.users.done.active', disabled: 'admin.users.done.disabled' };

/** Users and roles (admins): search, change a role, disable or enable an account (never one's own). */
@ApiExcludeController()
@Controller('quan-ly/nguoi-dung')
export class UsersController {
  constructor(
    private readonly session: WebSession,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const staff = await staffOnly(this.session, this.config, req, reply, ['admin']);
    if (!staff) return;
    const { ctx, user: me } = staff;
    const { t, lang } = ctx;
    const q = queryText(req, 'q');
    const role = ROLES.find((r) => r === queryText(req, 'role'));
    const pageNo = queryPage(req);
    const list = await this.users.list({ page: pageNo, pageSize: PAGE_SIZE, role, q: q || undefined });
    const csrf = csrfField(req, reply, this.config.publicBaseUrl.startsWith('https://'));
    const body = html`<h1>${t('admin.users.title')}</h1>
${alert(doneMessage(ctx, req, DONE), 'success')}
<form class="search-form" role="search" method="get" action="${PATH}">
<label class="skip" for="users-q">${t('admin.users.search')}</label>
<input id="users-q" type="search" name="q" value="${q}" placeholder="${t('admin.users.search')}">
<label class="skip" for="users-role">${t('admin.users.role')}</label>
<select id="users-role" name="role"><option value="">${t('admin.users.allRoles')}</option>${ROLES.map((r) => html`<option value="${r}"${r === role ? html` selected` : ''}>${t(`bo.role.${r}`)}</option>`)}</select>
<button type="submit">${t('search.submit')}</button>
</form>
<div class="table-wrap"><table>
<caption>${t('admin.total')}: ${list.total}</caption>
<thead><tr><th scope="col">${t('auth.displayName')}</th><th scope="col">${t('auth.email')}</th><th scope="col">${t('admin.users.role')}</th><th scope="col">${t('admin.users.status')}</th><th scope="col">${t('admin.users.createdAt')}</th></tr></thead>
<tbody>${list.items.map((u) => {
      const self = u.id === me.id;
      return html`<tr><td>${u.displayName}</td><td>${u.email}</td>
<td>${
        self
          ? t(`bo.role.${u.role}`)
          : html`<form class="button-form" method="post" action="${PATH}/${u.id}/vai-tro">${csrf}
<label class="skip" for="role-${u.id}">${t('admin.users.role')} ${u.email}</label>
<select id="role-${u.id}" name="role">${ROLES.map((r) => html`<option value="${r}"${r === u.role ? html` selected` : ''}>${t(`bo.role.${r}`)}</option>`)}</select>
<button type="submit">${t('admin.users.changeRole')}</button></form>`
      }</td>
<td>${t(u.status === 'active' ? 'admin.users.active' : 'admin.users.disabled')}${
        self
          ? ''
          : html`<form class="button-form" method="post" action="${PATH}/${u.id}/trang-thai">${csrf}
<input type="hidden" name="status" value="${u.status === 'active' ? 'disabled' : 'active'}">
<button type="submit" class="${u.status === 'active' ? 'secondary' : ''}">${t(u.status === 'active' ? 'admin.users.disable' : 'admin.users.enable')}</button></form>`
      }</td>
<td>${formatDateTime(lang, u.createdAt)}</td></tr>`;
    })}</tbody></table></div>
${pager(ctx, PATH, pageNo, PAGE_SIZE, list.total, { q, role: role ?? '' })}`;
    sendStaffPage(reply, ctx, t('admin.users.title'), body);
  }

  @Post(':id/vai-tro')
  async changeRole(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: Form): Promise<void> {
    const staff = await staffPost(this.session, this.config, req, reply, ['admin']);
    if (!staff) return;
    const role = ROLES.find((r) => r === body.role) as Role | undefined;
    if (!isUuid(id)) return staffError(reply, staff.ctx, 404, staff.ctx.t('notfound.body'));
    if (!role) return staffError(reply, staff.ctx, 400, staff.ctx.t('admin.users.badRole'));
    await this.run(reply, staff.ctx, () => this.users.changeRole(staff.user.id, id, role), 'role');
  }

  @Post(':id/trang-thai')
  async changeStatus(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: Form): Promise<void> {
    const staff = await staffPost(this.session, this.config, req, reply, ['admin']);
    if (!staff) return;
    if (!isUuid(id)) return staffError(reply, staff.ctx, 404, staff.ctx.t('notfound.body'));
    const status = body.status === 'active' || body.status === 'disabled' ? body.status : undefined;
    if (!status) return staffError(reply, staff.ctx, 400, staff.ctx.t('admin.users.badStatus'));
    await this.run(reply, staff.ctx, () => this.users.changeStatus(staff.user.id, id, status), status);
  }

  private async run(reply: FastifyReply, ctx: Parameters<typeof staffError>[1], step: () => Promise<unknown>, done: string): Promise<void> {
    try {
      await step();
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return staffError(reply, ctx, err.status, err.message);
    }
    redirectDone(reply, PATH, done);
  }
}
