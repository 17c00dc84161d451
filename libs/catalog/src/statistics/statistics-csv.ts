import { toCsv } from '@tradefloor/core';
import type { CommuneStatsDto, StatsOverviewDto } from './statistics.dto';

const KIND_LABELS: Record<string, string> = {
  household: 'hộ kinh doanh',
  company: 'công ty',
  private_enterprise: 'doanh nghiệp tư nhân',
  cooperative: 'hợp tác xã',
  cooperative_group: 'tổ hợp tác',
};

/** One row per figure: its JSON path (stable for machines), a Vietnamese label, the value. */
export function overviewCsv(o: StatsOverviewDto): string {
  return toCsv([['Mã chỉ tiêu', 'Chỉ tiêu', 'Giá trị'], ...overviewRows(o)]);
}

/** The overview's figures as [code, label, value] rows (also the Ministry report's, libs/federation). */
export function overviewRows(o: StatsOverviewDto): Array<[string, string, string | number]> {
  const rows: Array<[string, string, string | number]> = [];
  rows.push(['enterprises.verified', 'Doanh nghiệp đã xác minh trên sàn', o.enterprises.verified]);
  for (const [k, v] of Object.entries(o.enterprises.byKind)) rows.push([`enterprises.byKind.${k}`, `Doanh nghiệp đã xác minh: ${KIND_LABELS[k]}`, v]);
  rows.push(['products.published', 'Sản phẩm đang bán trên sàn', o.products.published]);
  rows.push(['products.typicalRuralIndustrial', 'Sản phẩm công nghiệp nông thôn tiêu biểu', o.products.typicalRuralIndustrial]);
  rows.push(['products.withOtherCertification', 'Sản phẩm đạt chứng nhận khác', o.products.withOtherCertification]);
  rows.push(['ocop.products', 'Sản phẩm OCOP còn hiệu lực', o.ocop.products]);
  rows.push(['ocop.fiveStar', 'Sản phẩm OCOP 5 sao', o.ocop.fiveStar]);
  rows.push(['ocop.potentialFiveStar', 'Sản phẩm OCOP tiềm năng 5 sao', o.ocop.potentialFiveStar]);
  rows.push(['ocop.fourStar', 'Sản phẩm OCOP 4 sao', o.ocop.fourStar]);
  rows.push(['ocop.threeStar', 'Sản phẩm OCOP 3 sao', o.ocop.threeStar]);
  rows.push(['ocop.published', 'Sản phẩm OCOP đang bán trên sàn', o.ocop.published]);
  rows.push(['ocop.subjects', 'Chủ thể OCOP', o.ocop.subjects]);
  for (const [k, v] of Object.entries(o.ocop.subjectsByKind)) rows.push([`ocop.subjectsByKind.${k}`, `Chủ thể OCOP: ${KIND_LABELS[k]}`, v]);
  rows.push(['asOf', 'Ngày số liệu', o.asOf]);
  return rows;
}

export function communesCsv(list: CommuneStatsDto[]): string {
  return toCsv([
    ['Mã xã/phường', 'Tên xã/phường', 'Doanh nghiệp đã xác minh', 'Sản phẩm đang bán', 'Sản phẩm OCOP'],
    ...list.map((c) => [c.communeCode, c.communeName, c.enterprises, c.publishedProducts, c.ocopProducts]),
  ]);
}
