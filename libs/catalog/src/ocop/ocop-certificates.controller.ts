import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { Auth, CurrentUser, type Principal } from '@tradefloor/identity';
import {
  CreateOcopCertificateDto,
  ExpiringCertificatesQueryDto,
  OcopCertificateDto,
  OcopCertificateListDto,
  OcopStatisticsDto,
  RevokeOcopCertificateDto,
} from '../dto/ocop.dto';
import { ProductQueries } from '../products/product-queries.service';
import { OcopCertificates, toCertificateDto } from './ocop-certificates.service';

@ApiTags('ocop')
@Controller()
export class OcopCertificatesController {
  constructor(
    private readonly certificates: OcopCertificates,
    private readonly queries: ProductQueries,
  ) {}

  @Post('api/v1/products/:id/ocop-certificates')
  @Auth('admin', 'editor')
  @ApiCreatedResponse({ type: OcopCertificateDto, description: 'validUntil = decisionDate + 36 months' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  async add(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CreateOcopCertificateDto): Promise<OcopCertificateDto> {
    return toCertificateDto(await this.certificates.add(user, id, dto));
  }

  @Get('api/v1/products/:id/ocop-certificates')
  @Auth()
  @ApiOkResponse({ type: OcopCertificateDto, isArray: true, description: 'All certificates of the product, newest decision first' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  async history(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<OcopCertificateDto[]> {
    // Same audience as the owner view: the enterprise's members, admins and editors.
    await this.queries.getForManager(user, id);
    return (await this.certificates.history(id)).map(toCertificateDto);
  }

  @Get('api/v1/admin/ocop-certificates/expiring')
  @Auth('admin', 'editor')
  @ApiOkResponse({ type: OcopCertificateListDto, description: 'Valid certificates ending within `days` days, soonest first' })
  async expiring(@Query() q: ExpiringCertificatesQueryDto): Promise<OcopCertificateListDto> {
    const list = await this.certificates.expiring(q);
    return { ...list, items: list.items.map(toCertificateDto), page: q.page, pageSize: q.pageSize };
  }

  @Post('api/v1/admin/ocop-certificates/:id/revoke')
  @Auth('admin', 'editor')
  @HttpCode(200)
  @ApiOkResponse({ type: OcopCertificateDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'Not valid any more' })
  async revoke(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: RevokeOcopCertificateDto): Promise<OcopCertificateDto> {
    return toCertificateDto(await this.certificates.revoke(id, dto.reason));
  }

  @Get('api/v1/ocop/statistics')
  @ApiOkResponse({ type: OcopStatisticsDto, description: 'Visible products by OCOP level (valid certificates only)' })
  statistics(): Promise<OcopStatisticsDto> {
    return this.certificates.statistics();
  }
}
