import { Controller, Get, Header, Inject, Injectable, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ProductViews, type ProductView } from '@tradefloor/catalog';
import { APP_CONFIG, ErrorEnvelopeDto, toCsv, type ResolvedConfig } from '@tradefloor/core';
import { EnterpriseViews, type EnterpriseView } from '@tradefloor/enterprise-profile';
import { Auth } from '@tradefloor/identity';
import type { FastifyReply } from 'fastify';
import { MinistryReport, ReportPeriodQueryDto } from './ministry-report';

/** Column order of the national OCOP export (docs/national-exports.md): changing it is a new version. */
export const OCOP_EXPORT_COLUMNS = [
  'ma_san_pham',
  'ten_san_pham',
  'nhom_nganh',
  'so_sao',
  'tiem_nang_5_sao',
  'so_quyet_dinh',
  'co_quan_cong_nhan',
  'hieu_luc_den',
  'gtin',
  'chu_the',
  'loai_chu_the',
  'ma_so_thue',
  'ma_tinh',
  'ma_xa',
  'duong_dan',
] as const;

/**
 * The province's OCOP products and their current certificates for the national OCOP system: every
 * public product with a valid, unexpired certificate, read through the catalog's product read
 * model (the certificate it shows is the best valid one) and the enterprise read model.
 */
@Injectable()
export class OcopExport {
  constructor(
    private readonly products: ProductViews,
    private readonly enterprises: EnterpriseViews,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  async csv(): Promise<string> {
    const rows: Array<Array<string | number>> = [[...OCOP_EXPORT_COLUMNS]];
    for await (const batch of this.products.stream(1000, true)) {
      const certified = batch.filter((v) => v.ocopStars);
      const sellers = new Map((await this.enterprises.load([...new Set(certified.map((v) => v.enterpriseId))])).map((e) => [e.id, e]));
      for (const v of certified) rows.push(this.row(v, sellers.get(v.enterpriseId)));
    }
    return toCsv(rows);
  }

  private row(v: ProductView, e: EnterpriseView | undefined): Array<string | number> {
    return [
      v.id,
      v.name,
      v.categoryNames.join(' > '),
      v.ocopStars ?? '',
      v.ocopPotentialFiveStar ? 'x' : '',
      v.ocopDecisionNumber ?? '',
      v.ocopIssuingBody ?? '',
      v.ocopValidUntil ?? '',
      v.gtin ?? '',
      v.enterpriseName,
      v.enterpriseKind,
      e?.taxCode ?? '',
      v.provinceCode ?? e?.provinceCode ?? '',
      v.communeCode,
      `${this.config.publicBaseUrl}/san-pham/${v.slug}`,
    ];
  }
}

@ApiTags('admin')
@Controller('api/v1/admin/exports')
@Auth('admin', 'editor')
export class NationalExportsController {
  constructor(
    private readonly ocop: OcopExport,
    private readonly ministry: MinistryReport,
  ) {}

  @Get('ocop.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="ocop-san-pham.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'OCOP products and certificates for the national OCOP system (docs/national-exports.md)', schema: { type: 'string' } })
  ocopCsv(): Promise<string> {
    return this.ocop.csv();
  }

  /** Admins only (the report goes to the Ministry under the province's name). */
  @Get('statistics.csv')
  @Auth('admin')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: "The Ministry's periodic statistics report for a period (docs/national-exports.md)", schema: { type: 'string' } })
  @ApiBadRequestResponse({ type: ErrorEnvelopeDto })
  async statisticsCsv(@Query() q: ReportPeriodQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const report = await this.ministry.csv(q);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${report.filename}"`)
      .header('cache-control', 'private, no-store');
    return report.body;
  }
}
