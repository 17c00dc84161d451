import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RetentionSchedule } from '@tradefloor/core';
import { Auth } from '@tradefloor/identity';
import { RetentionScheduleDto } from './retention.dto';

/** The retention schedule in force and its latest run (administrators). */
@ApiTags('admin')
@Controller('api/v1/admin/retention')
export class RetentionController {
  constructor(private readonly retention: RetentionSchedule) {}

  @Get()
  @Auth('admin')
  @ApiOkResponse({ type: RetentionScheduleDto })
  async get(): Promise<RetentionScheduleDto> {
    return { rules: this.retention.rules(), lastRun: await this.retention.lastRun() };
  }
}
