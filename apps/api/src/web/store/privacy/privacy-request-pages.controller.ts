import { Body, Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, DomainError, type ResolvedConfig } from '@tradefloor/core';
import { PrivacyRequests, SubmitPrivacyRequestDto } from '@tradefloor/privacy';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorText } from '../../i18n/error-text';
import { pageContext, sendPage } from '../../kit/page-context';
import { assertCsrf, csrfField } from '../../session/csrf';
import { domainFieldErrors, validateForm } from '../../session/form-validation';
import { privacyRequestFormPage, privacyRequestReceivedPage, type PrivacyRequestFormState } from './privacy-request-pages.view';

type Form = Record<string, string | undefined>;

/** /yeu-cau-du-lieu-ca-nhan — anyone, with or without an account, asks about their personal data (the staff queue's timers start here). */
@ApiExcludeController()
@Controller('yeu-cau-du-lieu-ca-nhan')
export class PrivacyRequestPagesController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly requests: PrivacyRequests,
  ) {}

  @Get()
  form(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    this.renderForm(req, reply, { values: {}, errors: {} });
  }

  @Post()
  async submit(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    assertCsrf(req);
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const form = { ...body, phone: body.phone?.trim() ? body.phone : undefined };
    const { value, errors } = await validateForm(SubmitPrivacyRequestDto, form, ctx.lang);
    if (Object.keys(errors).length) return this.renderForm(req, reply, { values: body, errors, message: ctx.t('pv.req.invalid') }, 400);
    try {
      // The honeypot travels to the service, which answers a bot with a receipt and stores nothing.
      const receipt = await this.requests.submit(value, req.ip);
      sendPage(reply, privacyRequestReceivedPage(ctx, receipt), 200, 'private');
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (err.headers?.['Retry-After']) void reply.header('retry-after', err.headers['Retry-After']);
      const fieldErrors = domainFieldErrors(err, ctx.lang);
      const message = err.status === 429 ? ctx.t('pv.req.tooMany') : Object.keys(fieldErrors).length ? ctx.t('pv.req.invalid') : errorText(ctx.lang, err);
      this.renderForm(req, reply, { values: body, errors: fieldErrors, message }, err.status);
    }
  }

  private renderForm(req: FastifyRequest, reply: FastifyReply, state: PrivacyRequestFormState, status = 200): void {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    // Private: the page carries this visitor's CSRF token.
    sendPage(reply, privacyRequestFormPage(ctx, csrfField(req, reply, ctx.secure), state), status, 'private');
  }
}
