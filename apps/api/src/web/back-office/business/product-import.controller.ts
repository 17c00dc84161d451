import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { domainFieldErrors } from '../../session/form-validation';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError } from '@tradefloor/core';
import { MAX_IMPORT_BYTES, ProductImport, type ImportReportDto } from '@tradefloor/catalog';
import { EnterpriseAccess, EnterpriseQueries, type EnterpriseEntity } from '@tradefloor/enterprise-profile';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorText } from '../../i18n/error-text';
import { BackOffice, SELLERS, type BackOfficeRequest } from '../back-office';
import { productImportView } from './product-import.view';

/** Product import from a spreadsheet (CSV): a dry run shows the per-row report before writing. */
@ApiExcludeController()
@Controller('quan-ly/san-pham/nhap-csv')
export class ProductImportController {
  constructor(
    private readonly bo: BackOffice,
    private readonly importer: ProductImport,
    private readonly enterprises: EnterpriseQueries,
    private readonly access: EnterpriseAccess,
  ) {}

  @Get()
  page(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, SELLERS, async (r) => {
      const mine = (await this.enterprises.mine(r.user.id)).map((m) => m.enterprise);
      const wanted = (req.query as { dn?: string }).dn;
      const enterprise = wanted ? await this.access.assertCanManage(r.user, wanted) : mine[0];
      // Nothing is pre-ticked (issue 15): the seller ticks "check only" themselves.
      this.render(r, mine, enterprise?.id, false);
    });
  }

  @Post()
  upload(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.upload(req, reply, SELLERS, MAX_IMPORT_BYTES, async (r, { file, tooLarge, fields }) => {
      const { t } = r.ctx;
      const mine = (await this.enterprises.mine(r.user.id)).map((m) => m.enterprise);
      const enterprise = await this.access.assertCanManage(r.user, fields.enterpriseId ?? '');
      const dryRun = fields.dryRun === '1';
      if (!file) return this.render(r, mine, enterprise.id, dryRun, undefined, tooLarge ? t('biz.import.tooLarge') : t('biz.import.missing'), 400);
      let report: ImportReportDto;
      try {
        report = await this.importer.run(r.user, enterprise.id, file, dryRun);
      } catch (err) {
        // A file that is not a usable CSV (missing columns, too many rows) is reported on the form.
        if (!(err instanceof DomainError) || err.status !== 400) throw err;
        return this.render(r, mine, enterprise.id, dryRun, undefined, Object.values(domainFieldErrors(err, r.ctx.lang))[0] ?? errorText(r.ctx.lang, err), 400);
      }
      const status = !dryRun && report.invalidRows > 0 ? 400 : 200;
      this.render(r, mine, enterprise.id, dryRun, report, undefined, status);
    });
  }

  private render(
    r: BackOfficeRequest,
    mine: EnterpriseEntity[],
    current: string | undefined,
    dryRun: boolean,
    report?: ImportReportDto,
    fileError?: string,
    status = 200,
  ): void {
    const { t } = r.ctx;
    const body = productImportView(r.ctx, { mine, current, dryRun, report, fileError, csrf: r.csrf() });
    this.bo.send(r, t('biz.import.title'), body, status);
  }
}
