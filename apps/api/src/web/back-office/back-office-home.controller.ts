import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ROLES } from '@tradefloor/identity';
import { TakedownListQueryDto, Takedowns } from '@tradefloor/trust-safety';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { layout } from '../html/layout';
import { sendPage } from '../kit/page-context';
import { doneMessage } from '../kit/query';
import { BackOffice } from './back-office';
import { backOfficeHomeView } from './back-office-home.view';

/** The back office landing page (/quan-ly), open to every signed-in role; it is its own way back, so no crumbs. */
@ApiExcludeController()
@Controller('quan-ly')
export class BackOfficeController {
  constructor(
    private readonly bo: BackOffice,
    private readonly takedowns: Takedowns,
  ) {}

  @Get()
  home(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, ROLES, async ({ ctx, user, csrf }) => {
      const title = ctx.t('bo.title');
      // Administrators see the takedowns against their 24-hour deadline at a glance.
      const count = async (status: 'open' | 'overdue') =>
        (await this.takedowns.list(Object.assign(new TakedownListQueryDto(), { status, page: 1, pageSize: 1 }))).total;
      const takedowns = user.role === 'admin' ? { open: await count('open'), overdue: await count('overdue') } : undefined;
      sendPage(
        reply,
        layout(
          ctx,
          { title, description: title, path: '/quan-ly' },
          backOfficeHomeView(ctx, user, csrf(), doneMessage(ctx.t, req.query, { 'verification-sent': 'verify.resent' }), takedowns),
        ),
        200,
        'private',
      );
    });
  }
}
