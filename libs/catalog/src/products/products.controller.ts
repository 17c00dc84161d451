import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { Auth, CurrentUser, type Principal } from '@tradefloor/identity';
import { CreateProductDto, UpdateProductDto } from '../dto/product-input.dto';
import { ProductDto, PublicProductDto } from '../dto/product-output.dto';
import { ProductLifecycle } from './product-lifecycle.service';
import { ProductQueries } from './product-queries.service';
import { ProductsService } from './products.service';
import { PublicProducts } from './public-products.service';

@ApiTags('products')
@Controller('api/v1/products')
export class ProductsController {
  constructor(
    private readonly products: ProductsService,
    private readonly lifecycle: ProductLifecycle,
    private readonly queries: ProductQueries,
    private readonly publicProducts: PublicProducts,
  ) {}

  @Post()
  @Auth()
  @ApiCreatedResponse({ type: ProductDto, description: 'A draft product' })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'SKU already used in the enterprise' })
  async create(@CurrentUser() user: Principal, @Body() dto: CreateProductDto): Promise<ProductDto> {
    const p = await this.products.create(user, dto);
    return this.queries.byId(p.id);
  }

  @Get('by-id/:id')
  @Auth()
  @ApiOkResponse({ type: ProductDto, description: 'Owner / moderator view, any status, with rejectionReason' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  get(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<ProductDto> {
    return this.queries.getForManager(user, id);
  }

  @Get(':slug')
  @ApiOkResponse({ type: PublicProductDto, description: 'Published products of verified enterprises only' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  bySlug(@Param('slug') slug: string): Promise<PublicProductDto> {
    return this.publicProducts.bySlug(slug);
  }

  @Patch(':id')
  @Auth()
  @ApiOkResponse({ type: ProductDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  async update(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateProductDto): Promise<ProductDto> {
    const p = await this.products.update(user, id, dto);
    return this.queries.byId(p.id);
  }

  @Post(':id/submit')
  @Auth()
  @HttpCode(200)
  @ApiOkResponse({ type: ProductDto, description: 'draft | rejected → pending_review' })
  @ApiConflictResponse({ type: ErrorEnvelopeDto })
  submit(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<ProductDto> {
    return this.act(user, id, 'submit');
  }

  @Post(':id/unlist')
  @Auth()
  @HttpCode(200)
  @ApiOkResponse({ type: ProductDto, description: 'published → unlisted' })
  @ApiConflictResponse({ type: ErrorEnvelopeDto })
  unlist(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<ProductDto> {
    return this.act(user, id, 'unlist');
  }

  @Post(':id/relist')
  @Auth()
  @HttpCode(200)
  @ApiOkResponse({ type: ProductDto, description: 'unlisted → published (enterprise must be verified)' })
  @ApiConflictResponse({ type: ErrorEnvelopeDto })
  relist(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<ProductDto> {
    return this.act(user, id, 'relist');
  }

  @Post(':id/archive')
  @Auth()
  @HttpCode(200)
  @ApiOkResponse({ type: ProductDto, description: 'any → archived (final)' })
  @ApiConflictResponse({ type: ErrorEnvelopeDto })
  archive(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<ProductDto> {
    return this.act(user, id, 'archive');
  }

  private async act(user: Principal, id: string, action: 'submit' | 'unlist' | 'relist' | 'archive'): Promise<ProductDto> {
    await this.lifecycle.byOwner(user, id, action);
    return this.queries.byId(id);
  }
}
