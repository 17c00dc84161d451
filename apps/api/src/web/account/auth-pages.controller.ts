import { Body, Controller, Get, Inject, Ip, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, DomainError, type ResolvedConfig } from '@tradefloor/core';
import { AuthService, LegalAcceptanceRequiredError, LoginDto, RegisterDto } from '@tradefloor/identity';
import { isLegalDocument, legalVersionPath } from '@tradefloor/legal';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { layout, type PageContext } from '../html/layout';
import { assertCsrf, csrfField } from '../session/csrf';
import { domainFieldErrors, validateForm } from '../session/form-validation';
import { WebSession } from '../session/web-session.service';
import { errorText } from '../i18n/error-text';
import { pageContext, sendPage } from '../kit/page-context';
import { legalAcceptanceView } from '../store/legal/legal.view';
import { loginView, registerView, type AuthForm as Form, type AuthFormState } from './auth.view';

/** Sign-in, registration and sign-out for people using the web pages (cookie sessions). */
@ApiExcludeController()
@Controller()
export class AuthPagesController {
  constructor(
    private readonly auth: AuthService,
    private readonly session: WebSession,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  @Get('dang-nhap')
  loginPage(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const registered = (req.query as { registered?: string }).registered === '1';
    this.renderLogin(req, reply, ctx, { form: {}, errors: {}, notice: registered ? ctx.t('auth.registered') : undefined });
  }

  @Post('dang-nhap')
  async login(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form, @Ip() ip: string): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    assertCsrf(req);
    const { value, errors } = await validateForm(LoginDto, body, ctx.lang);
    if (Object.keys(errors).length) return this.renderLogin(req, reply, ctx, { form: body, errors }, 400);
    try {
      this.session.signedIn(reply, await this.auth.login(value, ip));
    } catch (err) {
      if (err instanceof LegalAcceptanceRequiredError) return this.renderAcceptance(req, reply, ctx, err);
      if (!(err instanceof DomainError)) throw err;
      if (err.headers?.['Retry-After']) void reply.header('retry-after', err.headers['Retry-After']);
      return this.renderLogin(req, reply, ctx, { form: body, errors: {}, message: errorText(ctx.lang, err) }, err.status);
    }
    void reply.redirect('/quan-ly', 303);
  }

  /** The acceptance page's form: records the pending versions, then signs in as the sign-in would have. */
  @Post('dang-nhap/dong-y')
  async accept(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    assertCsrf(req);
    const ticket = body.ticket ?? '';
    const versions = (body.versions ?? '')
      .split(',')
      .map((pair) => pair.split(':'))
      .filter(([document, n]) => document && isLegalDocument(document) && /^\d{1,6}$/.test(n ?? ''))
      .map(([document, n]) => ({ document: document!, version: Number(n) }));
    try {
      if (body.accept !== 'yes' || !versions.length) {
        // Not ticked: ask again with what is still pending (the ticket says who; the service says what).
        return this.renderAcceptance(
          req,
          reply,
          ctx,
          await this.auth.acceptLegalAndSignIn(ticket, [], 'web').then(
            () => undefined,
            (e) => e,
          ),
          ctx.t('legal.accept.required'),
        );
      }
      this.session.signedIn(reply, await this.auth.acceptLegalAndSignIn(ticket, versions, 'web'));
    } catch (err) {
      if (err instanceof LegalAcceptanceRequiredError) return this.renderAcceptance(req, reply, ctx, err);
      if (!(err instanceof DomainError)) throw err;
      return this.renderLogin(req, reply, ctx, { form: {}, errors: {}, message: errorText(ctx.lang, err) }, err.status);
    }
    void reply.redirect('/quan-ly', 303);
  }

  @Get('dang-ky')
  registerPage(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    this.renderRegister(req, reply, ctx, { form: { role: (req.query as { role?: string }).role === 'business' ? 'business' : 'buyer' }, errors: {} });
  }

  @Post('dang-ky')
  async register(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form, @Ip() ip: string): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    assertCsrf(req);
    // The unticked box is absent from the post: only an explicit tick accepts the documents.
    const { value, errors } = await validateForm(RegisterDto, { ...body, acceptTerms: body.acceptTerms === 'yes' }, ctx.lang);
    if (Object.keys(errors).length) return this.renderRegister(req, reply, ctx, { form: body, errors }, 400);
    try {
      await this.auth.register(value, ip, 'web');
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (err.headers?.['Retry-After']) void reply.header('retry-after', err.headers['Retry-After']);
      return this.renderRegister(req, reply, ctx, { form: body, errors: domainFieldErrors(err, ctx.lang), message: errorText(ctx.lang, err) }, err.status);
    }
    void reply.redirect('/dang-nhap?registered=1', 303);
  }

  @Post('dang-xuat')
  async logout(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    // The form was bound to the signed-in user: resolve the session (renewing it if needed) first.
    await this.session.principal(req, reply);
    assertCsrf(req);
    await this.session.end(req, reply);
    void reply.redirect('/', 303);
  }

  private renderLogin(req: FastifyRequest, reply: FastifyReply, ctx: PageContext, state: Omit<AuthFormState, 'csrf'>, status = 200): void {
    const body = loginView(ctx, { ...state, csrf: csrfField(req, reply, ctx.secure) });
    sendPage(reply, layout(ctx, { title: ctx.t('auth.login.title'), description: ctx.t('site.tagline'), path: '/dang-nhap' }, body), status, 'private');
  }

  private renderAcceptance(req: FastifyRequest, reply: FastifyReply, ctx: PageContext, err: unknown, error?: string): void {
    if (!(err instanceof LegalAcceptanceRequiredError)) {
      // Nothing pending any more (or the ticket expired): back to signing in.
      const message = err instanceof DomainError ? errorText(ctx.lang, err) : undefined;
      return this.renderLogin(req, reply, ctx, { form: {}, errors: {}, message }, err instanceof DomainError ? err.status : 200);
    }
    const pending = err.pending.map((p) => ({ ...p, url: isLegalDocument(p.document) ? legalVersionPath(p.document, p.version) : '/' }));
    const ticket = err.headers?.['X-Legal-Acceptance-Ticket'] ?? '';
    const body = legalAcceptanceView(ctx, { pending, ticket, csrf: csrfField(req, reply, ctx.secure), error });
    sendPage(
      reply,
      layout(ctx, { title: ctx.t('legal.accept.title'), description: ctx.t('site.tagline'), path: '/dang-nhap', noindex: true }, body),
      error ? 400 : 200,
      'private',
    );
  }

  private renderRegister(req: FastifyRequest, reply: FastifyReply, ctx: PageContext, state: Omit<AuthFormState, 'csrf'>, status = 200): void {
    const body = registerView(ctx, { ...state, csrf: csrfField(req, reply, ctx.secure) });
    sendPage(reply, layout(ctx, { title: ctx.t('auth.register.title'), description: ctx.t('site.tagline'), path: '/dang-ky' }, body), status, 'private');
  }
}
