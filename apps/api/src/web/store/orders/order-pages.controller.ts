import { Body, Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, DomainError, isSecureSite, NotFoundError, ValidationFailedError, type ResolvedConfig } from '@tradefloor/core';
import { CommuneDirectory } from '@tradefloor/enterprise-profile';
import type { Principal } from '@tradefloor/identity';
import {
  BuyerOrders,
  Carts,
  Checkout,
  CheckoutDto,
  readCartToken,
  writeCartCookie,
  type CartCookieChange,
  type CartDto,
  type CartOwner,
  type OrderDto,
  type ShippingOptionDto,
} from '@tradefloor/orders';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { orderQrImages } from './order-qr';
import { errorText } from '../../i18n/error-text';
import { pageContext, sendPage } from '../../kit/page-context';
import { queryText } from '../../kit/query';
import { assertCsrf, csrfField } from '../../session/csrf';
import { domainFieldErrors, validateBody, type FieldErrors } from '../../session/form-validation';
import { WebSession } from '../../session/web-session.service';
import { CART_PATH, cartPage, checkoutPage, lookupPage, orderPage } from './order-pages.view';

type Form = Record<string, string | undefined>;
const DEFAULT_PROVINCE = '86';

/**
 * The buyer's pages on libs/orders' services: add to cart (from the product page), the cart, checkout,
 * the confirmation and order lookup. Every page here belongs to one browser: `private, no-store`.
 */
@ApiExcludeController()
@Controller()
export class OrderPagesController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly session: WebSession,
    private readonly carts: Carts,
    private readonly checkout: Checkout,
    private readonly orders: BuyerOrders,
    private readonly communes: CommuneDirectory,
  ) {}

  /** From the (cached, token-less) product page: refused when another site makes the browser post. */
  @Post('gio-hang/them')
  async add(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    if (req.headers['sec-fetch-site'] === 'cross-site')
      return this.showCart(
        req,
        reply,
        { text: errorText(ctx.lang, { code: 'CSRF_FAILED', message: 'Phiên biểu mẫu đã hết hạn (form expired)' }), kind: 'error' },
        403,
      );
    const quantity = Number(body.quantity);
    try {
      await this.withCart(req, reply, (owner, change) =>
        this.carts.add(owner, { productId: String(body.productId ?? ''), quantity: Number.isFinite(quantity) ? quantity : 0 }, change),
      );
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return this.showCart(req, reply, { text: messageOf(ctx.lang, err), kind: 'error' }, err.status);
    }
    void reply.status(303).header('location', `${CART_PATH}?done=added`).header('cache-control', 'private, no-store').send();
  }

  @Get('gio-hang')
  async cart(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const done = queryText(req.query, 'done');
    const known = done === 'added' ? ctx.t('ord.cart.added') : done === 'updated' ? ctx.t('ord.cart.updated') : undefined;
    await this.showCart(req, reply, known ? { text: known, kind: 'success' } : undefined);
  }

  /** Quantities (`q-<productId>`, 0 removes) or one line's removal (`remove`). */
  @Post('gio-hang')
  async update(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    assertCsrf(req);
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    try {
      await this.withCart(req, reply, (owner, change) => {
        if (body.remove) return this.carts.removeLine(owner, body.remove, change);
        const items = Object.entries(body)
          .filter(([k]) => k.startsWith('q-'))
          .map(([k, v]) => ({ productId: k.slice(2), quantity: Number(v) }))
          .filter((i) => Number.isInteger(i.quantity) && i.quantity >= 0);
        return this.carts.update(owner, items, change);
      });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return this.showCart(req, reply, { text: messageOf(ctx.lang, err), kind: 'error' }, err.status);
    }
    void reply.status(303).header('location', `${CART_PATH}?done=updated`).header('cache-control', 'private, no-store').send();
  }

  @Get('thanh-toan')
  async checkoutForm(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const principal = await this.session.principal(req, reply);
    const cart = await this.withCart(req, reply, (owner, change) => this.carts.view(owner, change), principal);
    if (!cart.sellers.length) return void reply.status(303).header('location', CART_PATH).send();
    await this.renderCheckout(req, reply, cart, { provinceCode: DEFAULT_PROVINCE }, {}, undefined, 200, !!principal);
  }

  @Post('thanh-toan')
  async place(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    assertCsrf(req);
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const principal = await this.session.principal(req, reply);
    const cart = await this.withCart(req, reply, (owner, change) => this.carts.view(owner, change), principal);
    if (!cart.sellers.length) return void reply.status(303).header('location', CART_PATH).send();
    if (body.refresh) {
      // "Reload the communes" of the default address (value 1) or of one seller's own address (its id).
      // "Quote delivery" (quote) keeps everything as typed.
      if (body.refresh === 'quote') return this.renderCheckout(req, reply, cart, body, {}, undefined, 200, !!principal);
      const commune = body.refresh === '1' ? 'communeCode' : `communeCode-${body.refresh}`;
      return this.renderCheckout(req, reply, cart, { ...body, [commune]: '' }, {}, undefined, 200, !!principal);
    }
    const own = (id: string) => body[`other-${id}`] === '1';
    const carrier = (id: string) => {
      const [c, service] = (body[`ship-${id}`] ?? 'seller').split(':');
      return service ? { carrier: c, service } : { carrier: c };
    };
    const input = {
      ...(principal ? {} : { buyerName: body.buyerName ?? '', buyerEmail: body.buyerEmail ?? '' }),
      buyerPhone: body.buyerPhone ?? '',
      subOrders: cart.sellers.map((s) => ({
        enterpriseId: s.enterpriseId,
        paymentMethod: body[`pay-${s.enterpriseId}`] ?? 'cod',
        shipping: carrier(s.enterpriseId),
        address: addressOf(body, own(s.enterpriseId) ? `-${s.enterpriseId}` : ''),
        ...(body[`note-${s.enterpriseId}`]?.trim() ? { note: body[`note-${s.enterpriseId}`]!.trim() } : {}),
      })),
    };
    const { value, errors } = await validateBody(CheckoutDto, input, ctx.lang);
    if (Object.keys(errors).length)
      return this.renderCheckout(req, reply, cart, body, formFields(errors, cart, body), ctx.t('ord.checkout.invalid'), 400, !!principal);
    let order: OrderDto;
    try {
      order = await this.withCart(req, reply, (owner, change) => this.checkout.place(owner, value, change), principal);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const fields = err instanceof ValidationFailedError ? formFields(domainFieldErrors(err, ctx.lang), cart, body) : {};
      const message = Object.keys(fields).length ? ctx.t('ord.checkout.invalid') : errorText(ctx.lang, err);
      return this.renderCheckout(req, reply, cart, body, fields, message, err.status, !!principal);
    }
    sendPage(reply, orderPage(ctx, order, await orderQrImages(order), true), 200, 'private');
  }

  @Get('tra-cuu-don-hang')
  lookupForm(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const code = queryText(req.query, 'ma')?.slice(0, 40);
    sendPage(reply, lookupPage(ctx, csrfField(req, reply, ctx.secure), code ? { code } : {}, {}), 200, 'private');
  }

  /** A wrong phone and an unknown code get the same page (the service answers 404 for both). */
  @Post('tra-cuu-don-hang')
  async lookup(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    assertCsrf(req);
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const code = (body.code ?? '').trim().toUpperCase().slice(0, 40);
    const phone = (body.phone ?? '').trim().slice(0, 20);
    const errors: FieldErrors = {};
    if (!code) errors.code = ctx.t('ord.lookup.required');
    if (!phone) errors.phone = ctx.t('ord.lookup.required');
    const csrf = csrfField(req, reply, ctx.secure);
    if (Object.keys(errors).length) return sendPage(reply, lookupPage(ctx, csrf, body, errors, ctx.t('ord.checkout.invalid')), 400, 'private');
    try {
      const principal = await this.session.principal(req, reply);
      const order = await this.orders.get(code, principal, phone);
      sendPage(reply, orderPage(ctx, order, await orderQrImages(order), false), 200, 'private');
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      sendPage(reply, lookupPage(ctx, csrf, { code }, {}, ctx.t('ord.lookup.notFound')), 404, 'private');
    }
  }

  private async showCart(req: FastifyRequest, reply: FastifyReply, message?: { text: string; kind: 'error' | 'success' }, status = 200): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const principal = await this.session.principal(req, reply);
    const cart = await this.withCart(req, reply, (owner, change) => this.carts.view(owner, change), principal);
    sendPage(reply, cartPage(ctx, cart, csrfField(req, reply, ctx.secure), message), status, 'private');
  }

  private async renderCheckout(
    req: FastifyRequest,
    reply: FastifyReply,
    cart: CartDto,
    values: Form,
    errors: FieldErrors,
    message: string | undefined,
    status: number,
    signedIn: boolean,
  ): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const provinces = await this.communes.provinces();
    const province = provinces.find((p) => p.code === values.provinceCode)?.code ?? DEFAULT_PROVINCE;
    const communes = await this.communes.communesOf(province);
    const sellerCommunes: Record<string, Array<{ code: string; name: string }>> = {};
    const sellerProvinces: Form = {};
    for (const s of cart.sellers) {
      const key = `provinceCode-${s.enterpriseId}`;
      const own = provinces.find((p) => p.code === values[key])?.code ?? province;
      sellerProvinces[key] = own;
      sellerCommunes[s.enterpriseId] = own === province ? communes : await this.communes.communesOf(own);
    }
    const shipping = await this.quotes(req, reply, cart, values);
    const state = {
      values: { ...values, provinceCode: province, ...sellerProvinces },
      errors,
      message,
      provinces,
      communes,
      sellerCommunes,
      shipping,
      signedIn,
    };
    sendPage(reply, checkoutPage(ctx, cart, csrfField(req, reply, ctx.secure), state), status, 'private');
  }

  /**
   * Each seller's delivery options for the address it goes to (its own when ticked, else the
   * default): the carriers' quotes need a commune; before one is chosen only "seller delivers" shows.
   */
  private async quotes(req: FastifyRequest, reply: FastifyReply, cart: CartDto, values: Form): Promise<Record<string, ShippingOptionDto[]>> {
    const byAddress = new Map<string, CartDto>();
    const out: Record<string, ShippingOptionDto[]> = {};
    for (const s of cart.sellers) {
      const to = addressOf(values, values[`other-${s.enterpriseId}`] === '1' ? `-${s.enterpriseId}` : '');
      let quoted = cart;
      if (to.provinceCode && to.communeCode) {
        const key = `${to.provinceCode}/${to.communeCode}`;
        if (!byAddress.has(key)) {
          const view = await this.withCart(req, reply, (owner, change) => this.carts.view(owner, change, to)).catch((err: unknown) => {
            if (err instanceof DomainError) return cart; // an unknown commune: its own field error says so
            throw err;
          });
          byAddress.set(key, view);
        }
        quoted = byAddress.get(key)!;
      }
      out[s.enterpriseId] = quoted.sellers.find((x) => x.enterpriseId === s.enterpriseId)?.shippingOptions ?? s.shippingOptions;
    }
    return out;
  }

  private async withCart<T>(
    req: FastifyRequest,
    reply: FastifyReply,
    run: (owner: CartOwner, change: CartCookieChange) => Promise<T>,
    principal?: Principal,
  ): Promise<T> {
    const who = principal ?? (await this.session.principal(req, reply));
    const change: CartCookieChange = {};
    try {
      return await run({ principal: who, token: readCartToken(req) }, change);
    } finally {
      if (change.cookie !== undefined) writeCartCookie(reply, change.cookie, isSecureSite(this.config));
    }
  }
}

function messageOf(lang: 'vi' | 'en', err: DomainError): string {
  const fields = domainFieldErrors(err, lang);
  return Object.values(fields)[0] ?? errorText(lang, err);
}

/** The address the form gives: the default one (`suffix` '') or a seller's own (`-<enterpriseId>`). */
function addressOf(body: Form, suffix: string) {
  return {
    provinceCode: body[`provinceCode${suffix}`] ?? '',
    communeCode: body[`communeCode${suffix}`] ?? '',
    street: body[`street${suffix}`] ?? '',
    recipientName: body[`recipientName${suffix}`] ?? '',
    recipientPhone: body[`recipientPhone${suffix}`] ?? '',
  };
}

/**
 * The API's field names (`subOrders.0.address.street`) as this form's inputs: `street` for the
 * default address, `street-<id>` for a seller's own address, `pay-<id>`, `note-<id>`.
 */
function formFields(errors: FieldErrors, cart: CartDto, body: Form): FieldErrors {
  const out: FieldErrors = {};
  for (const [name, message] of Object.entries(errors)) {
    const m = /^subOrders\.(\d+)\.(.+)$/.exec(name);
    let key = name;
    if (m) {
      const seller = cart.sellers[Number(m[1])]?.enterpriseId ?? '';
      const rest = m[2];
      key = rest.startsWith('address.')
        ? `${rest.slice('address.'.length)}${body[`other-${seller}`] === '1' ? `-${seller}` : ''}`
        : rest === 'paymentMethod'
          ? `pay-${seller}`
          : rest === 'note'
            ? `note-${seller}`
            : rest;
    }
    out[key] ??= message;
  }
  return out;
}
