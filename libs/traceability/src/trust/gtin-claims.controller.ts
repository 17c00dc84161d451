import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto, ForbiddenError } from '@tradefloor/core';
import { EnterpriseAccess } from '@tradefloor/enterprise-profile';
import { Auth, CurrentUser, type Principal } from '@tradefloor/identity';
import { GtinClaims } from './gtin-claims.service';
import { Gs1PrefixDto, Gs1PrefixStateDto, GtinClaimListDto, GtinClaimQueryDto, RejectGtinClaimDto } from './trust.dto';

/** GTIN ownership on the floor: an enterprise's GS1 company prefix, and the moderators' queue of disputed claims. */
@ApiTags('traceability')
@ApiBadRequestResponse({ type: ErrorEnvelopeDto })
@ApiNotFoundResponse({ type: ErrorEnvelopeDto })
@Controller('api/v1')
export class GtinClaimsController {
  constructor(
    private readonly claims: GtinClaims,
    private readonly enterprises: EnterpriseAccess,
  ) {}

  @Get('enterprises/:id/gs1-prefix')
  @Auth()
  @ApiOkResponse({ type: Gs1PrefixStateDto })
  async prefix(@CurrentUser() user: Principal, @Param('id') id: string): Promise<Gs1PrefixStateDto> {
    const enterprise = await this.enterprises.assertCanManage(user, id);
    return { prefix: await this.claims.prefixOf(enterprise.id) };
  }

  @Put('enterprises/:id/gs1-prefix')
  @Auth()
  @ApiOkResponse({ type: Gs1PrefixStateDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'GS1_PREFIX_TAKEN' })
  async declarePrefix(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: Gs1PrefixDto): Promise<Gs1PrefixStateDto> {
    const enterprise = await this.enterprises.assertCanManage(user, id);
    // A prefix decides whose GTINs are confirmed: only a seller the floor verified may declare one.
    if (enterprise.status !== 'verified') {
      throw new ForbiddenError(
        'Chỉ doanh nghiệp đã xác minh mới khai báo được mã GS1 (only verified enterprises may declare a GS1 prefix)',
        'ENTERPRISE_NOT_VERIFIED',
      );
    }
    await this.claims.declarePrefix(user, enterprise.id, dto.prefix);
    return { prefix: dto.prefix };
  }

  @Get('admin/gtin-claims')
  @Auth('admin', 'editor')
  @ApiOkResponse({ type: GtinClaimListDto, description: 'Claims on GTINs, oldest first (default: those waiting for review)' })
  async list(@Query() query: GtinClaimQueryDto): Promise<GtinClaimListDto> {
    return { items: await this.claims.list(query.status ?? 'pending_review') };
  }

  @Post('admin/gtin-claims/:id/approve')
  @Auth('admin', 'editor')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The claimant now holds the GTIN; a previous holder loses it' })
  @ApiConflictResponse({ type: ErrorEnvelopeDto })
  async approve(@CurrentUser() user: Principal, @Param('id') id: string): Promise<void> {
    await this.claims.approve(user, id);
  }

  @Post('admin/gtin-claims/:id/reject')
  @Auth('admin', 'editor')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ type: ErrorEnvelopeDto })
  async reject(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: RejectGtinClaimDto): Promise<void> {
    await this.claims.reject(user, id, dto.reason);
  }
}
