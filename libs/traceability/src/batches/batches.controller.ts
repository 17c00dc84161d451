import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { Auth, CurrentUser, type Principal } from '@tradefloor/identity';
import { BatchAccess } from './batch-access.service';
import { BatchDto, BatchListDto, BatchListQueryDto, CreateBatchDto } from './batch.dto';
import { toBatchDto } from './batch.mapper';
import { BatchesService } from './batches.service';

@ApiTags('traceability')
@ApiBadRequestResponse({ type: ErrorEnvelopeDto })
@ApiNotFoundResponse({ type: ErrorEnvelopeDto })
@Auth()
@Controller('api/v1/batches')
export class BatchesController {
  constructor(
    private readonly batches: BatchesService,
    private readonly access: BatchAccess,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: BatchDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'LOT_CODE_TAKEN' })
  async create(@CurrentUser() user: Principal, @Body() dto: CreateBatchDto): Promise<BatchDto> {
    return toBatchDto(await this.batches.create(user, dto));
  }

  @Get()
  @ApiOkResponse({ type: BatchListDto })
  async list(@CurrentUser() user: Principal, @Query() query: BatchListQueryDto): Promise<BatchListDto> {
    return { items: (await this.batches.listForProduct(user, query.productId)).map(toBatchDto) };
  }

  @Get(':id')
  @ApiOkResponse({ type: BatchDto })
  async get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<BatchDto> {
    return toBatchDto((await this.access.assertCanManage(user, id)).batch);
  }
}
