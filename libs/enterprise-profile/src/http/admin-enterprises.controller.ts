import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { Auth } from '@tradefloor/identity';
import { ReasonDto } from '../dto/enterprise-input.dto';
import { EnterpriseDto, EnterpriseListDto } from '../dto/enterprise-output.dto';
import { AdminEnterpriseQuery } from '../dto/enterprise-query.dto';
import { EnterpriseMapper } from '../enterprises/enterprise.mapper';
import { EnterpriseQueries } from '../enterprises/enterprise-queries.service';
import { EnterpriseVerification } from '../enterprises/enterprise-verification.service';

@ApiTags('admin')
@Controller('api/v1/admin/enterprises')
@Auth('admin')
export class AdminEnterprisesController {
  constructor(
    private readonly verification: EnterpriseVerification,
    private readonly queries: EnterpriseQueries,
    private readonly mapper: EnterpriseMapper,
  ) {}

  @Get()
  @ApiOkResponse({ type: EnterpriseListDto, description: 'Hàng đợi xác minh: nộp sớm nhất trước (verification queue, oldest first)' })
  @ApiBadRequestResponse({ type: ErrorEnvelopeDto })
  async list(@Query() query: AdminEnterpriseQuery): Promise<EnterpriseListDto> {
    const page = await this.queries.adminList(query);
    return { ...page, items: await Promise.all(page.items.map((e) => this.mapper.full(e))) };
  }

  @Post(':id/verify')
  @HttpCode(200)
  @ApiOkResponse({ type: EnterpriseDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'INVALID_STATE' })
  async verify(@Param('id', new ParseUUIDPipe()) id: string): Promise<EnterpriseDto> {
    return this.mapper.full(await this.verification.verify(id));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: EnterpriseDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'INVALID_STATE' })
  async reject(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ReasonDto): Promise<EnterpriseDto> {
    return this.mapper.full(await this.verification.reject(id, dto.reason));
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @ApiOkResponse({ type: EnterpriseDto, description: 'Ẩn doanh nghiệp và sản phẩm (hides the enterprise and its products)' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'INVALID_STATE' })
  async suspend(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ReasonDto): Promise<EnterpriseDto> {
    return this.mapper.full(await this.verification.suspend(id, dto.reason));
  }

  @Post(':id/reinstate')
  @HttpCode(200)
  @ApiOkResponse({ type: EnterpriseDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'INVALID_STATE' })
  async reinstate(@Param('id', new ParseUUIDPipe()) id: string): Promise<EnterpriseDto> {
    return this.mapper.full(await this.verification.reinstate(id));
  }
}
