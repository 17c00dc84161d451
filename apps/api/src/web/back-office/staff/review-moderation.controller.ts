import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { isUuid } from '@tradefloor/core';
import { Reviews } from '@tradefloor/reviews';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '../../i18n/messages';
import { queryChoice, queryPage } from '../../kit/query';
import { BackOffice, STAFF } from '../back-office';
import { MODERATION_STATES, REVIEW_MODERATION_PATH as PATH, reviewModerationView } from './review-moderation.view';

const DONE: Record<string, MessageKey> = { publish: 'rev.mod.done.publish', reject: 'rev.mod.done.reject', hide: 'rev.mod.done.hide' };
const TO = { publish: 'published', reject: 'rejected', hide: 'hidden' } as const;
const PAGE_SIZE = 20;

/** `/quan-ly/danh-gia`: editors and admins moderate reviews through `Reviews.moderate` (audited, the rating kept in the same transaction). */
@ApiExcludeController()
@Controller('quan-ly/danh-gia')
export class ReviewModerationPageController {
  constructor(
    private readonly bo: BackOffice,
    private readonly reviews: Reviews,
  ) {}

  @Get()
  list(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, STAFF, async (r) => {
      const state = queryChoice(req.query, 'trang-thai', MODERATION_STATES) ?? 'pending';
      const page = await this.reviews.moderationQueue({ status: state, page: queryPage(req.query), pageSize: PAGE_SIZE });
      this.bo.send(r, r.ctx.t('rev.mod.title'), reviewModerationView(r.ctx, { state, page, done: this.bo.flash(r, DONE), csrf: r.csrf }));
    });
  }

  @Post(':id/:action')
  decide(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Param('action') action: string): Promise<void> {
    return this.bo.form(req, reply, STAFF, async (r) => {
      if (!isUuid(id) || !(action in TO)) return this.bo.fail(r, 404, r.ctx.t('notfound.body'));
      const done = action as keyof typeof TO;
      // A DomainError (409 illegal move, 400 prohibited term) becomes the back office's error page.
      await this.reviews.moderate(id, TO[done], undefined);
      this.bo.redirect(r, PATH, done);
    });
  }
}
