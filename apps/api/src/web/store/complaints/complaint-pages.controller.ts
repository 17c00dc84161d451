import { Body, Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, DomainError, NotFoundError, type ResolvedConfig } from '@tradefloor/core';
import { Complaints, ComplaintLookupQueryDto, FileComplaintDto } from '@tradefloor/trust-safety';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorText } from '../../i18n/error-text';
import { pageContext, sendPage } from '../../kit/page-context';
import { queryText } from '../../kit/query';
import { assertCsrf, csrfField } from '../../session/csrf';
import { domainFieldErrors, validateForm } from '../../session/form-validation';
import { WebSession } from '../../session/web-session.service';
import { complaintFormPage, complaintLookupPage, complaintReceivedPage, type ComplaintFormState } from './complaint-pages.view';

type Form = Record<string, string | undefined>;

/** /khieu-nai — anyone files a complaint (the complaints service's rules and defences); /khieu-nai/tra-cuu follows one. */
@ApiExcludeController()
@Controller('khieu-nai')
export class ComplaintPagesController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly complaints: Complaints,
    private readonly session: WebSession,
  ) {}

  @Get()
  form(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    // Linked from a product or seller page: `?doi-tuong=product&id=<uuid>` (checked when filed).
    const subjectType = queryText(req.query, 'doi-tuong');
    const subjectId = queryText(req.query, 'id');
    // Linked from an order: `?don=TV-7K3M9Q-1` (the buyer still proves it is theirs when filing).
    const orderCode = queryText(req.query, 'don')?.slice(0, 20);
    const values: Form = subjectType && subjectId ? { subjectType, subjectId } : {};
    if (orderCode) Object.assign(values, { orderCode, kind: 'order_problem' });
    this.renderForm(req, reply, { values, errors: {} });
  }

  @Post()
  async file(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    assertCsrf(req);
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const { value, errors } = await validateForm(FileComplaintDto, body, ctx.lang);
    if (Object.keys(errors).length) return this.renderForm(req, reply, { values: body, errors, message: ctx.t('ts.cmp.invalid') }, 400);
    try {
      // The honeypot travels to the service, which answers a bot with a receipt-shaped nothing.
      const receipt = await this.complaints.file(value, req.ip, await this.session.principal(req, reply));
      sendPage(reply, complaintReceivedPage(ctx, receipt), 200, 'private');
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (err.headers?.['Retry-After']) void reply.header('retry-after', err.headers['Retry-After']);
      const fieldErrors = domainFieldErrors(err, ctx.lang);
      const message = err.status === 429 ? ctx.t('ts.cmp.tooMany') : Object.keys(fieldErrors).length ? ctx.t('ts.cmp.invalid') : errorText(ctx.lang, err);
      this.renderForm(req, reply, { values: body, errors: fieldErrors, message }, err.status);
    }
  }

  @Get('tra-cuu')
  lookupForm(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    // The mails link here with the code (`?ma=`); the email is still asked for.
    const code = queryText(req.query, 'ma')?.slice(0, 40);
    sendPage(reply, complaintLookupPage(ctx, csrfField(req, reply, ctx.secure), { values: code ? { code } : {}, errors: {} }), 200, 'private');
  }

  @Post('tra-cuu')
  async lookup(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    assertCsrf(req);
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const csrf = csrfField(req, reply, ctx.secure);
    const { value, errors } = await validateForm(ComplaintLookupQueryDto, { email: body.email }, ctx.lang);
    const code = body.code?.trim() ?? '';
    if (!code) errors.code = ctx.t('ts.cmp.code');
    if (Object.keys(errors).length)
      return sendPage(reply, complaintLookupPage(ctx, csrf, { values: body, errors, message: ctx.t('ts.cmp.invalid') }), 400, 'private');
    try {
      const found = await this.complaints.lookup(code.slice(0, 40), value.email);
      sendPage(reply, complaintLookupPage(ctx, csrf, { values: body, errors: {} }, found), 200, 'private');
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      sendPage(reply, complaintLookupPage(ctx, csrf, { values: body, errors: {}, message: ctx.t('ts.cmp.lookup.notFound') }), 404, 'private');
    }
  }

  private renderForm(req: FastifyRequest, reply: FastifyReply, state: ComplaintFormState, status = 200): void {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    // Private: the page carries this visitor's CSRF token.
    sendPage(reply, complaintFormPage(ctx, this.complaints.kinds(), csrfField(req, reply, ctx.secure), state), status, 'private');
  }
}
