import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PublicProducts, ProductViews } from '@tradefloor/catalog';
import { APP_CONFIG, DomainError, isUuid, NotFoundError, type ResolvedConfig } from '@tradefloor/core';
import { CreateInquiryDto, FormTokens, InquirySubmissions, clientInfo } from '@tradefloor/inquiries';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { assertCsrf, csrfField } from '../../session/csrf';
import { validateForm, domainFieldErrors } from '../../session/form-validation';
import { WebSession } from '../../session/web-session.service';
import { pageContext, sendPage } from '../../kit/page-context';
import { notFoundPage } from '../../html/error-page.view';
import { errorText } from '../../i18n/error-text';
import { inquiryFormPage, inquiryThanksPage, type InquiryFormState, type InquiryProduct } from './inquiry-form.view';
import { productInquiryUrl } from '../../kit/urls';

type Form = Record<string, string | undefined>;

/** /san-pham/:slug/hoi-mua — a buyer asks the seller about a product (POST → thank-you page, or the form again). */
@ApiExcludeController()
@Controller('san-pham/:slug/hoi-mua')
export class InquiryFormController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly products: PublicProducts,
    private readonly views: ProductViews,
    private readonly submissions: InquirySubmissions,
    private readonly tokens: FormTokens,
    private readonly session: WebSession,
  ) {}

  @Get()
  async form(@Param('slug') slug: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const product = await this.product(slug);
    if (!product) return this.notFound(req, reply);
    const user = await this.session.principal(req, reply);
    this.render(req, reply, product, user, { values: {}, errors: {} });
  }

  @Post()
  async submit(@Param('slug') slug: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    assertCsrf(req);
    const found = await this.product(slug);
    if (!found) return this.notFound(req, reply);
    const { id, view: product } = found;
    const user = await this.session.principal(req, reply);
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const { value, errors } = await validateForm(CreateInquiryDto, body, ctx.lang);
    if (Object.keys(errors).length) {
      return this.render(req, reply, found, user, { values: body, errors, message: ctx.t('inq.invalid') }, 400);
    }
    try {
      const receipt = await this.submissions.submit(id, value, user, clientInfo(req));
      void reply.redirect(`${productInquiryUrl(product.slug)}/da-gui?ref=${receipt.reference}`, 303);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (err instanceof NotFoundError) return this.notFound(req, reply);
      if (err.headers?.['Retry-After']) void reply.header('retry-after', err.headers['Retry-After']);
      const fieldErrors = domainFieldErrors(err, ctx.lang);
      // The form token is hidden: its problem (too fast, expired) is said in the alert instead.
      const message = fieldErrors.formToken ?? (err.status === 429 ? ctx.t('inq.tooMany') : errorText(ctx.lang, err));
      this.render(req, reply, found, user, { values: body, errors: fieldErrors, message }, err.status);
    }
  }

  @Get('da-gui')
  async thanks(@Param('slug') slug: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const product = await this.product(slug);
    if (!product) return this.notFound(req, reply);
    const ref = (req.query as { ref?: unknown }).ref;
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    sendPage(reply, inquiryThanksPage(ctx, product.view, typeof ref === 'string' && isUuid(ref) ? ref : undefined), 200, 'private');
  }

  private async product(slug: string): Promise<{ id: string; view: InquiryProduct } | undefined> {
    try {
      const p = await this.products.bySlug(slug);
      const view = await this.views.get(p.id);
      return {
        id: p.id,
        view: {
          slug: p.slug,
          name: p.name,
          unit: p.unit,
          enterpriseName: p.enterprise.name,
          thumbnailUrl: view?.thumbnailUrl ?? null,
          minOrderQuantity: p.minOrderQuantity,
        },
      };
    } catch (err) {
      if (err instanceof NotFoundError) return undefined;
      throw err;
    }
  }

  private render(
    req: FastifyRequest,
    reply: FastifyReply,
    p: { view: InquiryProduct },
    user: Parameters<typeof inquiryFormPage>[2],
    state: InquiryFormState,
    status = 200,
  ): void {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    // A posted token that is merely young is kept (it will be old enough when the form is re-sent).
    const posted = state.values.formToken;
    const check = this.tokens.check(posted);
    const formToken = posted && (check === 'ok' || check === 'too-fast') ? posted : this.tokens.issue();
    const csrf = csrfField(req, reply, ctx.secure);
    // Private: the page carries this visitor's CSRF and form tokens.
    sendPage(reply, inquiryFormPage(ctx, p.view, user, { csrf, formToken }, state), status, 'private');
  }

  private notFound(req: FastifyRequest, reply: FastifyReply): void {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    sendPage(reply, notFoundPage(ctx, ctx.t('notfound.title')), 404);
  }
}
