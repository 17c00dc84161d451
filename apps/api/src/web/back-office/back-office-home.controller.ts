import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ROLES } from '@tradefloor/identity';
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
  constructor(private readonly bo: BackOffice) {}

  @Get()
  home(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, ROLES, ({ ctx, user, csrf }) => {
      const title = ctx.t('bo.title');
      sendPage(
        reply,
        layout(
          ctx,
          { title, description: title, path: '/quan-ly' },
          backOfficeHomeView(ctx, user, csrf(), doneMessage(ctx.t, req.query, { 'verification-sent': 'verify.resent' })),
        ),
        200,
        'private',
      );
    });
  }
}
