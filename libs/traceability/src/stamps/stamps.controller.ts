import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { Auth, CurrentUser, type Principal } from '@tradefloor/identity';
import { ActivateStampsDto, IssueStampsDto, IssuedStampsDto, RevokeStampsDto, SeqRangeDto, StampCountDto } from './stamp.dto';
import { StampExports } from './stamp-exports.service';
import { StampIssuer } from './stamp-issuer.service';
import { StampLifecycle } from './stamp-lifecycle.service';
import { ClearWarningDto, WarningReviewDto, WarningReviewListDto } from '../trust/trust.dto';
import { WarningReviews } from '../verification/warning-reviews.service';

const BINARY = { schema: { type: 'string', format: 'binary' } };

/** Owner-side stamp operations: issue, activate, revoke, export. */
@ApiTags('traceability')
@ApiBadRequestResponse({ type: ErrorEnvelopeDto })
@ApiNotFoundResponse({ type: ErrorEnvelopeDto })
@Auth()
@Controller('api/v1')
export class StampsController {
  constructor(
    private readonly issuer: StampIssuer,
    private readonly lifecycle: StampLifecycle,
    private readonly exports: StampExports,
    private readonly reviews: WarningReviews,
  ) {}

  @Post('batches/:id/stamps')
  @ApiCreatedResponse({ type: IssuedStampsDto })
  issue(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: IssueStampsDto): Promise<IssuedStampsDto> {
    return this.issuer.issue(user, id, dto.count);
  }

  @Post('batches/:id/stamps/activate')
  @HttpCode(200)
  @ApiOkResponse({ type: StampCountDto, description: 'Issued stamps of the range become activated' })
  async activate(@CurrentUser() user: Principal, @Param('id') id: string, @Body() dto: ActivateStampsDto): Promise<StampCountDto> {
    return { changed: await this.lifecycle.activate(user, id, dto) };
  }

  @Post('stamps/revoke')
  @HttpCode(200)
  @ApiOkResponse({ type: StampCountDto })
  async revoke(@CurrentUser() user: Principal, @Body() dto: RevokeStampsDto): Promise<StampCountDto> {
    return { changed: await this.lifecycle.revoke(user, dto) };
  }

  @Post('stamps/:serial/warning/clear')
  @HttpCode(200)
  @ApiOkResponse({ type: WarningReviewDto, description: 'The owner reviewed a "may be copied" warning: thresholds count from now on (recorded)' })
  clearWarning(@CurrentUser() user: Principal, @Param('serial') serial: string, @Body() dto: ClearWarningDto): Promise<WarningReviewDto> {
    return this.reviews.clear(user, serial, dto.note);
  }

  @Get('stamps/:serial/warning/reviews')
  @ApiOkResponse({ type: WarningReviewListDto, description: 'Who cleared this stamp’s warning, and when' })
  async warningReviews(@CurrentUser() user: Principal, @Param('serial') serial: string): Promise<WarningReviewListDto> {
    return { items: await this.reviews.history(user, serial) };
  }

  @Get('batches/:id/stamps.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({ ...BINARY, description: 'seq,serial,url,state' })
  async csv(@CurrentUser() user: Principal, @Param('id') id: string, @Query() range: SeqRangeDto): Promise<StreamableFile> {
    const file = await this.exports.csv(user, id, range);
    return new StreamableFile(file.stream, { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${file.filename}"` });
  }

  @Get('batches/:id/stamps.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ ...BINARY, description: 'A4 sheets, 5 × 7 stamps per page; rendered once per batch version, then served from storage' })
  async pdf(@CurrentUser() user: Principal, @Param('id') id: string, @Query() range: SeqRangeDto): Promise<StreamableFile> {
    const file = await this.exports.pdf(user, id, range);
    return new StreamableFile(file.stream, { type: 'application/pdf', disposition: `attachment; filename="${file.filename}"`, length: file.size });
  }

  @Get('stamps/:serial/qr.svg')
  @Header('content-type', 'image/svg+xml')
  @ApiProduces('image/svg+xml')
  @ApiOkResponse({ schema: { type: 'string' } })
  async svg(@CurrentUser() user: Principal, @Param('serial') serial: string): Promise<string> {
    return (await this.exports.qr(user, serial, 'svg')) as string;
  }

  @Get('stamps/:serial/qr.png')
  @ApiProduces('image/png')
  @ApiOkResponse(BINARY)
  async png(@CurrentUser() user: Principal, @Param('serial') serial: string): Promise<StreamableFile> {
    return new StreamableFile((await this.exports.qr(user, serial, 'png')) as Buffer, { type: 'image/png' });
  }
}
