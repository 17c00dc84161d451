import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto, PageQueryDto } from '@tradefloor/core';
import { Auth, CurrentUser, OptionalAuth, type Principal } from '@tradefloor/identity';
import type { FastifyRequest } from 'fastify';
import {
  ModerateReviewDto,
  ModerationQueryDto,
  CreateReviewDto,
  LinkReviewDto,
  ReplyReviewDto,
  ReportReviewDto,
  ReviewPageDto,
  ReviewReportedDto,
  StaffReviewDto,
  StaffReviewPageDto,
} from './reviews.dto';
import { Reviews } from './reviews.service';

@ApiTags('reviews')
@Controller()
export class ReviewsController {
  constructor(private readonly reviews: Reviews) {}

  @Post('api/v1/reviews')
  @Auth()
  @ApiCreatedResponse({ type: StaffReviewDto, description: 'pending (or published when clean and REVIEWS_PUBLISH_CLEAN=true)' })
  @ApiBadRequestResponse({ type: ErrorEnvelopeDto, description: 'VALIDATION_FAILED, or SCREENING_PROHIBITED naming the term' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto, description: 'ORDER_NOT_FOUND: not the buyer of this sub-order' })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'SUB_ORDER_NOT_COMPLETED or REVIEW_EXISTS' })
  create(@CurrentUser() user: Principal, @Body() dto: CreateReviewDto): Promise<StaffReviewDto> {
    return this.reviews.create(user, dto);
  }

  /** A buyer without an account (or not signed in) reviews through the signed link of the "completed" mail. */
  @Post('api/v1/reviews/by-link/:token')
  @ApiCreatedResponse({ type: StaffReviewDto, description: 'pending (or published when clean and REVIEWS_PUBLISH_CLEAN=true)' })
  @ApiBadRequestResponse({ type: ErrorEnvelopeDto, description: 'VALIDATION_FAILED (productId not in the sub-order, stars, text), or SCREENING_PROHIBITED' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto, description: 'REVIEW_LINK_NOT_FOUND: wrong, altered or expired link (never says which)' })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'REVIEW_EXISTS' })
  createByLink(@Param('token') token: string, @Body() dto: LinkReviewDto): Promise<StaffReviewDto> {
    return this.reviews.createByLink(token.slice(0, 200), dto);
  }

  @Post('api/v1/reviews/:id/report')
  @OptionalAuth()
  @HttpCode(200)
  @ApiOkResponse({ type: ReviewReportedDto, description: 'Recorded once per reporter; a few reports hide the review until staff look' })
  report(
    @CurrentUser() user: Principal | undefined,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ReportReviewDto,
    @Req() req: FastifyRequest,
  ): Promise<ReviewReportedDto> {
    return this.reviews.report(id, user, req.ip, dto);
  }

  @Get('api/v1/products/:id/reviews')
  @ApiOkResponse({ type: ReviewPageDto, description: 'Published reviews, newest first, with the product-stars aggregate' })
  forProduct(@Param('id', new ParseUUIDPipe()) id: string, @Query() q: PageQueryDto): Promise<ReviewPageDto> {
    return this.reviews.productReviews(id, q);
  }

  @Get('api/v1/enterprises/:id/reviews')
  @ApiOkResponse({ type: ReviewPageDto, description: 'Published reviews of its products, newest first, with the seller-stars aggregate' })
  forEnterprise(@Param('id', new ParseUUIDPipe()) id: string, @Query() q: PageQueryDto): Promise<ReviewPageDto> {
    return this.reviews.enterpriseReviews(id, q);
  }

  @Post('api/v1/enterprises/:id/reviews/:reviewId/reply')
  @Auth()
  @HttpCode(200)
  @ApiOkResponse({ type: StaffReviewDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'REVIEW_ALREADY_REPLIED' })
  reply(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) enterpriseId: string,
    @Param('reviewId', new ParseUUIDPipe()) reviewId: string,
    @Body() dto: ReplyReviewDto,
  ): Promise<StaffReviewDto> {
    return this.reviews.reply(user, enterpriseId, reviewId, dto);
  }
}

@ApiTags('reviews')
@Controller('api/v1/admin/reviews')
@Auth('admin', 'editor')
export class ReviewModerationController {
  constructor(private readonly reviews: Reviews) {}

  @Get()
  @ApiOkResponse({ type: StaffReviewPageDto, description: 'Most reported first, then oldest' })
  queue(@Query() q: ModerationQueryDto): Promise<StaffReviewPageDto> {
    return this.reviews.moderationQueue(q);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOkResponse({ type: StaffReviewDto })
  publish(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ModerateReviewDto): Promise<StaffReviewDto> {
    return this.reviews.moderate(id, 'published', dto.note);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: StaffReviewDto })
  reject(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ModerateReviewDto): Promise<StaffReviewDto> {
    return this.reviews.moderate(id, 'rejected', dto.note);
  }

  @Post(':id/hide')
  @HttpCode(200)
  @ApiOkResponse({ type: StaffReviewDto })
  hide(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ModerateReviewDto): Promise<StaffReviewDto> {
    return this.reviews.moderate(id, 'hidden', dto.note);
  }
}
