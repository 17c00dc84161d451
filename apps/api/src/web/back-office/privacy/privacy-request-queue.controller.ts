import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PrivacyRequests } from '@tradefloor/privacy';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BackOffice, STAFF } from '../back-office';
import { PRIVACY_QUEUE_PATH as PATH, queueView } from './privacy-request-queue.view';

/** The staff queue of privacy requests (/quan-ly/yeu-cau-du-lieu) with its timers; overdue rows highlighted. */
@ApiExcludeController()
@Controller('quan-ly/yeu-cau-du-lieu')
export class PrivacyRequestQueuePageController {
  constructor(
    private readonly bo: BackOffice,
    private readonly requests: PrivacyRequests,
  ) {}

  @Get()
  queue(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, STAFF, async (r) => {
      this.bo.send(r, r.ctx.t('pv.queue.title'), queueView(r.ctx, await this.requests.list(), r.csrf));
    });
  }

  @Post(':id/nhan')
  acknowledge(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.bo.form(req, reply, STAFF, async (r) => {
      await this.requests.acknowledge(id);
      this.bo.redirect(r, PATH);
    });
  }
}
