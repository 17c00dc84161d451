import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, type ResolvedConfig } from '@tradefloor/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { layout } from '../../html/layout';
import { pageContext, sendPage } from '../../kit/page-context';
import { queryText } from '../../kit/query';
import { stampCheckerView } from './stamp-checker.view';
import { interpretStampInput } from './stamp-input';

/**
 * /kiem-tra-tem: a GET form (works without JavaScript) that sends the buyer to the stamp's
 * verification page. A code whose check character fails is answered here at once: it cannot
 * exist, so there is nothing to look up.
 */
@ApiExcludeController()
@Controller('kiem-tra-tem')
export class StampCheckerController {
  constructor(@Inject(APP_CONFIG) private readonly config: ResolvedConfig) {}

  @Get()
  check(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const { t } = ctx;
    const value = queryText(req.query, 'serial', 300);
    const input = interpretStampInput(value);
    if (input.kind === 'valid') return void reply.redirect(input.path, 303);

    const body = stampCheckerView(ctx, value, input);
    const page = layout(ctx, { title: t('stamp.title'), description: t('stamp.description'), path: '/kiem-tra-tem' }, body);
    sendPage(reply, page, input.kind === 'empty' ? 200 : 400);
  }
}
