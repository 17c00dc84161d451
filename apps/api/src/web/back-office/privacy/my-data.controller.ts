import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, ValidationFailedError } from '@tradefloor/core';
import { ROLES, UpdateProfileDto, UsersService, toUserDto } from '@tradefloor/identity';
import { AccountErasure, CloseAccountDto, Consents, DataExports, RecordConsentDto } from '@tradefloor/privacy';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorText } from '../../i18n/error-text';
import type { MessageKey } from '../../i18n/messages';
import { domainFieldErrors, validateForm } from '../../session/form-validation';
import { WebSession } from '../../session/web-session.service';
import { BackOffice, type BackOfficeRequest, type Form } from '../back-office';
import { MY_DATA_PATH, myDataView } from './my-data.view';

const DONE: Record<string, MessageKey> = { consent: 'pv.done.consent', export: 'pv.done.export', profile: 'pv.done.profile' };

/** "Dữ liệu của tôi" (/quan-ly/du-lieu-cua-toi) for every signed-in role: the same services as /api/v1/me/*. */
@ApiExcludeController()
@Controller('quan-ly/du-lieu-cua-toi')
export class MyDataPagesController {
  constructor(
    private readonly bo: BackOffice,
    private readonly users: UsersService,
    private readonly consents: Consents,
    private readonly exports: DataExports,
    private readonly erasure: AccountErasure,
    private readonly session: WebSession,
  ) {}

  @Get()
  show(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, ROLES, (r) => this.render(r, 200));
  }

  @Post('dong-y')
  consent(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    return this.bo.form(req, reply, ROLES, async (r) => {
      const { value, errors } = await validateForm(RecordConsentDto, { purpose: body.purpose, granted: body.granted === 'true' }, r.ctx.lang);
      if (Object.keys(errors).length) return this.render(r, 400, { problem: Object.values(errors)[0] });
      await this.consents.record(r.user.id, value.purpose, value.granted, 'web');
      this.bo.redirect(r, MY_DATA_PATH, 'consent');
    });
  }

  @Post('xuat')
  startExport(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.form(req, reply, ROLES, async (r) => {
      await this.exports.start(r.user.id);
      this.bo.redirect(r, MY_DATA_PATH, 'export');
    });
  }

  @Get('xuat/:id')
  download(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.bo.page(req, reply, ROLES, async (r) => {
      const file = await this.exports.download(r.user.id, id);
      void r.reply
        .header('Content-Type', 'application/zip')
        .header('Content-Disposition', `attachment; filename="${file.filename}"`)
        .header('Cache-Control', 'private, no-store')
        .send(file.data);
    });
  }

  @Post('thong-tin')
  profile(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    return this.bo.form(req, reply, ROLES, async (r) => {
      const { value, errors } = await validateForm(UpdateProfileDto, { displayName: body.displayName, phone: body.phone?.trim() || null }, r.ctx.lang);
      if (Object.keys(errors).length) return this.render(r, 400, { errors });
      await this.users.updateProfile(r.user.id, value);
      this.bo.redirect(r, MY_DATA_PATH, 'profile');
    });
  }

  @Post('xoa-tai-khoan')
  close(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    return this.bo.form(req, reply, ROLES, async (r) => {
      const { value, errors } = await validateForm(CloseAccountDto, { password: body.password }, r.ctx.lang);
      if (Object.keys(errors).length) return this.render(r, 400, { errors });
      try {
        await this.erasure.close(r.user.id, value.password);
      } catch (err) {
        if (err instanceof ValidationFailedError) return this.render(r, 400, { errors: domainFieldErrors(err, r.ctx.lang) });
        if (err instanceof DomainError && err.status === 401) return this.render(r, 400, { errors: { password: errorText(r.ctx.lang, err) } });
        throw err;
      }
      this.session.forget(r.reply);
      void r.reply.redirect('/', 303);
    });
  }

  private async render(r: BackOfficeRequest, status: number, extra: { problem?: string; errors?: Record<string, string | undefined> } = {}): Promise<void> {
    const user = await this.users.get(r.user.id);
    if (!user) throw new DomainError('NOT_FOUND', 'Người dùng', 404);
    const body = myDataView(r.ctx, {
      user: toUserDto(user),
      consents: await this.consents.list(r.user.id),
      latestExport: await this.exports.latest(r.user.id),
      csrf: r.csrf,
      done: this.bo.flash(r, DONE),
      ...extra,
    });
    this.bo.send(r, r.ctx.t('pv.title'), body, status);
  }
}
