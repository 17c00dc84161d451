import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto, PageQueryDto } from '@tradefloor/core';
import { Auth } from '@tradefloor/identity';
import { IsIn, IsOptional } from 'class-validator';
import { ApproveProductDto, RejectProductDto } from '../dto/product-input.dto';
import { ProductDto, ProductListDto } from '../dto/product-output.dto';
import { PRODUCT_STATUSES, type ProductStatus } from '../entities/product.entity';
import { ProductLifecycle } from './product-lifecycle.service';
import { ProductQueries } from './product-queries.service';

export class ModerationQueueQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: PRODUCT_STATUSES, default: 'pending_review' })
  @IsOptional()
  @IsIn(PRODUCT_STATUSES as unknown as string[])
  status?: ProductStatus;
}

/** The moderation queue of admins and editors. */
@ApiTags('admin')
@Controller('api/v1/admin/products')
@Auth('admin', 'editor')
export class AdminProductsController {
  constructor(
    private readonly lifecycle: ProductLifecycle,
    private readonly queries: ProductQueries,
  ) {}

  @Get()
  @ApiOkResponse({ type: ProductListDto, description: 'Oldest submission first' })
  list(@Query() q: ModerationQueueQuery): Promise<ProductListDto> {
    return this.queries.listForModeration({ status: q.status ?? 'pending_review', page: q.page, pageSize: q.pageSize });
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: ProductDto, description: 'pending_review → published' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  @ApiConflictResponse({
    type: ErrorEnvelopeDto,
    description:
      'Wrong status (an edit sent it back to draft), STALE_REVISION, enterprise not verified, or SCREENING_PROHIBITED (a prohibited term matched; send overrideScreening with overrideReason)',
  })
  async approve(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ApproveProductDto): Promise<ProductDto> {
    const override = dto.overrideScreening && dto.overrideReason ? { reason: dto.overrideReason } : undefined;
    await this.lifecycle.moderate(id, 'approve', undefined, dto.revision, override);
    return this.queries.byId(id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: ProductDto, description: 'pending_review → rejected; the owner sees the reason' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto })
  async reject(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: RejectProductDto): Promise<ProductDto> {
    await this.lifecycle.moderate(id, 'reject', dto.reason);
    return this.queries.byId(id);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOkResponse({ type: ProductDto, description: 'Take a listing down for good (any → archived)' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto })
  async archive(@Param('id', new ParseUUIDPipe()) id: string): Promise<ProductDto> {
    await this.lifecycle.moderate(id, 'archive');
    return this.queries.byId(id);
  }
}
