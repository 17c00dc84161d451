import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, Clock, vietnamDate, type ResolvedConfig } from '@tradefloor/core';
import { BulletinQueryService } from '@tradefloor/news-bulletin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { jsonLd } from '../../html/html';
import { layout } from '../../html/layout';
import { parseDay } from '../../kit/format';
import { pageContext, sendPage } from '../../kit/page-context';
import { queryPage, queryText } from '../../kit/query';
import { eventLd, eventsView } from './events.view';

const PAGE_SIZE = 20;
const DAY_MS = 86_400_000;

/** /su-kien: fairs, market days and exhibitions, upcoming by default, or within a chosen date range. */
@ApiExcludeController()
@Controller('su-kien')
export class EventsPageController {
  constructor(
    private readonly queries: BulletinQueryService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const { t } = ctx;
    const input = { from: queryText(req.query, 'from', 20), to: queryText(req.query, 'to', 20) };
    const page = queryPage(req.query);
    const from = input.from ? parseDay(input.from) : null;
    const to = input.to ? parseDay(input.to) : null;
    const errors: { from?: string; to?: string } = {};
    if (input.from && !from) errors.from = t('events.badDate');
    if (input.to && !to) errors.to = t('events.badDate');
    if (from && to && to < from) errors.to = t('events.badRange');
    const invalid = Object.keys(errors).length > 0;

    // Days are Vietnamese calendar days: from its first to its last second in UTC+7.
    const result = invalid
      ? { items: [], total: 0 }
      : await this.queries.events({
          from: from ? `${from}T00:00:00+07:00` : undefined,
          to: to ? `${to}T23:59:59+07:00` : undefined,
          page,
          pageSize: PAGE_SIZE,
        });
    const today = vietnamDate(this.clock.now());
    const yesterday = vietnamDate(new Date(this.clock.now().getTime() - DAY_MS));
    const past = !!to && to < today && !from;
    const title = past ? t('events.past.title') : t('events.title');
    const body = eventsView(ctx, { title, input, errors, from, to, past, yesterday, items: result.items, total: result.total, page, pageSize: PAGE_SIZE });
    const base = this.config.publicBaseUrl;
    const ld = result.items.length ? jsonLd(result.items.map((e) => eventLd(base, e))) : undefined;
    sendPage(reply, layout(ctx, { title, description: t('events.description'), path: '/su-kien', structuredData: ld }, body), invalid ? 400 : 200);
  }
}
