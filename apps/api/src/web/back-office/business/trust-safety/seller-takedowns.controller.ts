import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError } from '@tradefloor/core';
import { EnterpriseAccess, EnterpriseQueries } from '@tradefloor/enterprise-profile';
import { AppealTakedownDto, TakedownListQueryDto, Takedowns } from '@tradefloor/trust-safety';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorText } from '../../../i18n/error-text';
import type { MessageKey } from '../../../i18n/messages';
import { validateForm } from '../../../session/form-validation';
import { BackOffice, SELLERS, type BackOfficeRequest, type Form } from '../../back-office';
import { chooseEnterprise } from '../enterprise-choice';
import { SELLER_TAKEDOWNS_PATH, sellerTakedownsView } from './seller-takedowns.view';

const DONE: Record<string, MessageKey> = { appealed: 'ts.td.done.appealed' };

/** The seller's takedowns (/quan-ly/go-bo-cua-toi) and the appeal form; the takedowns service checks membership. */
@ApiExcludeController()
@Controller('quan-ly/go-bo-cua-toi')
export class SellerTakedownsController {
  constructor(
    private readonly bo: BackOffice,
    private readonly takedowns: Takedowns,
    private readonly access: EnterpriseAccess,
    private readonly enterprises: EnterpriseQueries,
  ) {}

  @Get()
  list(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, SELLERS, (r) => this.render(r, 200));
  }

  @Post(':id/khieu-nai')
  appeal(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    return this.bo.form(req, reply, SELLERS, async (r) => {
      const { value, errors } = await validateForm(AppealTakedownDto, { text: body.text?.trim() }, r.ctx.lang);
      if (errors.text) return this.render(r, 400, { id, message: errors.text });
      let enterpriseId: string | null;
      try {
        enterpriseId = (await this.takedowns.appeal(r.user, id, value)).enterpriseId;
      } catch (err) {
        if (!(err instanceof DomainError) || err.status >= 500 || err.status === 404) throw err;
        return this.render(r, err.status, { id, message: errorText(r.ctx.lang, err) });
      }
      this.bo.redirect(r, `${SELLER_TAKEDOWNS_PATH}${enterpriseId ? `?dn=${enterpriseId}` : ''}`, 'appealed');
    });
  }

  private async render(r: BackOfficeRequest, status: number, problem?: { id: string; message: string }): Promise<void> {
    const { current, mine } = await chooseEnterprise(r, this.access, this.enterprises);
    const q = Object.assign(new TakedownListQueryDto(), { page: 1, pageSize: 50 });
    const items = current ? (await this.takedowns.forEnterprise(r.user, current.id, q)).items : [];
    const body = sellerTakedownsView(r.ctx, { enterprise: current, mine, items, csrf: r.csrf, done: this.bo.flash(r, DONE), problem });
    this.bo.send(r, r.ctx.t('ts.td.mine.title'), body, status);
  }
}
