import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, NotFoundError } from '@tradefloor/core';
import { EnterpriseAccess, EnterpriseQueries } from '@tradefloor/enterprise-profile';
import { PayoutAccounts, vietQrPng, type PayoutAccountDto } from '@tradefloor/payments';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorText } from '../../../i18n/error-text';
import type { MessageKey } from '../../../i18n/messages';
import { domainFieldErrors, type FieldErrors } from '../../../session/form-validation';
import { BackOffice, SELLERS, type BackOfficeRequest, type Form } from '../../back-office';
import { chooseEnterprise } from '../enterprise-choice';
import { PAYOUT_ACCOUNT_PATH, payoutAccountPageView } from './payout-account-page.view';

const DONE: Record<string, MessageKey> = { saved: 'pay.done.saved', removed: 'pay.done.removed' };

/** The seller's payout account page (/quan-ly/tai-khoan-nhan-tien): the account, a test QR, the owner's form. */
@ApiExcludeController()
@Controller('quan-ly/tai-khoan-nhan-tien')
export class PayoutAccountPageController {
  constructor(
    private readonly bo: BackOffice,
    private readonly payouts: PayoutAccounts,
    private readonly access: EnterpriseAccess,
    private readonly enterprises: EnterpriseQueries,
  ) {}

  @Get()
  show(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, SELLERS, (r) => this.render(r, 200, {}));
  }

  @Post(':id')
  save(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    return this.bo.form(req, reply, SELLERS, async (r) => {
      try {
        await this.payouts.save(r.user, id, { bankBin: body.bankBin ?? '', accountNumber: body.accountNumber ?? '', accountHolder: body.accountHolder ?? '' });
      } catch (err) {
        if (!(err instanceof DomainError) || err.status >= 500 || err.status === 403 || err.status === 404) throw err;
        const errors = domainFieldErrors(err, r.ctx.lang);
        return this.render(r, err.status, { id, values: body, errors, message: Object.keys(errors).length ? undefined : errorText(r.ctx.lang, err) });
      }
      this.bo.redirect(r, `${PAYOUT_ACCOUNT_PATH}?dn=${id}`, 'saved');
    });
  }

  @Post(':id/xoa')
  remove(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.form(req, reply, SELLERS, async (r) => {
      await this.payouts.remove(r.user, id);
      this.bo.redirect(r, `${PAYOUT_ACCOUNT_PATH}?dn=${id}`, 'removed');
    });
  }

  private async render(r: BackOfficeRequest, status: number, extra: { id?: string; values?: Form; errors?: FieldErrors; message?: string }): Promise<void> {
    if (extra.id) (r.req.query as Record<string, string>).dn = extra.id;
    const { current, mine } = await chooseEnterprise(r, this.access, this.enterprises);
    let account: PayoutAccountDto | undefined;
    let previewPng: string | undefined;
    let isOwner = false;
    if (current) {
      isOwner = (await this.enterprises.managed(r.user, current.id)).role === 'owner';
      account = await this.payouts.get(r.user, current.id).catch((err: unknown) => {
        if (err instanceof NotFoundError) return undefined;
        throw err;
      });
      if (account) {
        const { payload } = await this.payouts.preview(r.user, current.id);
        previewPng = `data:image/png;base64,${(await vietQrPng(payload)).toString('base64')}`;
      }
    }
    const body = payoutAccountPageView(r.ctx, {
      enterprise: current,
      mine,
      isOwner,
      account,
      previewPng,
      csrf: r.csrf,
      done: this.bo.flash(r, DONE),
      message: extra.message,
      values: extra.values,
      errors: extra.errors,
    });
    this.bo.send(r, r.ctx.t('pay.title'), body, status);
  }
}
