import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res, StreamableFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { Auth, CurrentUser, type Principal } from '@tradefloor/identity';
import type { FastifyReply } from 'fastify';
import { ConsentListDto, RecordConsentDto } from './consents/consent.dto';
import { Consents } from './consents/consents.service';
import { AccountErasure } from './erasure/account-erasure.service';
import { AccountClosedDto, CloseAccountDto } from './erasure/erasure.dto';
import { DataExportDto } from './exports/data-export.dto';
import { DataExports } from './exports/data-exports.service';

/** The signed-in person's own data: consents, export, closing the account ("Dữ liệu của tôi"). */
@ApiTags('privacy')
@ApiBadRequestResponse({ type: ErrorEnvelopeDto })
@Controller('api/v1/me')
@Auth()
export class MePrivacyController {
  constructor(
    private readonly consents: Consents,
    private readonly exports: DataExports,
    private readonly erasure: AccountErasure,
  ) {}

  @Get('consents')
  @ApiOkResponse({ type: ConsentListDto, description: 'Every purpose with its current state (latest event; none = not granted) and the ledger' })
  listConsents(@CurrentUser() user: Principal): Promise<ConsentListDto> {
    return this.consents.list(user.id);
  }

  @Post('consents')
  @HttpCode(200)
  @ApiOkResponse({ type: ConsentListDto, description: 'Recorded (append-only, channel `api`); withdrawing partner sharing disconnects that channel' })
  recordConsent(@CurrentUser() user: Principal, @Body() dto: RecordConsentDto): Promise<ConsentListDto> {
    return this.consents.record(user.id, dto.purpose, dto.granted, 'api');
  }

  @Get('data-export')
  @ApiOkResponse({ type: DataExportDto, description: 'The latest export while it is pending or ready to download' })
  @ApiAcceptedResponse({ type: DataExportDto, description: 'No export pending or ready: a new one was started (a job builds it)' })
  async latestExport(@CurrentUser() user: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<DataExportDto> {
    const latest = await this.exports.latest(user.id);
    if (latest && (latest.status === 'pending' || latest.status === 'ready')) return latest;
    reply.status(202);
    return this.exports.start(user.id);
  }

  @Post('data-export')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: DataExportDto, description: 'Started (or the one still pending/ready is returned)' })
  startExport(@CurrentUser() user: Principal): Promise<DataExportDto> {
    return this.exports.start(user.id);
  }

  @Get('data-export/:id/archive')
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'data.json and one JSON + CSV file per section; once only', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto, description: 'No such export of yours' })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'EXPORT_NOT_READY' })
  @ApiGoneResponse({ type: ErrorEnvelopeDto, description: 'EXPORT_GONE: already downloaded or expired' })
  async archive(@CurrentUser() user: Principal, @Param('id') id: string): Promise<StreamableFile> {
    const file = await this.exports.download(user.id, id);
    return new StreamableFile(file.data, { type: 'application/zip', disposition: `attachment; filename="${file.filename}"`, length: file.data.length });
  }

  @Delete()
  @HttpCode(200)
  @ApiOkResponse({ type: AccountClosedDto, description: 'Account closed, personal data erased or pseudonymised, sessions revoked' })
  @ApiUnauthorizedResponse({ type: ErrorEnvelopeDto, description: 'PASSWORD_MISMATCH' })
  close(@CurrentUser() user: Principal, @Body() dto: CloseAccountDto): Promise<AccountClosedDto> {
    return this.erasure.close(user.id, dto.password);
  }
}
