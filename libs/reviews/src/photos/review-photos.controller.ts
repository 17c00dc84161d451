import { Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IMAGE_UPLOAD_BODY, readUploadedImage } from '@tradefloor/catalog';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { Auth, CurrentUser, OptionalAuth, type Principal } from '@tradefloor/identity';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReviewPhotos, type ReviewPhotoStatus } from './review-photos.service';

export class ReviewPhotoStatusDto {
  @ApiProperty({ enum: ['pending', 'approved'], nullable: true, type: String, description: 'pending: waits for staff; null: no photo' })
  photoStatus!: ReviewPhotoStatus | null;
}

export class ReviewPhotoQueryDto {
  @ApiPropertyOptional({ enum: ['full', 'thumb'], default: 'full' })
  @IsOptional()
  @IsIn(['full', 'thumb'], { message: 'Kích thước: full hoặc thumb (size)' })
  size?: 'full' | 'thumb';
}

export class ReviewLinkPhotoQueryDto {
  @ApiProperty({ format: 'uuid', description: 'The reviewed product of the link’s sub-order' })
  @IsUUID('all', { message: 'Mã sản phẩm không hợp lệ (productId must be a UUID)' })
  productId!: string;
}

const NOT_VISIBLE = { type: ErrorEnvelopeDto, description: 'No such photo, or not yours to see yet' };

/** A review's one photo: its author uploads or removes it, everyone sees it once approved. */
@ApiTags('reviews')
@Controller('api/v1/reviews/:id/photo')
export class ReviewPhotosController {
  constructor(private readonly photos: ReviewPhotos) {}

  @Put()
  @Auth()
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody(IMAGE_UPLOAD_BODY)
  @ApiOkResponse({ type: ReviewPhotoStatusDto, description: 'Re-encoded without metadata; shown once staff approve it' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto, description: 'Not your review' })
  async put(@Param('id') id: string, @Req() req: FastifyRequest, @CurrentUser() user: Principal): Promise<ReviewPhotoStatusDto> {
    return this.photos.attach(user, id, await readUploadedImage(req));
  }

  @Delete()
  @Auth()
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto, description: 'Not your review, or no photo' })
  async remove(@Param('id') id: string, @CurrentUser() user: Principal): Promise<void> {
    await this.photos.remove(user, id);
  }

  @Get()
  @OptionalAuth()
  @ApiProduces('image/webp')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'WebP; public once approved with the review published' })
  @ApiNotFoundResponse(NOT_VISIBLE)
  async get(
    @Param('id') id: string,
    @Query() q: ReviewPhotoQueryDto,
    @CurrentUser() user: Principal | undefined,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { file, isPublic } = await this.photos.open(id, q.size ?? 'full', user, req.headers['if-none-match']);
    // Short-lived even when public: hiding the review must take the photo down with it.
    void reply.header('cache-control', isPublic ? 'public, max-age=300' : 'private, no-store').header('etag', file.etag);
    if ('notModified' in file) {
      await reply.status(304).send();
      return;
    }
    await reply.header('content-type', 'image/webp').header('content-length', String(file.size)).header('x-content-type-options', 'nosniff').send(file.stream);
  }
}

/**
 * The photo of a review written through the signed link of the "completed" mail: the link is the
 * guest's key, as for the review itself. A wrong, altered or expired link is 404.
 */
@ApiTags('reviews')
@Controller('api/v1/reviews/by-link/:token/photo')
export class ReviewLinkPhotosController {
  constructor(private readonly photos: ReviewPhotos) {}

  @Put()
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody(IMAGE_UPLOAD_BODY)
  @ApiOkResponse({ type: ReviewPhotoStatusDto, description: 'Re-encoded without metadata; shown once staff approve it' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto, description: 'REVIEW_LINK_NOT_FOUND, or no review of this product through the link' })
  async put(@Param('token') token: string, @Query() q: ReviewLinkPhotoQueryDto, @Req() req: FastifyRequest): Promise<ReviewPhotoStatusDto> {
    return this.photos.attachByLink(token.slice(0, 200), q.productId, await readUploadedImage(req));
  }

  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto, description: 'REVIEW_LINK_NOT_FOUND, no such review, or no photo' })
  async remove(@Param('token') token: string, @Query() q: ReviewLinkPhotoQueryDto): Promise<void> {
    await this.photos.removeByLink(token.slice(0, 200), q.productId);
  }
}

/** Staff decide on photos (the review's own moderation is separate). */
@ApiTags('admin')
@Controller('api/v1/admin/reviews/:id/photo')
@Auth('admin', 'editor')
export class ReviewPhotoModerationController {
  constructor(private readonly photos: ReviewPhotos) {}

  @Post('approve')
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewPhotoStatusDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  approve(@Param('id') id: string): Promise<ReviewPhotoStatusDto> {
    return this.photos.moderate(id, 'approved');
  }

  @Post('reject')
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewPhotoStatusDto, description: 'The photo is deleted; the review stays' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  reject(@Param('id') id: string): Promise<ReviewPhotoStatusDto> {
    return this.photos.moderate(id, 'rejected');
  }
}
