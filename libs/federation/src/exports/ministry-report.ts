import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { overviewRows, ProductPageViews, StatisticsService } from '@tradefloor/catalog';
import { checkedPeriod, Clock, toCsv, vietnamDate } from '@tradefloor/core';
import { ViewCounter } from '@tradefloor/news-bulletin';
import { ScanStatistics } from '@tradefloor/traceability';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** A report covers at most a year of daily activity. */
const MAX_DAYS = 366;

export class ReportPeriodQueryDto {
  @ApiPropertyOptional({ description: 'First Vietnam day of the period, default: the first day of the previous month', example: '2025-07-01' })
  @IsOptional()
  @IsString()
  @MaxLength(10, { message: 'Ngày bắt đầu phải có dạng YYYY-MM-DD (from must be YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last Vietnam day of the period, default: the last day of the previous month', example: '2025-07-31' })
  @IsOptional()
  @IsString()
  @MaxLength(10, { message: 'Ngày kết thúc phải có dạng YYYY-MM-DD (to must be YYYY-MM-DD)' })
  to?: string;
}

/** Column order of the Ministry report (docs/national-exports.md): changing it is a new version. */
export const MINISTRY_REPORT_COLUMNS = ['ma_chi_tieu', 'chi_tieu', 'pham_vi', 'gia_tri'] as const;

/**
 * The Ministry's periodic statistics report, from the statistics the floor already keeps: the
 * province's figures (catalog's `StatisticsService`: enterprises, products, OCOP, as of the export)
 * per province and per commune, and the activity summed over the period (stamp scans, bulletin
 * views, product page views per Vietnam day). One row per figure and scope; UTF-8 with a BOM.
 */
@Injectable()
export class MinistryReport {
  constructor(
    private readonly stats: StatisticsService,
    private readonly scans: ScanStatistics,
    private readonly bulletinViews: ViewCounter,
    private readonly productViews: ProductPageViews,
    private readonly clock: Clock,
  ) {}

  period(q: ReportPeriodQueryDto): { from: string; to: string } {
    const today = vietnamDate(this.clock.now());
    const firstOfMonth = `${today.slice(0, 7)}-01`;
    const lastOfPrevious = new Date(Date.parse(`${firstOfMonth}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const from = q.from ?? `${lastOfPrevious.slice(0, 7)}-01`;
    const to = q.to ?? lastOfPrevious;
    return checkedPeriod(from, to, MAX_DAYS);
  }

  async csv(q: ReportPeriodQueryDto): Promise<{ filename: string; body: string }> {
    const { from, to } = this.period(q);
    const [overview, communes, scans, bulletinViews, productViews] = await Promise.all([
      this.stats.overview(),
      this.stats.communes(),
      this.scans.perDay(from, to),
      this.bulletinViews.perDay(from, to),
      this.productViews.perDay(from, to),
    ]);
    const sum = (rows: Array<{ count: number }>) => rows.reduce((n, r) => n + r.count, 0);
    const rows: Array<Array<string | number>> = [[...MINISTRY_REPORT_COLUMNS]];
    rows.push(['period.from', 'Kỳ báo cáo: từ ngày', 'tinh', from]);
    rows.push(['period.to', 'Kỳ báo cáo: đến ngày', 'tinh', to]);
    for (const [code, label, value] of overviewRows(overview)) rows.push([code, label, 'tinh', value]);
    rows.push(['activity.stampScans', 'Lượt quét tem truy xuất trong kỳ', 'tinh', sum(scans)]);
    rows.push(['activity.bulletinViews', 'Lượt xem tin bài trong kỳ', 'tinh', sum(bulletinViews)]);
    rows.push(['activity.productViews', 'Lượt xem trang sản phẩm trong kỳ', 'tinh', sum(productViews)]);
    for (const c of communes) {
      rows.push(['communes.enterprises', `Doanh nghiệp đã xác minh — ${c.communeName}`, c.communeCode, c.enterprises]);
      rows.push(['communes.publishedProducts', `Sản phẩm đang bán — ${c.communeName}`, c.communeCode, c.publishedProducts]);
      rows.push(['communes.ocopProducts', `Sản phẩm OCOP — ${c.communeName}`, c.communeCode, c.ocopProducts]);
    }
    return { filename: `bao-cao-thong-ke-${from}-${to}.csv`, body: toCsv(rows) };
  }
}
