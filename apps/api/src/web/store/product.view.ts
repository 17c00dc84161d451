import { addToCartForm } from './orders/order-pages.view';
import type { PublicProducts } from '@tradefloor/catalog';
import type { RatingSummaryDto, ReviewPageDto } from '@tradefloor/reviews';
import { productReviewsUrl, ratingLine, reviewsSection } from './reviews/review-pages.view';
import { html, jsonLd, trusted, type SafeHtml } from '../html/html';
import type { PageContext } from '../html/layout';
import { formatDate, formatPriceRange, label } from '../kit/format';
import { ocopStars, productGrid, type CardProduct } from './cards.view';
import { enterpriseUrl, productInquiryUrl } from '../kit/urls';

export type PublicProduct = Awaited<ReturnType<PublicProducts['bySlug']>>;
export interface PartnerLink {
  displayName: string;
  url: string;
}
export interface BatchSummary {
  lotCode: string;
  producedAt: string;
  expiresAt: string | null;
  stamped: boolean;
}

/** Digits only, for `tel:` and Zalo links (Zalo addresses people by their phone number). */
export function phoneDigits(phone: string): string {
  return phone.replace(/[^\d+]/g, '');
}

/** What the product page shows beyond the product itself. */
export interface ProductPageExtras {
  links: PartnerLink[];
  batches: BatchSummary[];
  /** The certificate behind the OCOP badge, as the read model holds it. */
  ocopCertificate: { decisionNumber: string | null; issuingBody: string | null } | null;
  sameEnterprise: CardProduct[];
  sameCategory: CardProduct[];
  /** The latest published reviews and the average of product stars (libs/reviews). */
  reviews: ReviewPageDto;
}

export function productBody(ctx: PageContext, p: PublicProduct, extras: ProductPageExtras): SafeHtml {
  const { t } = ctx;
  const { links, batches } = extras;
  const e = p.enterprise;
  const phone = e.phone ? phoneDigits(e.phone) : '';
  return html`<nav class="crumbs" aria-label="breadcrumb"><ol><li><a href="/tim-kiem">${t('nav.search')}</a></li>${p.categoryPath.map(
    (c) => html`<li><a href="/tim-kiem?category=${c.id}">${c.name}</a></li>`,
  )}</ol></nav>
<article class="product">
${gallery(ctx, p)}
<div class="summary">
<h1>${p.name}</h1>
${extras.reviews.rating.count ? html`<p><a href="#danh-gia">${ratingLine(ctx, extras.reviews.rating, 'product-rating')}</a></p>` : ''}
<p class="price big">${formatPriceRange(p.priceVnd, p.priceMaxVnd)} <span class="muted">/ ${p.unit}</span></p>
${p.ocop ? ocopBadge(ctx, p.ocop, extras.ocopCertificate) : ''}
<dl class="facts">
<div><dt>${t('product.minOrder')}</dt><dd>${p.minOrderQuantity} ${p.unit}</dd></div>
<div><dt>${t('product.stock')}</dt><dd class="${p.inStock ? 'ok' : 'warn'}">${p.inStock ? t('product.inStock') : t('product.outOfStock')}</dd></div>
${p.originCommuneName ? html`<div><dt>${t('product.origin')}</dt><dd>${p.originCommuneName}</dd></div>` : ''}
${p.certifications.length ? html`<div><dt>${t('product.certifications')}</dt><dd>${p.certifications.map((c, i) => html`${i ? ', ' : ''}${c.name ?? label(t, 'cert', c.type)}`)}</dd></div>` : ''}
</dl>
${p.inStock ? addToCartForm(ctx, p) : ''}
<section class="contact" aria-labelledby="contact-h"><h2 id="contact-h">${t('product.contact')}</h2>
<p>${t('product.contactLead')}</p>
<p><a class="button" href="${productInquiryUrl(p.slug)}">${t('product.inquire')}</a></p>
${phone ? html`<p class="actions"><a class="button secondary" href="tel:${phone}">${t('product.call')} ${e.phone}</a> <a class="button secondary" href="https://zalo.me/${phone}" rel="noopener">${t('product.zalo')}</a></p>` : ''}
</section>
${
  links.length
    ? html`<section class="also" aria-labelledby="also-h"><h2 id="also-h">${t('product.alsoOn')}</h2>
<p class="actions">${links.map((l) => html`<a class="button secondary" href="${l.url}" rel="noopener nofollow">${t('product.buyOn')} ${l.displayName}</a> `)}</p></section>`
    : ''
}
<p class="report"><a rel="nofollow" href="/khieu-nai?doi-tuong=product&amp;id=${p.id}">${t('ts.report')}</a></p>
</div>
</article>
<section aria-labelledby="desc-h" class="prose"><h2 id="desc-h">${t('product.description')}</h2>${trusted(p.description)}</section>
<section aria-labelledby="seller-h" class="seller-card"><h2 id="seller-h">${t('product.seller')}</h2>
<p><a href="${enterpriseUrl(e.slug)}"><strong>${e.name}</strong></a><br>
<span class="muted">${label(t, 'kind', e.kind)}${e.communeName ? html` · ${e.communeName}` : ''}</span></p>
${phone ? html`<p><a href="tel:${phone}">${e.phone}</a> · <a href="https://zalo.me/${phone}" rel="noopener">Zalo</a></p>` : ''}
<p><a href="${enterpriseUrl(e.slug)}">${t('product.viewSeller')}</a></p>
</section>
${batches.length ? traceSection(ctx, batches) : ''}
${reviewsSection(ctx, extras.reviews, productReviewsUrl(p.slug))}
${related(ctx, 'rel-ent', `${t('product.moreFrom')} ${e.name}`, extras.sameEnterprise)}
${related(ctx, 'rel-cat', t('product.sameCategory'), extras.sameCategory)}`;
}

/**
 * Photos without JavaScript: a row that snaps one photo at a time under a finger, scrolls with the
 * arrow keys once focused, and thumbnails that are links to each photo's anchor.
 */
function gallery(ctx: PageContext, p: PublicProduct): SafeHtml {
  const { t } = ctx;
  const [first] = p.images;
  if (!first) return html`<div class="gallery"><div class="noimg large">${t('product.noImage')}</div></div>`;
  if (p.images.length === 1) return html`<div class="gallery"><img class="main-img" src="${first.url}" alt="${p.name}" width="800" height="800"></div>`;
  const alt = (i: number) => (i ? `${p.name} — ${t('product.image')} ${i + 1}` : p.name);
  return html`<div class="gallery">
<ul class="slides" tabindex="0" aria-label="${t('product.photos')} (${p.images.length})">${p.images.map(
    (img, i) =>
      html`<li id="anh-${i + 1}"><img class="main-img" src="${img.url}" alt="${alt(i)}" width="800" height="800"${i ? html` loading="lazy"` : ''}></li>`,
  )}</ul>
<ul class="thumbs">${p.images.map(
    (img, i) =>
      html`<li><a href="#anh-${i + 1}"><img src="${img.thumbnailUrl}" alt="${t('product.showImage')} ${i + 1}" loading="lazy" width="96" height="96"></a></li>`,
  )}</ul>
</div>`;
}

/** The OCOP badge with what makes it checkable: the decision number, who issued it, until when. */
function ocopBadge(ctx: PageContext, ocop: NonNullable<PublicProduct['ocop']>, certificate: ProductPageExtras['ocopCertificate']): SafeHtml {
  const { t } = ctx;
  return html`<div class="ocop"><p>${ocopStars(ctx, ocop.stars)}${ocop.potentialFiveStar ? html` · ${t('ocop.potential')}` : ''}</p>
<dl class="facts">
${certificate?.decisionNumber ? html`<div><dt>${t('ocop.decision')}</dt><dd>${certificate.decisionNumber}</dd></div>` : ''}
${certificate?.issuingBody ? html`<div><dt>${t('ocop.issuer')}</dt><dd>${certificate.issuingBody}</dd></div>` : ''}
<div><dt>${t('ocop.validUntil')}</dt><dd>${formatDate(ocop.validUntil)}</dd></div>
</dl></div>`;
}

function related(ctx: PageContext, id: string, title: string, products: CardProduct[]): SafeHtml {
  if (!products.length) return html``;
  return html`<section aria-labelledby="${id}-h" class="related"><h2 id="${id}-h">${title}</h2>
${productGrid(ctx, products)}</section>`;
}

function traceSection(ctx: PageContext, batches: BatchSummary[]): SafeHtml {
  const { t } = ctx;
  return html`<section aria-labelledby="trace-h" class="trace"><h2 id="trace-h">${t('product.trace')}</h2>
<p>${t('product.traceLead')} <a href="/kiem-tra-tem">${t('product.verifyStamp')}</a></p>
<table><thead><tr><th scope="col">${t('product.lot')}</th><th scope="col">${t('product.producedAt')}</th><th scope="col">${t('product.expiresAt')}</th><th scope="col">${t('product.stamped')}</th></tr></thead>
<tbody>${batches.map((b) => html`<tr><td>${b.lotCode}</td><td>${formatDate(b.producedAt)}</td><td>${formatDate(b.expiresAt)}</td><td>${b.stamped ? '✓' : '—'}</td></tr>`)}</tbody></table>
</section>`;
}

/** schema.org Product: what search engines show as a rich result (price, availability, seller). */
export function productJsonLd(
  p: PublicProduct,
  extra: { sku?: string; descriptionText?: string; rating?: RatingSummaryDto },
  url: string,
  absolute: (u: string) => string,
): SafeHtml {
  const brand = { '@type': 'Organization', name: p.enterprise.name };
  return jsonLd({
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: p.name,
    url,
    image: p.images.map((i) => absolute(i.url)),
    description: (extra.descriptionText ?? p.name).slice(0, 5000),
    ...(extra.sku ? { sku: extra.sku } : {}),
    ...(p.gtin && p.gtin.length === 13 ? { gtin13: p.gtin } : p.gtin ? { gtin: p.gtin } : {}),
    brand,
    manufacturer: brand,
    // Only with a published review: an empty aggregate is invalid structured data.
    ...(extra.rating && extra.rating.count > 0
      ? { aggregateRating: { '@type': 'AggregateRating', ratingValue: extra.rating.average, reviewCount: extra.rating.count, bestRating: 5, worstRating: 1 } }
      : {}),
    offers: {
      '@type': 'Offer',
      url,
      priceCurrency: 'VND',
      ...(p.priceMaxVnd !== null && p.priceMaxVnd > p.priceVnd
        ? { '@type': 'AggregateOffer', lowPrice: p.priceVnd, highPrice: p.priceMaxVnd }
        : { price: p.priceVnd }),
      availability: p.inStock ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock',
      seller: brand,
    },
  });
}
