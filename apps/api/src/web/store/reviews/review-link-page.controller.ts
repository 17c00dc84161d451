import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, DomainError, NotFoundError, type ResolvedConfig } from '@tradefloor/core';
import { LinkReviewDto, Reviews } from '@tradefloor/reviews';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorText } from '../../i18n/error-text';
import { notFoundPage } from '../../html/error-page.view';
import { pageContext, sendPage } from '../../kit/page-context';
import { queryText } from '../../kit/query';
import { assertCsrf, csrfField } from '../../session/csrf';
import { domainFieldErrors, validateBody } from '../../session/form-validation';
import { REVIEW_PATH, reviewPage, type ReviewFormState } from './review-link-page.view';

type Form = Record<string, string | undefined>;

/**
 * The review page of the signed link in the "completed" mail (`/danh-gia/:token`): guests and
 * signed-in buyers alike (the link is the buyer's key; /quan-ly/don-mua links here too). Posts go
 * through `Reviews.createByLink` — the same one-per-line rule, screening and moderation as the API.
 * A wrong, altered or expired link is the plain 404 page: it says nothing about any order.
 */
@ApiExcludeController()
@Controller('danh-gia')
export class ReviewLinkPageController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly reviews: Reviews,
  ) {}

  @Get(':token')
  async show(@Param('token') token: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const flash = queryText(req.query, 'done') === 'sent' ? 'ord.review.sent' : undefined;
    await this.render(req, reply, token, 200, flash);
  }

  @Post(':token')
  async post(@Param('token') token: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    assertCsrf(req);
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const productId = String(body.productId ?? '');
    const input = {
      productId,
      productStars: body.productStars ? Number(body.productStars) : undefined,
      sellerStars: body.sellerStars ? Number(body.sellerStars) : undefined,
      text: body.text ?? '',
    };
    const values = { productStars: body.productStars, sellerStars: body.sellerStars, text: body.text };
    const { value, errors } = await validateBody(LinkReviewDto, input, ctx.lang);
    if (Object.keys(errors).length) return this.render(req, reply, token, 400, undefined, { productId, values, errors }, ctx.t('ord.checkout.invalid'));
    try {
      await this.reviews.createByLink(token, value);
    } catch (err) {
      if (err instanceof NotFoundError) return this.notFound(req, reply);
      if (!(err instanceof DomainError)) throw err;
      const fields = domainFieldErrors(err, ctx.lang);
      return this.render(req, reply, token, err.status, undefined, { productId, values, errors: fields }, errorText(ctx.lang, err));
    }
    void reply.status(303).header('location', `${REVIEW_PATH}/${token}?done=sent`).header('cache-control', 'private, no-store').send();
  }

  private async render(
    req: FastifyRequest,
    reply: FastifyReply,
    token: string,
    status: number,
    flash?: 'ord.review.sent',
    state?: ReviewFormState,
    message?: string,
  ): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    let data;
    try {
      data = await this.reviews.linkLines(token.slice(0, 200));
    } catch (err) {
      if (err instanceof NotFoundError) return this.notFound(req, reply);
      throw err;
    }
    const field = csrfField(req, reply, ctx.secure); // one token for every form of the page
    const csrf = () => field;
    sendPage(reply, reviewPage(ctx, token, data, csrf, flash ? ctx.t(flash) : undefined, state, message), status, 'private');
  }

  private notFound(req: FastifyRequest, reply: FastifyReply): void {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    sendPage(reply, notFoundPage(ctx), 404, 'private');
  }
}
