import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ProductPageViews, StatisticsService } from '@tradefloor/catalog';
import { Clock, vietnamDate } from '@tradefloor/core';
import { ViewCounter } from '@tradefloor/news-bulletin';
import { ScanStatistics } from '@tradefloor/traceability';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { activityRange, loadActivity, type Activity } from './activity';
import { activityCsv } from './activity.view';
import { queryText } from '../../kit/query';
import { BackOffice, STAFF } from '../back-office';
import { statsView } from './stats.view';

const TOP_COMMUNES = 15;

/**
 * Province statistics for staff: the public statistics service drawn as accessible SVG charts, and
 * activity over time (stamp scans, bulletin views, product page views per Vietnam day) with its CSV.
 */
@ApiExcludeController()
@Controller('quan-ly/thong-ke')
export class StatsController {
  constructor(
    private readonly bo: BackOffice,
    private readonly stats: StatisticsService,
    private readonly scans: ScanStatistics,
    private readonly bulletinViews: ViewCounter,
    private readonly productViews: ProductPageViews,
    private readonly clock: Clock,
  ) {}

  /** `?days=` 7, 30 or 90 (default 30), ending today in Vietnam. */
  private async activity(req: FastifyRequest): Promise<{ activity: Activity; range: number }> {
    const range = activityRange(queryText(req.query, 'days'));
    const sources = { scans: this.scans, bulletinViews: this.bulletinViews, productViews: this.productViews };
    return { activity: await loadActivity(sources, vietnamDate(this.clock.now()), range), range };
  }

  @Get()
  page(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, STAFF, async (r) => {
      const { ctx } = r;
      const [overview, communes, { activity, range }] = await Promise.all([this.stats.overview(), this.stats.communes(), this.activity(req)]);
      const topCommunes = [...communes]
        .filter((c) => c.publishedProducts > 0)
        .sort((a, b) => b.publishedProducts - a.publishedProducts || a.communeCode.localeCompare(b.communeCode))
        .slice(0, TOP_COMMUNES);
      this.bo.send(r, ctx.t('admin.stats.title'), statsView(ctx, overview, topCommunes, activity, range));
    });
  }

  @Get('hoat-dong.csv')
  activityCsv(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, STAFF, async (staff) => {
      const { activity } = await this.activity(req);
      void reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="hoat-dong-${activity.from}-${activity.to}.csv"`)
        .header('cache-control', 'private, no-store')
        .header('x-robots-tag', 'noindex')
        .send(activityCsv(staff.ctx, activity));
    });
  }
}
