import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError } from '@tradefloor/core';
import { EnterpriseAccess, EnterpriseQueries } from '@tradefloor/enterprise-profile';
import { SellerIdentity, SubmitIdentityProofDto } from '@tradefloor/trust-safety';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorText } from '../../../i18n/error-text';
import type { MessageKey } from '../../../i18n/messages';
import { domainFieldErrors, validateForm, type FieldErrors } from '../../../session/form-validation';
import { BackOffice, SELLERS, type BackOfficeRequest, type Form } from '../../back-office';
import { chooseEnterprise } from '../enterprise-choice';
import { IDENTITY_PATH, identityPageView } from './identity-page.view';

const DONE: Record<string, MessageKey> = { submitted: 'ts.id.done.submitted', checked: 'ts.id.done.checked' };

/** The seller's identity page (/quan-ly/danh-tinh): state, electronic verification, document for staff review. */
@ApiExcludeController()
@Controller('quan-ly/danh-tinh')
export class IdentityPageController {
  constructor(
    private readonly bo: BackOffice,
    private readonly identity: SellerIdentity,
    private readonly access: EnterpriseAccess,
    private readonly enterprises: EnterpriseQueries,
  ) {}

  @Get()
  show(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, SELLERS, async (r) => {
      const { current } = await chooseEnterprise(r, this.access, this.enterprises);
      // Back from the electronic service: ask it now (the poll and its notification would follow anyway).
      const status = current ? await this.identity.status(r.user, current.id) : undefined;
      const fresh = status?.pending?.method === 'electronic' ? await this.identity.checkNow(r.user, current!.id) : status;
      await this.render(r, 200, { status: fresh });
    });
  }

  @Post(':id/giay-to')
  submit(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    return this.bo.form(req, reply, SELLERS, async (r) => {
      await this.access.assertCanManage(r.user, id);
      const { value, errors } = await validateForm(SubmitIdentityProofDto, body, r.ctx.lang);
      if (Object.keys(errors).length) return this.render(r, 400, { id, values: body, errors });
      try {
        await this.identity.submitProof(r.user, id, value);
      } catch (err) {
        if (!(err instanceof DomainError) || err.status >= 500) throw err;
        const fields = domainFieldErrors(err, r.ctx.lang);
        return this.render(r, err.status, { id, values: body, errors: fields, message: Object.keys(fields).length ? undefined : errorText(r.ctx.lang, err) });
      }
      this.bo.redirect(r, `${IDENTITY_PATH}?dn=${id}`, 'submitted');
    });
  }

  @Post(':id/dien-tu')
  startElectronic(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.form(req, reply, SELLERS, async (r) => {
      try {
        const started = await this.identity.startElectronic(r.user, id, {});
        void r.reply.redirect(started.redirectUrl, 303);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        await this.render(r, err.status, { id, message: errorText(r.ctx.lang, err) });
      }
    });
  }

  @Post(':id/kiem-tra')
  check(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.form(req, reply, SELLERS, async (r) => {
      await this.identity.checkNow(r.user, id);
      this.bo.redirect(r, `${IDENTITY_PATH}?dn=${id}`, 'checked');
    });
  }

  private async render(
    r: BackOfficeRequest,
    status: number,
    extra: { id?: string; status?: Awaited<ReturnType<SellerIdentity['status']>>; values?: Form; errors?: FieldErrors; message?: string },
  ): Promise<void> {
    if (extra.id) (r.req.query as Record<string, string>).dn = extra.id;
    const { current, mine } = await chooseEnterprise(r, this.access, this.enterprises);
    const identity = extra.status ?? (current ? await this.identity.status(r.user, current.id) : undefined);
    const body = identityPageView(r.ctx, {
      enterprise: current,
      mine,
      status: identity,
      csrf: r.csrf,
      done: this.bo.flash(r, DONE),
      message: extra.message,
      values: extra.values,
      errors: extra.errors,
    });
    this.bo.send(r, r.ctx.t('ts.id.title'), body, status);
  }
}
