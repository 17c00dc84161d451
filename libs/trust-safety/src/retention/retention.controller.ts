import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RetentionSchedule, type RetentionRule, type RetentionRun } from '@tradefloor/core';
import { Auth } from '@tradefloor/identity';

/** The retention schedule in force and its latest run (administrators). */
@ApiTags('admin')
@Controller('api/v1/admin/retention')
export class RetentionController {
  constructor(private readonly retention: RetentionSchedule) {}

  @Get()
  @Auth('admin')
  @ApiOkResponse({ description: '{rules: [{kind, description, days, envVar}], lastRun: {ranAt, counts} | null}' })
  async get(): Promise<{ rules: RetentionRule[]; lastRun: RetentionRun | null }> {
    return { rules: this.retention.rules(), lastRun: await this.retention.lastRun() };
  }
}
