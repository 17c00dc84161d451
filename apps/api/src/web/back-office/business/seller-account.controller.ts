import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { EnterpriseQueries } from '@tradefloor/enterprise-profile';
import { SellerAccounts } from '@tradefloor/trust-safety';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BackOffice, SELLERS } from '../back-office';
import { sellerAccountView } from './seller-account.view';

/** The seller's view of its account state (warnings, a scheduled suspension, the history); members only. */
@ApiExcludeController()
@Controller('quan-ly/doanh-nghiep/:id/tai-khoan')
export class SellerAccountPageController {
  constructor(
    private readonly bo: BackOffice,
    private readonly queries: EnterpriseQueries,
    private readonly accounts: SellerAccounts,
  ) {}

  @Get()
  show(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.bo.page(req, reply, SELLERS, async (r) => {
      const { enterprise } = await this.queries.managed(r.user, id);
      const account = await this.accounts.forSeller(r.user, id);
      this.bo.send(r, r.ctx.t('biz.account.title'), sellerAccountView(r.ctx, enterprise.displayName, account));
    });
  }
}
