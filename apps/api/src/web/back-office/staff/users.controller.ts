import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { isUuid } from '@tradefloor/core';
import { ROLES, UsersService, type Role } from '@tradefloor/identity';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '../../i18n/messages';
import { doneMessage, queryPage, queryText } from '../../kit/query';
import { ADMINS, BackOffice, type BackOfficeRequest, type Form } from '../back-office';
import { USERS_PATH as PATH, usersView } from './users.view';

const PAGE_SIZE = 25;
const DONE: Record<string, MessageKey> = { role: 'admin.users.done.role', active: 'admin.users.done.active', disabled: 'admin.users.done.disabled' };

/** Users and roles (admins): search, change a role, disable or enable an account (never one's own). */
@ApiExcludeController()
@Controller('quan-ly/nguoi-dung')
export class UsersController {
  constructor(
    private readonly bo: BackOffice,
    private readonly users: UsersService,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, ADMINS, async (staff) => {
      const { ctx, user: me } = staff;
      const { t } = ctx;
      const q = queryText(req.query, 'q');
      const role = ROLES.find((r) => r === queryText(req.query, 'role'));
      const pageNo = queryPage(req.query);
      const list = await this.users.list({ page: pageNo, pageSize: PAGE_SIZE, role, q: q || undefined });
      const body = usersView(ctx, {
        q,
        role,
        items: list.items,
        total: list.total,
        page: pageNo,
        pageSize: PAGE_SIZE,
        me: me.id,
        done: doneMessage(ctx.t, req.query, DONE),
        csrf: staff.csrf(),
      });
      this.bo.send(staff, t('admin.users.title'), body);
    });
  }

  @Post(':id/vai-tro')
  async changeRole(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: Form): Promise<void> {
    return this.bo.form(req, reply, ADMINS, async (staff) => {
      const role = ROLES.find((r) => r === body.role) as Role | undefined;
      if (!isUuid(id)) return this.bo.fail(staff, 404, staff.ctx.t('notfound.body'));
      if (!role) return this.bo.fail(staff, 400, staff.ctx.t('admin.users.badRole'));
      await this.run(staff, () => this.users.changeRole(staff.user.id, id, role), 'role');
    });
  }

  @Post(':id/trang-thai')
  async changeStatus(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: Form): Promise<void> {
    return this.bo.form(req, reply, ADMINS, async (staff) => {
      if (!isUuid(id)) return this.bo.fail(staff, 404, staff.ctx.t('notfound.body'));
      const status = body.status === 'active' || body.status === 'disabled' ? body.status : undefined;
      if (!status) return this.bo.fail(staff, 400, staff.ctx.t('admin.users.badStatus'));
      await this.run(staff, () => this.users.changeStatus(staff.user.id, id, status), status);
    });
  }

  /** A domain error (one's own account, the last admin) is shown by BackOffice as an error page. */
  private async run(staff: BackOfficeRequest, step: () => Promise<unknown>, done: string): Promise<void> {
    await step();
    this.bo.redirect(staff, PATH, done);
  }
}
