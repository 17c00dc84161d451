import type { CartDto, CartSellerDto, OrderDto, ShippingOptionDto, SubOrderDto } from '@tradefloor/orders';
import { alert, field } from '../../html/forms';
import { html, type SafeHtml } from '../../html/html';
import { layout, type PageContext } from '../../html/layout';
import { formatDateTime, formatVnd } from '../../kit/format';
import { productUrl } from '../../kit/urls';
import type { FieldErrors } from '../../session/form-validation';

export const CART_PATH = '/gio-hang';
export const CHECKOUT_PATH = '/thanh-toan';
export const LOOKUP_PATH = '/tra-cuu-don-hang';

type Values = Record<string, string | undefined>;
type Place = { code: string; name: string };

/** The add-to-cart form of a product page: no token (the page is shared by the cache), the cart cookie is SameSite=Lax. */
export function addToCartForm(ctx: PageContext, p: { id: string; minOrderQuantity: number; unit: string }): SafeHtml {
  const { t } = ctx;
  return html`<form class="add-to-cart" method="post" action="${CART_PATH}/them">
<input type="hidden" name="productId" value="${p.id}">
<div class="field"><label for="f-quantity">${t('ord.quantity')} (${p.unit})</label>
<input id="f-quantity" name="quantity" type="number" inputmode="numeric" min="${p.minOrderQuantity}" step="1" value="${p.minOrderQuantity}" required></div>
<button type="submit">${t('ord.add')}</button>
</form>`;
}

function salesTerms(ctx: PageContext, s: CartSellerDto): SafeHtml {
  const { t } = ctx;
  const terms = s.salesTerms;
  const ship = s.shippingOptions[0];
  return html`<details class="sales-terms" open><summary>${t('ord.terms')}</summary><dl class="facts">
<div><dt>${t('ord.terms.delivery')}</dt><dd>${terms.deliveryPolicy}</dd></div>
<div><dt>${t('ord.terms.returns')}</dt><dd>${terms.returnsPolicy}</dd></div>
<div><dt>${t('ord.terms.vat')}</dt><dd>${terms.pricesIncludeVat ? t('ord.terms.vatIncluded') : t('ord.terms.vatExcluded')}</dd></div>
<div><dt>${t('ord.terms.shipping')}</dt><dd>${ship ? (ship.included ? t('ord.terms.shippingIncluded') : html`${t('ord.terms.shippingExtra')} ${formatVnd(ship.feeVnd)}`) : '—'}</dd></div>
<div><dt>${t('ord.terms.confirmWithin')}</dt><dd>${terms.confirmWithinHours}</dd></div>
</dl></details>`;
}

/** The cart, one section per seller with the seller's sales terms shown before ordering. */
export function cartPage(ctx: PageContext, cart: CartDto, csrf: SafeHtml, message?: { text: string; kind: 'error' | 'success' }): string {
  const { t } = ctx;
  const body = html`<h1>${t('ord.cart.title')}</h1>
${message ? alert(message.text, message.kind) : ''}
${
  cart.sellers.length
    ? html`<p>${t('ord.cart.intro')}</p>
<form method="post" action="${CART_PATH}" class="stack">${csrf}
${cart.sellers.map(
  (s) => html`<section class="cart-seller" aria-labelledby="s-${s.enterpriseId}"><h2 id="s-${s.enterpriseId}">${s.enterpriseName}</h2>
<ul class="cart-lines">
${s.items.map(
  (
    i,
  ) => html`<li${i.problems.length ? html` class="has-error"` : ''}><p><a href="${productUrl(i.slug)}">${i.name}</a> — ${formatVnd(i.unitPriceVnd)} / ${i.unit}</p>
${i.problems.map((p) => html`<p class="error">${t(`ord.problem.${p}` as 'ord.problem.unavailable')}</p>`)}
<p><label for="q-${i.productId}">${t('ord.quantity')}</label> <input id="q-${i.productId}" name="q-${i.productId}" type="number" inputmode="numeric" min="0" step="1" size="4" value="${i.quantity}">
${t('ord.cart.subtotal')}: ${formatVnd(i.lineTotalVnd)}
<button class="secondary" type="submit" name="remove" value="${i.productId}">${t('ord.cart.remove')}</button></p></li>`,
)}
</ul>
<p>${t('ord.cart.subtotal')}: <strong>${formatVnd(s.itemsSubtotalVnd)}</strong></p>
${salesTerms(ctx, s)}
</section>`,
)}
<p><button type="submit" class="secondary" name="update" value="1">${t('ord.cart.update')}</button></p>
</form>
<p>${t('ord.cart.total')}: <strong>${formatVnd(cart.itemsTotalVnd)}</strong></p>
${cart.checkoutReady ? html`<p><a class="button" href="${CHECKOUT_PATH}">${t('ord.cart.checkout')}</a></p>` : alert(t('ord.cart.notReady'))}`
    : html`<p>${t('ord.cart.empty')}</p>`
}
<p><a href="${LOOKUP_PATH}">${t('ord.lookup.title')}</a></p>`;
  return layout(ctx, { title: t('ord.cart.title'), description: t('ord.cart.intro'), path: CART_PATH, noindex: true }, body);
}

export interface CheckoutState {
  values: Values;
  errors: FieldErrors;
  message?: string;
  provinces: Place[];
  communes: Place[];
  /** Communes of the province each seller's own address names (sellers with "deliver elsewhere"). */
  sellerCommunes: Record<string, Place[]>;
  /** Each seller's delivery options for its address (carriers' quotes once a commune is chosen). */
  shipping: Record<string, ShippingOptionDto[]>;
  signedIn: boolean;
}

/** The five address inputs; `suffix` (`-<enterpriseId>`) names a seller's own address. */
function addressFields(ctx: PageContext, state: CheckoutState, communes: Place[], suffix: string, refreshValue: string): SafeHtml {
  const { t } = ctx;
  const v = state.values;
  const e = state.errors;
  const n = (name: string) => `${name}${suffix}`;
  return html`${select(
    n('provinceCode'),
    t('ord.checkout.province'),
    state.provinces.map((p) => ({ value: p.code, label: p.name })),
    v[n('provinceCode')],
    e[n('provinceCode')],
  )}
<p><button type="submit" class="secondary" name="refresh" value="${refreshValue}">${t('ord.checkout.refresh')}</button></p>
${select(
  n('communeCode'),
  t('ord.checkout.commune'),
  [{ value: '', label: t('ord.checkout.chooseCommune') }, ...communes.map((c) => ({ value: c.code, label: c.name }))],
  v[n('communeCode')],
  e[n('communeCode')],
)}
${field({ name: n('street'), label: t('ord.checkout.street'), value: v[n('street')], error: e[n('street')], required: true, autocomplete: 'street-address' })}
${field({ name: n('recipientName'), label: t('ord.checkout.recipient'), value: v[n('recipientName')], error: e[n('recipientName')], required: true, autocomplete: 'name' })}
${field({
  name: n('recipientPhone'),
  label: t('ord.checkout.recipientPhone'),
  type: 'tel',
  value: v[n('recipientPhone')],
  error: e[n('recipientPhone')],
  required: true,
  autocomplete: 'tel',
})}`;
}

/** The seller's delivery options as radios (`ship-<id>` = `carrier:service`), with a button to quote again for the chosen address. */
function delivery(ctx: PageContext, state: CheckoutState, s: CartSellerDto): SafeHtml {
  const { t } = ctx;
  const name = `ship-${s.enterpriseId}`;
  const error = state.errors[name];
  const options = state.shipping[s.enterpriseId] ?? s.shippingOptions;
  const chosen = state.values[name] ?? `${options[0]?.carrier}:${options[0]?.service}`;
  return html`<fieldset class="field${error ? ' has-error' : ''}"${error ? html` aria-describedby="f-${name}-error"` : ''}><legend>${t('ord.checkout.delivery')}</legend>
${options.map((o) => {
  const value = `${o.carrier}:${o.service}`;
  const id = `f-${name}-${o.carrier}`;
  return html`<div class="check"><input type="radio" id="${id}" name="${name}" value="${value}"${chosen === value ? html` checked` : ''}><label for="${id}">${o.description} — ${o.included ? t('ord.terms.shippingIncluded') : formatVnd(o.feeVnd)}</label></div>`;
})}
${options.length < 2 ? html`<p class="hint">${t('ord.checkout.quoteHint')}</p>` : ''}
<p><button type="submit" class="secondary" name="refresh" value="quote">${t('ord.checkout.quote')}</button></p>
${error ? html`<p class="error" id="f-${name}-error">${error}</p>` : ''}</fieldset>`;
}

/** The fields of the per-seller address (checked by the server only when its box is ticked). */
export const SELLER_ADDRESS_FIELDS = ['provinceCode', 'communeCode', 'street', 'recipientName', 'recipientPhone'] as const;

/**
 * A seller's own delivery address: a <details> (opens without JavaScript) holding the checkbox that
 * tells the server to use it, and the address fieldset named after the seller.
 */
function sellerAddress(ctx: PageContext, state: CheckoutState, s: CartSellerDto): SafeHtml {
  const { t } = ctx;
  const id = s.enterpriseId;
  const on = state.values[`other-${id}`] === '1';
  const invalid = SELLER_ADDRESS_FIELDS.some((f) => state.errors[`${f}-${id}`]);
  return html`<details class="seller-address"${on || invalid ? html` open` : ''}><summary>${t('ord.checkout.otherAddress')}</summary>
<div class="check"><input type="checkbox" id="f-other-${id}" name="other-${id}" value="1"${on ? html` checked` : ''}><label for="f-other-${id}">${t('ord.checkout.otherAddressUse')} ${s.enterpriseName}</label></div>
<fieldset id="addr-${id}"><legend>${t('ord.checkout.addressFor')} ${s.enterpriseName}</legend>
${addressFields(ctx, state, state.sellerCommunes[id] ?? [], `-${id}`, id)}
</fieldset></details>`;
}

function select(name: string, label: string, options: Array<{ value: string; label: string }>, value: string | undefined, error: string | undefined): SafeHtml {
  const id = `f-${name}`;
  return html`<div class="field${error ? ' has-error' : ''}"><label for="${id}">${label} <span aria-hidden="true">*</span></label>
<select id="${id}" name="${name}" required${error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}>
${options.map((o) => html`<option value="${o.value}"${o.value === value ? html` selected` : ''}>${o.label}</option>`)}
</select>${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}</div>`;
}

/** Checkout: the buyer, one delivery address (the default), then per seller its own address if wanted, the payment method and a note. */
export function checkoutPage(ctx: PageContext, cart: CartDto, csrf: SafeHtml, state: CheckoutState): string {
  const { t } = ctx;
  const v = state.values;
  const e = state.errors;
  const body = html`<h1>${t('ord.checkout.title')}</h1>
${alert(state.message)}
<form class="stack" method="post" action="${CHECKOUT_PATH}" novalidate>${csrf}
<fieldset><legend>${t('ord.checkout.buyer')}</legend>
${state.signedIn ? '' : field({ name: 'buyerName', label: t('ord.checkout.name'), value: v.buyerName, error: e.buyerName, required: true, autocomplete: 'name' })}
${field({ name: 'buyerPhone', label: t('ord.checkout.phone'), type: 'tel', value: v.buyerPhone, error: e.buyerPhone, required: true, autocomplete: 'tel' })}
${state.signedIn ? '' : field({ name: 'buyerEmail', label: t('ord.checkout.email'), type: 'email', value: v.buyerEmail, error: e.buyerEmail, required: true, autocomplete: 'email' })}
</fieldset>
<fieldset><legend>${t('ord.checkout.address')}</legend>
<p class="hint">${t('ord.checkout.addressDefault')}</p>
${addressFields(ctx, state, state.communes, '', '1')}
</fieldset>
${cart.sellers.map((s) => {
  const pay = `pay-${s.enterpriseId}`;
  const note = `note-${s.enterpriseId}`;
  const chosen = v[pay] ?? 'cod';
  return html`<fieldset class="cart-seller"><legend>${s.enterpriseName} — ${formatVnd(s.itemsSubtotalVnd)}</legend>
<ul>${s.items.map((i) => html`<li>${i.name} × ${i.quantity}</li>`)}</ul>
${salesTerms(ctx, s)}
${sellerAddress(ctx, state, s)}
${delivery(ctx, state, s)}
<fieldset class="field${e[pay] ? ' has-error' : ''}"${e[pay] ? html` aria-describedby="f-${pay}-error"` : ''}><legend>${t('ord.checkout.payment')}</legend>
${s.paymentMethods.map(
  (m) =>
    html`<div class="check"><input type="radio" id="f-${pay}-${m}" name="${pay}" value="${m}"${chosen === m ? html` checked` : ''}><label for="f-${pay}-${m}">${t(`ord.pay.${m}` as 'ord.pay.cod')}</label></div>`,
)}
${e[pay] ? html`<p class="error" id="f-${pay}-error">${e[pay]}</p>` : ''}</fieldset>
<div class="field${e[note] ? ' has-error' : ''}"><label for="f-${note}">${t('ord.checkout.note')}</label>
<textarea id="f-${note}" name="${note}" rows="2" maxlength="500"${e[note] ? html` aria-invalid="true" aria-describedby="f-${note}-error"` : ''}>${v[note] ?? ''}</textarea>
${e[note] ? html`<p class="error" id="f-${note}-error">${e[note]}</p>` : ''}</div>
</fieldset>`;
})}
<button type="submit">${t('ord.checkout.place')}</button>
</form>`;
  return layout(ctx, { title: t('ord.checkout.title'), description: t('ord.cart.intro'), path: CHECKOUT_PATH, noindex: true }, body);
}

function subOrderSection(ctx: PageContext, s: SubOrderDto, qr: Map<string, string>, extra?: (s: SubOrderDto) => SafeHtml | ''): SafeHtml {
  const { t } = ctx;
  const q = s.payment?.vietqr;
  const png = qr.get(s.code);
  return html`<section class="sub-order" aria-labelledby="so-${s.code}"><h2 id="so-${s.code}">${s.code} — ${s.enterpriseName}</h2>
<dl class="facts"><div><dt>${t('ord.order.status')}</dt><dd>${s.statusLabel}</dd></div>
<div><dt>${t('ord.order.shipping')}</dt><dd>${formatVnd(s.shippingFeeVnd)}</dd></div>
<div><dt>${t('ord.order.total')}</dt><dd><strong>${formatVnd(s.totalVnd)}</strong></dd></div></dl>
<ul>${s.items.map((i) => html`<li>${i.name} × ${i.quantity} — ${formatVnd(i.lineTotalVnd)}</li>`)}</ul>
${s.payment ? html`<p>${s.payment.text}</p>` : ''}
${
  q
    ? html`<div class="vietqr">${png ? html`<img src="${png}" width="264" height="264" alt="${t('ord.qr.alt')} ${s.code}">` : ''}
<dl class="facts"><div><dt>${t('ord.qr.bank')}</dt><dd>${q.bankName}</dd></div>
<div><dt>${t('ord.qr.account')}</dt><dd><code>${q.accountNumber}</code></dd></div>
<div><dt>${t('ord.qr.holder')}</dt><dd>${q.accountHolder}</dd></div>
<div><dt>${t('ord.qr.amount')}</dt><dd>${formatVnd(s.totalVnd)}</dd></div>
<div><dt>${t('ord.qr.purpose')}</dt><dd><code>${q.purpose}</code></dd></div></dl></div>`
    : ''
}
${extra ? extra(s) : ''}
<p><a href="/khieu-nai?don=${s.code}">${t('ord.complain')}</a></p>
</section>`;
}

/** Every sub-order of an order (status, lines, payment), with what a page adds under each (the buyer's cancel form). */
export function orderSections(ctx: PageContext, order: OrderDto, qr: Map<string, string>, extra?: (s: SubOrderDto) => SafeHtml | ''): SafeHtml {
  return html`${order.subOrders.map((s) => subOrderSection(ctx, s, qr, extra))}`;
}

/** An order as its buyer sees it: the code, each sub-order, and for VietQR the code as an image plus the transfer as text. */
export function orderPage(ctx: PageContext, order: OrderDto, qr: Map<string, string>, justPlaced: boolean): string {
  const { t } = ctx;
  const body = html`<h1>${justPlaced ? t('ord.placed.title') : t('ord.order.title')}</h1>
${justPlaced ? alert(t('ord.placed.keep'), 'success') : ''}
<dl class="facts"><div><dt>${t('ord.order.code')}</dt><dd><strong><code>${order.orderCode}</code></strong></dd></div>
<div><dt>${t('ord.order.total')}</dt><dd>${formatVnd(order.totalVnd)}</dd></div>
<div><dt>${t('ord.order.title')}</dt><dd>${formatDateTime(ctx.lang, order.createdAt)}</dd></div></dl>
${orderSections(ctx, order, qr)}
<p><a href="${LOOKUP_PATH}">${t('ord.lookup.title')}</a></p>`;
  return layout(ctx, { title: `${t('ord.order.title')} ${order.orderCode}`, description: t('ord.placed.keep'), path: LOOKUP_PATH, noindex: true }, body);
}

/** Follow an order: code and phone are posted (the phone stays out of addresses and logs). */
export function lookupPage(ctx: PageContext, csrf: SafeHtml, values: Values, errors: FieldErrors, message?: string): string {
  const { t } = ctx;
  const body = html`<h1>${t('ord.lookup.title')}</h1>
<p>${t('ord.lookup.intro')}</p>
${alert(message)}
<form class="stack" method="post" action="${LOOKUP_PATH}" novalidate>${csrf}
${field({ name: 'code', label: t('ord.lookup.code'), value: values.code, error: errors.code, required: true })}
${field({ name: 'phone', label: t('ord.checkout.phone'), type: 'tel', value: values.phone, error: errors.phone, required: true, autocomplete: 'tel' })}
<button type="submit">${t('ord.lookup.submit')}</button>
</form>`;
  return layout(ctx, { title: t('ord.lookup.title'), description: t('ord.lookup.intro'), path: LOOKUP_PATH, noindex: true }, body);
}
