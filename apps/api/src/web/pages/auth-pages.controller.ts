import { Body, Controller, Get, Inject, Ip, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, DomainError, type ResolvedConfig } from '@tradefloor/core';
import { AuthService, LoginDto, RegisterDto } from '@tradefloor/identity';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { alert, field } from '../html/forms';
import { html } from '../html/html';
import { layout, type PageContext } from '../html/layout';
import { assertCsrf, csrfField } from '../session/csrf';
import { validateForm, type FieldErrors } from '../session/form-validation';
import { WebSession } from '../session/web-session.service';
import { pageContext, sendPage } from './page-context';

type Form = Record<string, string | undefined>;

/** Sign-in, registration and sign-out for people using the web pages (cookie sessions). */
@ApiExcludeController()
@Controller()
export class AuthPagesController {
  constructor(
    private readonly auth: AuthService,
    private readonly session: WebSession,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  private get secure(): boolean {
    return this.config.publicBaseUrl.startsWith('https://');
  }

  @Get('dang-nhap')
  loginPage(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const registered = (req.query as { registered?: string }).registered === '1';
    this.renderLogin(req, reply, ctx, {}, {}, undefined, registered ? ctx.t('auth.registered') : undefined);
  }

  @Post('dang-nhap')
  async login(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form, @Ip() ip: string): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    assertCsrf(req);
    const { value, errors } = await validateForm(LoginDto, body);
    if (Object.keys(errors).length) return this.renderLogin(req, reply, ctx, body, errors, undefined, undefined, 400);
    try {
      this.session.signedIn(reply, await this.auth.login(value, ip));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (err.headers?.['Retry-After']) void reply.header('retry-after', err.headers['Retry-After']);
      return this.renderLogin(req, reply, ctx, body, {}, err.message, undefined, err.status);
    }
    void reply.redirect('/quan-ly', 303);
  }

  @Get('dang-ky')
  registerPage(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    this.renderRegister(req, reply, ctx, { role: (req.query as { role?: string }).role === 'business' ? 'business' : 'buyer' }, {});
  }

  @Post('dang-ky')
  async register(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form, @Ip() ip: string): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    assertCsrf(req);
    const { value, errors } = await validateForm(RegisterDto, body);
    if (Object.keys(errors).length) return this.renderRegister(req, reply, ctx, body, errors, undefined, 400);
    try {
      await this.auth.register(value, ip);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (err.headers?.['Retry-After']) void reply.header('retry-after', err.headers['Retry-After']);
      const fieldErrors = Object.fromEntries((err.details ?? []).map((d) => [d.field, d.message]));
      return this.renderRegister(req, reply, ctx, body, fieldErrors, err.message, err.status);
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

  private renderLogin(
    req: FastifyRequest,
    reply: FastifyReply,
    ctx: PageContext,
    form: Form,
    errors: FieldErrors,
    message?: string,
    notice?: string,
    status = 200,
  ): void {
    const { t } = ctx;
    const body = html`<h1>${t('auth.login.title')}</h1>
${alert(notice, 'success')}${alert(message)}
<form class="stack" method="post" action="/dang-nhap" novalidate>
${csrfField(req, reply, this.secure)}
${field({ name: 'email', label: t('auth.email'), type: 'email', value: form.email, error: errors.email, required: true, autocomplete: 'username' })}
${field({ name: 'password', label: t('auth.password'), type: 'password', error: errors.password, required: true, autocomplete: 'current-password' })}
<button type="submit">${t('auth.submit.login')}</button>
</form>
<p><a href="/dang-ky">${t('auth.noAccount')}</a></p>`;
    sendPage(reply, layout(ctx, { title: t('auth.login.title'), description: t('site.tagline'), path: '/dang-nhap' }, body), status, 'private');
  }

  private renderRegister(req: FastifyRequest, reply: FastifyReply, ctx: PageContext, form: Form, errors: FieldErrors, message?: string, status = 200): void {
    const { t } = ctx;
    const role = form.role === 'business' ? 'business' : 'buyer';
    const body = html`<h1>${t('auth.register.title')}</h1>
${alert(message)}
<form class="stack" method="post" action="/dang-ky" novalidate>
${csrfField(req, reply, this.secure)}
<fieldset><legend>${t('auth.role')}</legend>
<label><input type="radio" name="role" value="buyer"${role === 'buyer' ? html` checked` : ''}> ${t('auth.role.buyer')}</label><br>
<label><input type="radio" name="role" value="business"${role === 'business' ? html` checked` : ''}> ${t('auth.role.business')}</label>
${errors.role ? html`<p class="error">${errors.role}</p>` : ''}
</fieldset>
${field({ name: 'displayName', label: t('auth.displayName'), value: form.displayName, error: errors.displayName, required: true, autocomplete: 'name' })}
${field({ name: 'email', label: t('auth.email'), type: 'email', value: form.email, error: errors.email, required: true, autocomplete: 'email' })}
${field({ name: 'phone', label: t('auth.phone'), type: 'tel', value: form.phone, error: errors.phone, autocomplete: 'tel' })}
${field({ name: 'password', label: t('auth.password'), type: 'password', error: errors.password, required: true, autocomplete: 'new-password', hint: t('auth.password.hint') })}
<button type="submit">${t('auth.submit.register')}</button>
</form>
<p><a href="/dang-nhap">${t('auth.haveAccount')}</a></p>`;
    sendPage(reply, layout(ctx, { title: t('auth.register.title'), description: t('site.tagline'), path: '/dang-ky' }, body), status, 'private');
  }
}
