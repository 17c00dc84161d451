import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { Auth, CurrentUser, type Principal } from '@tradefloor/identity';
import { AnomaliesDto, ScanSeriesDto, ScanSeriesQueryDto, StampRangesDto } from './dashboard.dto';
import { TraceabilityDashboard } from './traceability-dashboard.service';

@ApiTags('traceability')
@ApiBadRequestResponse({ type: ErrorEnvelopeDto })
@ApiNotFoundResponse({ type: ErrorEnvelopeDto })
@Auth()
@Controller('api/v1')
export class TraceabilityDashboardController {
  constructor(private readonly dashboard: TraceabilityDashboard) {}

  @Get('batches/:id/scans')
  @ApiOkResponse({ type: ScanSeriesDto })
  scans(@CurrentUser() user: Principal, @Param('id') id: string, @Query() query: ScanSeriesQueryDto): Promise<ScanSeriesDto> {
    return this.dashboard.scanSeries(user, id, query);
  }

  @Get('batches/:id/stamps/ranges')
  @ApiOkResponse({ type: StampRangesDto })
  ranges(@CurrentUser() user: Principal, @Param('id') id: string): Promise<StampRangesDto> {
    return this.dashboard.stampRanges(user, id);
  }

  @Get('enterprises/:id/traceability/anomalies')
  @ApiOkResponse({ type: AnomaliesDto })
  anomalies(@CurrentUser() user: Principal, @Param('id') id: string): Promise<AnomaliesDto> {
    return this.dashboard.anomalies(user, id);
  }
}
