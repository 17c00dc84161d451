import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { Auth } from '@tradefloor/identity';
import { SearchMaintenance } from '../indexing/search-maintenance.service';
import { DriftReportDto, RebuildReportDto } from './search-response.dto';

@ApiTags('admin')
@Controller('api/v1/admin/search')
@Auth('admin')
export class AdminSearchController {
  constructor(private readonly maintenance: SearchMaintenance) {}

  /** Rebuilds fresh indexes and swaps them in; answers when done (use the CLI for huge catalogs). */
  @Post('reindex')
  @HttpCode(200)
  @ApiOkResponse({ type: RebuildReportDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto })
  reindex(): Promise<RebuildReportDto> {
    return this.maintenance.rebuild();
  }

  @Get('drift')
  @ApiOkResponse({ type: DriftReportDto })
  drift(): Promise<DriftReportDto> {
    return this.maintenance.drift(false);
  }

  @Post('drift/repair')
  @HttpCode(200)
  @ApiOkResponse({ type: DriftReportDto })
  repair(): Promise<DriftReportDto> {
    return this.maintenance.drift(true);
  }
}
