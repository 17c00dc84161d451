import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, DomainError, type ResolvedConfig } from '@tradefloor/core';
import { EnterpriseAccess } from '@tradefloor/enterprise-profile';
import { BatchAccess, ScanSeriesQueryDto, TraceabilityDashboard, type ScanSeriesDto } from '@tradefloor/traceability';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { domainFieldErrors, validateForm } from '../../../session/form-validation';
import { BackOffice, SELLERS } from '../../back-office';
import { anomaliesView, scanDashboardTitle, scanDashboardView } from './scan-pages.view';

/** The owner's scan dashboard of a batch, and the enterprise's anomalies, from the lib's dashboard service. */
@ApiExcludeController()
@Controller('quan-ly/truy-xuat')
export class ScanPagesController {
  constructor(
    private readonly bo: BackOffice,
    private readonly access: BatchAccess,
    private readonly enterpriseAccess: EnterpriseAccess,
    private readonly dashboard: TraceabilityDashboard,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  @Get('lo/:id/thong-ke')
  scans(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.bo.page(req, reply, SELLERS, async (r) => {
      const { batch } = await this.access.assertCanManage(r.user, id);
      const query = r.req.query as Record<string, string | undefined>;
      const asked = { from: query.from || undefined, to: query.to || undefined };
      const checked = await validateForm(ScanSeriesQueryDto, asked, r.ctx.lang);
      let errors = checked.errors;
      let series: ScanSeriesDto | undefined;
      if (!Object.keys(errors).length) {
        try {
          series = await this.dashboard.scanSeries(r.user, batch.id, { ...checked.value, bucket: 'day' });
        } catch (err) {
          // A period upside down or longer than the lib allows: say so, show the default period.
          if (!(err instanceof DomainError) || err.status !== 400 || !err.details?.length) throw err;
          errors = domainFieldErrors(err, r.ctx.lang);
        }
      }
      series ??= await this.dashboard.scanSeries(r.user, batch.id, { bucket: 'day' });
      this.bo.send(r, scanDashboardTitle(r.ctx.t, batch), scanDashboardView(r.ctx, batch, series, { asked, errors }));
    });
  }

  @Get('canh-bao')
  anomalies(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, SELLERS, async (r) => {
      const enterprise = await this.enterpriseAccess.assertCanManage(r.user, (r.req.query as { dn?: string }).dn ?? '');
      const anomalies = await this.dashboard.anomalies(r.user, enterprise.id);
      const thresholds = { scans: this.config.stampWarnScans, places: this.config.stampWarnPlaces };
      this.bo.send(r, r.ctx.t('trace.anom.title'), anomaliesView(r.ctx, enterprise, anomalies, thresholds));
    });
  }
}
