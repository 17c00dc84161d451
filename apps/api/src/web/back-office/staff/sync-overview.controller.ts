import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Clock, DomainError } from '@tradefloor/core';
import { ListingsService } from '@tradefloor/partner-sync';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorText } from '../../i18n/error-text';
import type { MessageKey } from '../../i18n/messages';
import { ADMINS, BackOffice, type BackOfficeRequest } from '../back-office';
import { PUSH_CHANNELS, SYNC_PATH as PATH, syncOverviewView } from './sync-overview.view';

const DONE: Record<string, MessageKey> = { retried: 'ch.admin.done.retried', retriedAll: 'ch.admin.done.retriedAll' };

/**
 * Partner sync for admins. Reads and retries go through ListingsService, the same service as
 * GET /api/v1/admin/sync.
 */
@ApiExcludeController()
@Controller('quan-ly/dong-bo')
export class SyncOverviewController {
  constructor(
    private readonly bo: BackOffice,
    private readonly listings: ListingsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  page(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, ADMINS, (r) => this.render(r));
  }

  @Post('tin-dang/:id/thu-lai')
  retry(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.bo.form(req, reply, ADMINS, async (r) => {
      try {
        await this.listings.retry(r.user, id);
      } catch (err) {
        if (!(err instanceof DomainError) || err.status >= 500) throw err;
        return this.render(r, { message: errorText(r.ctx.lang, err), status: err.status });
      }
      this.bo.redirect(r, PATH, 'retried');
    });
  }

  @Post(':channel/thu-lai-tat-ca')
  retryAll(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('channel') channel: string): Promise<void> {
    return this.bo.form(req, reply, ADMINS, async (r) => {
      if (!PUSH_CHANNELS.includes(channel)) return this.bo.fail(r, 404, r.ctx.t('notfound.body'));
      await this.listings.retryDeadLetters(channel);
      this.bo.redirect(r, PATH, 'retriedAll');
    });
  }

  private async render(r: BackOfficeRequest, problem?: { message: string; status: number }): Promise<void> {
    const overview = await this.listings.overview();
    const body = syncOverviewView(r.ctx, overview, { now: this.clock.now(), csrf: r.csrf, done: this.bo.flash(r, DONE), message: problem?.message });
    this.bo.send(r, r.ctx.t('ch.admin.title'), body, problem?.status ?? 200);
  }
}
