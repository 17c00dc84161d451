import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, DomainError, NotFoundError, type ResolvedConfig } from '@tradefloor/core';
import { ReportReviewDto, Reviews } from '@tradefloor/reviews';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFoundPage } from '../../html/error-page.view';
import { errorText } from '../../i18n/error-text';
import { pageContext, sendPage } from '../../kit/page-context';
import { assertCsrf, csrfField } from '../../session/csrf';
import { validateForm } from '../../session/form-validation';
import { WebSession } from '../../session/web-session.service';
import { reviewReportPage, type ReviewReportState } from './review-pages.view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `/danh-gia/:id/bao-cao` — anyone reports a published review (linked from each review on the
 * product page). The same `Reviews.report` as the JSON API: once per reporter (the signed-in
 * user, else the client address), rate-limited, and three reports hide the review until staff
 * look. A page of its own so the cached product page carries no CSRF token.
 */
@ApiExcludeController()
@Controller('danh-gia')
export class ReviewReportController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly reviews: Reviews,
    private readonly session: WebSession,
  ) {}

  @Get(':id/bao-cao')
  form(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    if (!UUID.test(id)) return this.notFound(req, reply);
    this.render(req, reply, id, {});
  }

  @Post(':id/bao-cao')
  async report(
    @Param('id') id: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: Record<string, string | undefined>,
  ): Promise<void> {
    assertCsrf(req);
    if (!UUID.test(id)) return this.notFound(req, reply);
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const { value, errors } = await validateForm(ReportReviewDto, { reason: body.reason ?? '' }, ctx.lang);
    if (Object.keys(errors).length)
      return this.render(req, reply, id, { reason: body.reason, error: errors.reason, message: ctx.t('rev.report.invalid') }, 400);
    try {
      await this.reviews.report(id, await this.session.principal(req, reply), req.ip, value);
      this.render(req, reply, id, { done: true });
    } catch (err) {
      if (err instanceof NotFoundError) return this.render(req, reply, id, { reason: body.reason, message: ctx.t('rev.report.notFound') }, 404);
      if (!(err instanceof DomainError)) throw err;
      if (err.headers?.['Retry-After']) void reply.header('retry-after', err.headers['Retry-After']);
      this.render(req, reply, id, { reason: body.reason, message: err.status === 429 ? ctx.t('rev.report.tooMany') : errorText(ctx.lang, err) }, err.status);
    }
  }

  private render(req: FastifyRequest, reply: FastifyReply, id: string, state: ReviewReportState, status = 200): void {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    sendPage(reply, reviewReportPage(ctx, id, csrfField(req, reply, ctx.secure), state), status, 'private');
  }

  private notFound(req: FastifyRequest, reply: FastifyReply): void {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    sendPage(reply, notFoundPage(ctx, ctx.t('rev.report.notFound')), 404);
  }
}
