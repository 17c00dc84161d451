import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorEnvelopeDto, UnauthorizedError, type RawBodyRequest } from '@tradefloor/core';
import { Auth, CurrentUser, type Principal } from '@tradefloor/identity';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  DecideIdentityDto,
  ElectronicStartedDto,
  IdentityClaimDto,
  IdentityQueueQueryDto,
  IdentityRequestDto,
  IdentityRequestListDto,
  IdentityStatusDto,
  StartElectronicDto,
  SubmitIdentityProofDto,
} from './identity.dto';
import { SellerIdentity } from './seller-identity.service';

@ApiTags('identity')
@Controller('api/v1/enterprises/:id/identity')
@Auth()
export class SellerIdentityController {
  constructor(private readonly identity: SellerIdentity) {}

  @Get()
  @ApiOkResponse({ type: IdentityStatusDto, description: 'The enterprise’s identity state (members only)' })
  status(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<IdentityStatusDto> {
    return this.identity.status(user, id);
  }

  @Post('proofs')
  @ApiCreatedResponse({ type: IdentityRequestDto, description: 'Staff review: queued for provincial staff' })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'IDENTITY_PENDING' })
  submit(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: SubmitIdentityProofDto): Promise<IdentityRequestDto> {
    return this.identity.submitProof(user, id, dto);
  }

  @Post('electronic')
  @ApiCreatedResponse({ type: ElectronicStartedDto, description: 'Send the seller to redirectUrl' })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'IDENTITY_PENDING | IDENTITY_ELECTRONIC_UNAVAILABLE' })
  start(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: StartElectronicDto): Promise<ElectronicStartedDto> {
    return this.identity.startElectronic(user, id, dto);
  }

  @Post('electronic/check')
  @HttpCode(200)
  @ApiOkResponse({ type: IdentityStatusDto, description: 'Asks the service now (the seller came back from it)' })
  check(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<IdentityStatusDto> {
    return this.identity.checkNow(user, id);
  }
}

@ApiTags('identity')
@Controller()
export class PublicIdentityController {
  constructor(private readonly identity: SellerIdentity) {}

  @Get('api/v1/enterprises/:id/identity-claim')
  @ApiOkResponse({ type: IdentityClaimDto, description: '“Verified identity” — true only while verified and unexpired' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  claim(@Param('id', new ParseUUIDPipe()) id: string): Promise<IdentityClaimDto> {
    return this.identity.claim(id);
  }

  /** The electronic identity service's signed notification: a hint; the status is re-fetched. */
  @Post('api/v1/identity/electronic/notifications')
  @ApiNoContentResponse()
  @ApiUnauthorizedResponse({ type: ErrorEnvelopeDto })
  async notification(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const raw = (req as RawBodyRequest).tfRawBody ?? Buffer.alloc(0);
    if (!(await this.identity.notification(raw, req.headers))) {
      throw new UnauthorizedError('Chữ ký thông báo không hợp lệ (invalid notification signature)', 'INVALID_NOTIFICATION_SIGNATURE');
    }
    void reply.status(204);
  }
}

@ApiTags('admin')
@Controller('api/v1/admin/identity')
@Auth('admin', 'editor')
export class StaffIdentityController {
  constructor(private readonly identity: SellerIdentity) {}

  @Get('requests')
  @ApiOkResponse({ type: IdentityRequestListDto, description: 'Pending first-come first-served by default' })
  queue(@Query() q: IdentityQueueQueryDto): Promise<IdentityRequestListDto> {
    return this.identity.queue(q);
  }

  @Get('requests/:id')
  @ApiOkResponse({ type: IdentityRequestDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  request(@Param('id', new ParseUUIDPipe()) id: string): Promise<IdentityRequestDto> {
    return this.identity.request(id);
  }

  @Post('requests/:id/decision')
  @HttpCode(200)
  @ApiOkResponse({ type: IdentityRequestDto })
  @ApiConflictResponse({
    type: ErrorEnvelopeDto,
    description: 'IDENTITY_DECIDED | IDENTITY_DOCUMENT_EXPIRING | IDENTITY_DOCUMENT_EXPIRED | IDENTITY_NOT_REVIEWABLE',
  })
  decide(@CurrentUser() staff: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: DecideIdentityDto): Promise<IdentityRequestDto> {
    return this.identity.decide(staff, id, dto);
  }

  @Get('enterprises/:id')
  @ApiOkResponse({ type: IdentityStatusDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  status(@Param('id', new ParseUUIDPipe()) id: string): Promise<IdentityStatusDto> {
    return this.identity.statusOf(id);
  }
}
