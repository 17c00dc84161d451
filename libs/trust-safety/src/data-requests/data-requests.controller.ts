import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto, PageQueryDto } from '@tradefloor/core';
import { Auth, CurrentUser, type Principal } from '@tradefloor/identity';
import { CreateDataRequestDto, DataRequestDto, DataRequestListDto } from './data-request.dto';
import { DataRequests } from './data-requests.service';

/** Authority data requests (administrators only). */
@ApiTags('admin')
@Controller('api/v1/admin/data-requests')
@Auth('admin')
export class DataRequestsController {
  constructor(private readonly requests: DataRequests) {}

  @Post()
  @ApiCreatedResponse({ type: DataRequestDto, description: 'Recorded (audited); the archive is built by a durable job, usually within seconds' })
  create(@CurrentUser() actor: Principal, @Body() dto: CreateDataRequestDto): Promise<DataRequestDto> {
    return this.requests.create(actor, dto);
  }

  @Get()
  @ApiOkResponse({ type: DataRequestListDto, description: 'Newest first' })
  list(@Query() q: PageQueryDto): Promise<DataRequestListDto> {
    return this.requests.list(q.page, q.pageSize);
  }

  @Get(':id')
  @ApiOkResponse({ type: DataRequestDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<DataRequestDto> {
    return this.requests.get(id);
  }

  @Get(':id/archive')
  @ApiProduces('application/zip')
  @ApiOkResponse({
    description: 'data.json (everything) and CSV tables (enterprise, products, members, takedowns, complaints, audit); each download is audited',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'DATA_REQUEST_NOT_READY' })
  async archive(@Param('id', new ParseUUIDPipe()) id: string): Promise<StreamableFile> {
    const file = await this.requests.download(id);
    return new StreamableFile(file.data, { type: 'application/zip', disposition: `attachment; filename="${file.filename}"`, length: file.data.length });
  }
}
