import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto, PageQueryDto } from '@tradefloor/core';
import { Auth, CurrentUser, type Principal } from '@tradefloor/identity';
import { BatchAccess } from './batch-access.service';
import { BatchDto, BatchListDto, BatchListQueryDto, CreateBatchDto, EnterpriseBatchListDto } from './batch.dto';
import { toBatchDto } from './batch.mapper';
import { BatchesService } from './batches.service';

@ApiTags('traceability')
@ApiBadRequestResponse({ type: ErrorEnvelopeDto })
@ApiNotFoundResponse({ type: ErrorEnvelopeDto })
@Auth()
@Controller('api/v1')
export class BatchesController {
  constructor(
    private readonly batches: BatchesService,
    private readonly access: BatchAccess,
  ) {}

  @Post('batches')
  @ApiCreatedResponse({ type: BatchDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'LOT_CODE_TAKEN' })
  async create(@CurrentUser() user: Principal, @Body() dto: CreateBatchDto): Promise<BatchDto> {
    return toBatchDto(await this.batches.create(user, dto));
  }

  @Get('batches')
  @ApiOkResponse({ type: BatchListDto })
  async list(@CurrentUser() user: Principal, @Query() query: BatchListQueryDto): Promise<BatchListDto> {
    return { items: (await this.batches.listForProduct(user, query.productId)).map(toBatchDto) };
  }

  @Get('batches/:id')
  @ApiOkResponse({ type: BatchDto })
  async get(@CurrentUser() user: Principal, @Param('id') id: string): Promise<BatchDto> {
    return toBatchDto((await this.access.assertCanManage(user, id)).batch);
  }

  @Get('enterprises/:id/batches')
  @ApiOkResponse({ type: EnterpriseBatchListDto, description: 'Batches of all the enterprise’s products, newest first' })
  async listForEnterprise(@CurrentUser() user: Principal, @Param('id') id: string, @Query() query: PageQueryDto): Promise<EnterpriseBatchListDto> {
    const { items, total } = await this.batches.listForEnterprise(user, id, query);
    return { items: items.map((i) => ({ ...toBatchDto(i.batch), productName: i.productName })), total, page: query.page, pageSize: query.pageSize };
  }
}
