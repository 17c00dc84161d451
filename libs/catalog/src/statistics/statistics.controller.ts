import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { communesCsv, overviewCsv } from './statistics-csv';
import { CommuneStatsDto, StatsOverviewDto } from './statistics.dto';
import { StatisticsService } from './statistics.service';

const CSV_TYPE = 'text/csv; charset=utf-8';
// Figures change only when sellers or editors act; a minute of caching spares the aggregates.
const CACHE = 'public, max-age=60';

@ApiTags('stats')
@Controller('api/v1/stats')
export class StatisticsController {
  constructor(private readonly stats: StatisticsService) {}

  @Get('overview')
  @Header('Cache-Control', CACHE)
  @ApiOperation({ summary: 'Thống kê tổng quan của tỉnh (province overview: enterprises, products, OCOP)' })
  @ApiOkResponse({ type: StatsOverviewDto })
  overview(): Promise<StatsOverviewDto> {
    return this.stats.overview();
  }

  @Get('overview.csv')
  @Header('Content-Type', CSV_TYPE)
  @Header('Content-Disposition', 'attachment; filename="thong-ke-tong-quan.csv"')
  @Header('Cache-Control', CACHE)
  @ApiOperation({ summary: 'Thống kê tổng quan dạng CSV (UTF-8 with BOM, for Excel)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Columns: Mã chỉ tiêu (JSON path of the figure), Chỉ tiêu, Giá trị', schema: { type: 'string' } })
  async overviewCsv(): Promise<string> {
    return overviewCsv(await this.stats.overview());
  }

  @Get('communes')
  @Header('Cache-Control', CACHE)
  @ApiOperation({ summary: 'Thống kê theo xã/phường (counts per commune)' })
  @ApiOkResponse({ type: CommuneStatsDto, isArray: true })
  communes(): Promise<CommuneStatsDto[]> {
    return this.stats.communes();
  }

  @Get('communes.csv')
  @Header('Content-Type', CSV_TYPE)
  @Header('Content-Disposition', 'attachment; filename="thong-ke-theo-xa.csv"')
  @Header('Cache-Control', CACHE)
  @ApiOperation({ summary: 'Thống kê theo xã/phường dạng CSV' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'One row per commune', schema: { type: 'string' } })
  async communesCsv(): Promise<string> {
    return communesCsv(await this.stats.communes());
  }
}
