import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, type ResolvedConfig } from '@tradefloor/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { layout } from '../html/layout';
import { pageContext, sendPage } from '../kit/page-context';
import { contactView } from './static-pages.view';

/** Contact (the operating rules and other legal documents are store/legal/; the home page is the storefront's, store/home-page.controller.ts). */
@ApiExcludeController()
@Controller()
export class StaticPagesController {
  constructor(@Inject(APP_CONFIG) private readonly config: ResolvedConfig) {}

  @Get('/lien-he')
  contact(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    sendPage(reply, layout(ctx, { title: ctx.t('contact.title'), description: ctx.t('footer.owner'), path: '/lien-he' }, contactView(ctx)));
  }
}
