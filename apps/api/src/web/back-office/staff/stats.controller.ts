import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ProductPageViews, StatisticsService } from '@tradefloor/catalog';
import { APP_CONFIG, Clock, vietnamDate, type ResolvedConfig } from '@tradefloor/core';
import { ENTERPRISE_KINDS } from '@tradefloor/enterprise-profile';
import { ViewCounter } from '@tradefloor/news-bulletin';
import { ScanStatistics } from '@tradefloor/traceability';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../../html/html';
import { WebSession } from '../../session/web-session.service';
import { barChart } from '../../html/charts';
import { activityRange, loadActivity, type Activity } from './activity';
import { activityCsv, activitySection } from './activity.view';
import { formatNumber } from './format';
import { queryText, sendStaffPage, staffOnly } from './staff-page';

const TOP_COMMUNES = 15;

/**
 * Province statistics for staff: the public statistics service drawn as accessible SVG charts, and
 * activity over time (stamp scans, bulletin views, product page views per Vietnam day) with its CSV.
 */
@ApiExcludeController()
@Controller('quan-ly/thong-ke')
export class StatsController {
  constructor(
    private readonly session: WebSession,
    private readonly stats: StatisticsService,
    private readonly scans: ScanStatistics,
    private readonly bulletinViews: ViewCounter,
    private readonly productViews: ProductPageViews,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  /** `?days=` 7, 30 or 90 (default 30), ending today in Vietnam. */
  private async activity(req: FastifyRequest): Promise<{ activity: Activity; range: number }> {
    const range = activityRange(queryText(req, 'days'));
    const sources = { scans: this.scans, bulletinViews: this.bulletinViews, productViews: this.productViews };
    return { activity: await loadActivity(sources, vietnamDate(this.clock.now()), range), range };
  }

  @Get()
  async page(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const staff = await staffOnly(this.session, this.config, req, reply, ['admin', 'editor']);
    if (!staff) return;
    const { ctx } = staff;
    const { t, lang } = ctx;
    const num = (n: number) => formatNumber(lang, n);
    const [overview, communes, { activity, range }] = await Promise.all([this.stats.overview(), this.stats.communes(), this.activity(req)]);
    const topCommunes = [...communes]
      .filter((c) => c.publishedProducts > 0)
      .sort((a, b) => b.publishedProducts - a.publishedProducts || a.communeCode.localeCompare(b.communeCode))
      .slice(0, TOP_COMMUNES);
    const body = html`<h1>${t('admin.stats.title')}</h1>
<p class="muted">${t('admin.stats.asOf')}: ${overview.asOf}</p>
<ul class="figures" role="list">
<li class="figure"><b>${num(overview.enterprises.verified)}</b>${t('admin.stats.verifiedEnterprises')}</li>
<li class="figure"><b>${num(overview.products.published)}</b>${t('admin.stats.publishedProducts')}</li>
<li class="figure"><b>${num(overview.ocop.products)}</b>${t('admin.stats.ocopProducts')}</li>
</ul>
${barChart(
  'ocop',
  t('admin.stats.ocopByStars'),
  [
    { label: t('admin.stats.fiveStar'), value: overview.ocop.fiveStar },
    { label: t('admin.stats.potentialFiveStar'), value: overview.ocop.potentialFiveStar },
    { label: t('admin.stats.fourStar'), value: overview.ocop.fourStar },
    { label: t('admin.stats.threeStar'), value: overview.ocop.threeStar },
  ],
  { label: t('admin.stats.rank'), value: t('admin.stats.products') },
  num,
)}
${barChart(
  'kinds',
  t('admin.stats.enterprisesByKind'),
  ENTERPRISE_KINDS.map((k) => ({ label: t(`admin.kind.${k}`), value: overview.enterprises.byKind[k] })),
  { label: t('admin.ent.kind'), value: t('admin.stats.enterprises') },
  num,
)}
${
  topCommunes.length
    ? barChart(
        'communes',
        t('admin.stats.productsByCommune'),
        topCommunes.map((c) => ({ label: c.communeName, value: c.publishedProducts })),
        { label: t('admin.stats.commune'), value: t('admin.stats.products') },
        num,
      )
    : html`<h2>${t('admin.stats.productsByCommune')}</h2><p>${t('admin.empty')}</p>`
}
${activitySection(ctx, activity, range)}
<h2>${t('admin.stats.export')}</h2>
<ul><li><a href="/api/v1/stats/overview.csv" download>${t('admin.stats.csvOverview')}</a></li>
<li><a href="/api/v1/stats/communes.csv" download>${t('admin.stats.csvCommunes')}</a></li></ul>`;
    sendStaffPage(reply, ctx, t('admin.stats.title'), body);
  }

  @Get('hoat-dong.csv')
  async activityCsv(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const staff = await staffOnly(this.session, this.config, req, reply, ['admin', 'editor']);
    if (!staff) return;
    const { activity } = await this.activity(req);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="hoat-dong-${activity.from}-${activity.to}.csv"`)
      .header('cache-control', 'private, no-store')
      .header('x-robots-tag', 'noindex')
      .send(activityCsv(staff.ctx, activity));
  }
}
