import { Body, Controller, Delete, HttpCode, Param, ParseUUIDPipe, Post, Put, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { Auth, CurrentUser, type Principal } from '@tradefloor/identity';
import type { FastifyRequest } from 'fastify';
import { ReorderImagesDto } from '../dto/product-input.dto';
import { ProductDto, ProductImageDto } from '../dto/product-output.dto';
import { ProductQueries } from '../products/product-queries.service';
import { toImageDto } from '../products/product-mapper';
import { IMAGE_UPLOAD_BODY, readUploadedImage } from './image-upload';
import { ProductImages } from './product-images.service';

@ApiTags('products')
@Controller('api/v1/products/:id/images')
@Auth()
export class ProductImagesController {
  constructor(
    private readonly images: ProductImages,
    private readonly queries: ProductQueries,
  ) {}

  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiBody(IMAGE_UPLOAD_BODY)
  @ApiCreatedResponse({ type: ProductImageDto, description: 'Re-encoded to WebP without metadata, with a 400 px thumbnail' })
  @ApiBadRequestResponse({ type: ErrorEnvelopeDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  async upload(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Req() req: FastifyRequest): Promise<ProductImageDto> {
    return toImageDto(await this.images.add(user, id, await readUploadedImage(req)));
  }

  @Put('order')
  @ApiOkResponse({ type: ProductDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  async reorder(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ReorderImagesDto): Promise<ProductDto> {
    await this.images.reorder(user, id, dto.imageIds);
    return this.queries.byId(id);
  }

  @Delete(':imageId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Image and its files removed' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  async remove(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('imageId', new ParseUUIDPipe()) imageId: string,
  ): Promise<void> {
    await this.images.remove(user, id, imageId);
  }
}
