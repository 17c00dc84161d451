import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, DomainError, NotFoundError, type ResolvedConfig } from '@tradefloor/core';
import { MAX_IMAGE_BYTES } from '@tradefloor/catalog';
import { LinkReviewDto, ReviewPhotos, Reviews } from '@tradefloor/reviews';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readMultipartForm } from '../../back-office/multipart-form';
import { errorText } from '../../i18n/error-text';
import type { MessageKey } from '../../i18n/messages';
import { notFoundPage } from '../../html/error-page.view';
import { pageContext, sendPage } from '../../kit/page-context';
import { doneMessage } from '../../kit/query';
import { assertCsrf, csrfField } from '../../session/csrf';
import { domainFieldErrors, validateBody } from '../../session/form-validation';
import { REVIEW_PATH, reviewPage, type ReviewPageState } from './review-link-page.view';

type Form = Record<string, string | undefined>;

/** What a redirect after a post says it did (`?done=`), as message keys. */
const DONE = { sent: 'ord.review.sent', photo: 'ord.review.photoSent', 'photo-removed': 'ord.review.photoRemoved' } as const satisfies Record<
  string,
  MessageKey
>;

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
    private readonly photos: ReviewPhotos,
  ) {}

  @Get(':token')
  async show(@Param('token') token: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { t } = pageContext(req, reply, this.config.publicBaseUrl);
    await this.render(req, reply, token, 200, { flash: doneMessage(t, req.query, DONE) });
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
    if (Object.keys(errors).length) return this.render(req, reply, token, 400, { form: { productId, values, errors }, message: ctx.t('ord.checkout.invalid') });
    try {
      await this.reviews.createByLink(token, value);
    } catch (err) {
      if (err instanceof NotFoundError) return this.notFound(req, reply);
      if (!(err instanceof DomainError)) throw err;
      const fields = domainFieldErrors(err, ctx.lang);
      return this.render(req, reply, token, err.status, { form: { productId, values, errors: fields }, message: errorText(ctx.lang, err) });
    }
    this.done(reply, token, 'sent');
  }

  /** A reviewed line's photo (multipart: the CSRF token is one of the parts, read first). */
  @Post(':token/anh')
  async photo(@Param('token') token: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const upload = await readMultipartForm(req, MAX_IMAGE_BYTES);
    assertCsrf(req);
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const productId = String(upload.fields.productId ?? '');
    if (!upload.file) {
      const message = ctx.t(upload.tooLarge ? 'biz.image.tooLarge' : 'biz.image.missing');
      return this.render(req, reply, token, 400, { photoError: { productId, message } });
    }
    try {
      await this.photos.attachByLink(token.slice(0, 200), productId, upload.file);
    } catch (err) {
      if (err instanceof NotFoundError) return this.notFound(req, reply);
      if (!(err instanceof DomainError) || err.status >= 500) throw err;
      const message = Object.values(domainFieldErrors(err, ctx.lang))[0] ?? errorText(ctx.lang, err);
      return this.render(req, reply, token, err.status, { photoError: { productId, message } });
    }
    this.done(reply, token, 'photo');
  }

  @Post(':token/anh/xoa')
  async removePhoto(@Param('token') token: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    assertCsrf(req);
    try {
      await this.photos.removeByLink(token.slice(0, 200), String(body.productId ?? ''));
    } catch (err) {
      if (err instanceof NotFoundError) return this.notFound(req, reply);
      throw err;
    }
    this.done(reply, token, 'photo-removed');
  }

  private done(reply: FastifyReply, token: string, what: keyof typeof DONE): void {
    void reply.status(303).header('location', `${REVIEW_PATH}/${token}?done=${what}`).header('cache-control', 'private, no-store').send();
  }

  private async render(req: FastifyRequest, reply: FastifyReply, token: string, status: number, shown: ReviewPageState = {}): Promise<void> {
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
    sendPage(reply, reviewPage(ctx, token, data, csrf, shown), status, 'private');
  }

  private notFound(req: FastifyRequest, reply: FastifyReply): void {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    sendPage(reply, notFoundPage(ctx), 404, 'private');
  }
}
