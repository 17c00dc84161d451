import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, isUuid } from '@tradefloor/core';
import { EnterpriseViews } from '@tradefloor/enterprise-profile';
import { AccountReasonDto, SellerAccounts, SuspendAccountDto } from '@tradefloor/trust-safety';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorText } from '../../../i18n/error-text';
import type { MessageKey } from '../../../i18n/messages';
import { validateForm } from '../../../session/form-validation';
import { BackOffice, STAFF, type BackOfficeRequest, type Form } from '../../back-office';
import { SELLER_ACCOUNT_ACTIONS, SELLER_ACCOUNT_PATH, sellerAccountView, type SellerAccountPageData } from './seller-account-page.view';

const DONE: Record<string, MessageKey> = {
  warn: 'ts.acc.done.warn',
  suspension: 'ts.acc.done.suspension',
  close: 'ts.acc.done.close',
  reinstate: 'ts.acc.done.reinstate',
};

/**
 * A seller's account state for staff (/quan-ly/tai-khoan-nguoi-ban/:enterpriseId): editors warn;
 * administrators also schedule or (on an authority's request) carry out a suspension, close and
 * reinstate (checked here, as the API's `@Auth` does). Every action goes through
 * `SellerAccounts`: audited, mailed to the owners, 409 on a state that does not allow it.
 */
@ApiExcludeController()
@Controller('quan-ly/tai-khoan-nguoi-ban')
export class SellerAccountPageController {
  constructor(
    private readonly bo: BackOffice,
    private readonly accounts: SellerAccounts,
    private readonly views: EnterpriseViews,
  ) {}

  @Get(':id')
  show(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, STAFF, (r) => this.render(r, id, 200));
  }

  @Post(':id/:action')
  act(@Param('id') id: string, @Param('action') action: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    return this.bo.form(req, reply, STAFF, async (r) => {
      const act = SELLER_ACCOUNT_ACTIONS.find((a) => a === action);
      if (!isUuid(id) || !act) return this.bo.fail(r, 404, r.ctx.t('notfound.body'));
      if (act !== 'warn' && r.user.role !== 'admin') return this.bo.fail(r, 403, r.ctx.t('ts.acc.adminsOnly'));
      const form = { reason: body.reason?.trim() ?? '', source: body.source ?? '', reference: body.reference?.trim() ?? '' };
      try {
        if (act === 'suspension') {
          const { value, errors } = await validateForm(
            SuspendAccountDto,
            { reason: form.reason, source: form.source, reference: form.reference || undefined },
            r.ctx.lang,
          );
          if (Object.keys(errors).length) return this.render(r, id, 400, { action: act, form, errors });
          await this.accounts.suspend(id, value);
        } else {
          const { value, errors } = await validateForm(AccountReasonDto, { reason: form.reason }, r.ctx.lang);
          if (Object.keys(errors).length) return this.render(r, id, 400, { action: act, form, errors });
          if (act === 'warn') await this.accounts.warn(id, value.reason);
          else if (act === 'close') await this.accounts.close(id, value.reason);
          else await this.accounts.reinstate(id, value.reason);
        }
      } catch (err) {
        if (!(err instanceof DomainError) || err.status >= 500 || err.status === 404) throw err;
        return this.render(r, id, err.status, { action: act, form, errors: {}, message: errorText(r.ctx.lang, err) });
      }
      this.bo.redirect(r, `${SELLER_ACCOUNT_PATH}/${id}`, act);
    });
  }

  private async render(r: BackOfficeRequest, id: string, status: number, problem?: SellerAccountPageData['problem']): Promise<void> {
    const [enterprise] = isUuid(id) ? await this.views.load([id]) : [];
    if (!enterprise) return this.bo.fail(r, 404, r.ctx.t('notfound.body'));
    const account = await this.accounts.get(id);
    const body = sellerAccountView(r.ctx, {
      enterprise,
      account,
      isAdmin: r.user.role === 'admin',
      done: this.bo.flash(r, DONE),
      problem,
      csrf: r.csrf,
    });
    this.bo.send(r, r.ctx.t('ts.acc.title'), body, status);
  }
}
