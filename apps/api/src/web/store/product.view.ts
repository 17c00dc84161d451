import type { PublicProducts } from '@tradefloor/catalog';
import { html, jsonLd, trusted, type SafeHtml } from '../html/html';
import type { PageContext } from '../html/layout';
import { formatDate, formatPriceRange, label } from '../kit/format';
import { ocopStars } from './cards.view';
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

export function productBody(ctx: PageContext, p: PublicProduct, links: PartnerLink[], batches: BatchSummary[]): SafeHtml {
  const { t } = ctx;
  const [first, ...rest] = p.images;
  const e = p.enterprise;
  const phone = e.phone ? phoneDigits(e.phone) : '';
  return html`<nav class="crumbs" aria-label="breadcrumb"><ol><li><a href="/tim-kiem">${t('nav.search')}</a></li>${p.categoryPath.map(
    (c) => html`<li><a href="/tim-kiem?category=${c.id}">${c.name}</a></li>`,
  )}</ol></nav>
<article class="product">
<div class="gallery">
${first ? html`<img class="main-img" src="${first.url}" alt="${p.name}" width="800" height="800">` : html`<div class="noimg large">${t('product.noImage')}</div>`}
${rest.length ? html`<ul class="thumbs">${rest.map((img, i) => html`<li><a href="${img.url}"><img src="${img.thumbnailUrl}" alt="${p.name} — ${t('product.image')} ${i + 2}" loading="lazy" width="96" height="96"></a></li>`)}</ul>` : ''}
</div>
<div class="summary">
<h1>${p.name}</h1>
<p class="price big">${formatPriceRange(p.priceVnd, p.priceMaxVnd)} <span class="muted">/ ${p.unit}</span></p>
${p.ocop ? html`<p class="ocop">${ocopStars(ctx, p.ocop.stars)}${p.ocop.potentialFiveStar ? html` · ${t('ocop.potential')}` : ''}<br><span class="muted">${t('ocop.validUntil')} ${formatDate(p.ocop.validUntil)}</span></p>` : ''}
<dl class="facts">
<div><dt>${t('product.minOrder')}</dt><dd>${p.minOrderQuantity} ${p.unit}</dd></div>
<div><dt>${t('product.stock')}</dt><dd class="${p.inStock ? 'ok' : 'warn'}">${p.inStock ? t('product.inStock') : t('product.outOfStock')}</dd></div>
${p.originCommuneName ? html`<div><dt>${t('product.origin')}</dt><dd>${p.originCommuneName}</dd></div>` : ''}
${p.certifications.length ? html`<div><dt>${t('product.certifications')}</dt><dd>${p.certifications.map((c, i) => html`${i ? ', ' : ''}${c.name ?? label(t, 'cert', c.type)}`)}</dd></div>` : ''}
</dl>
<section class="contact" aria-labelledby="contact-h"><h2 id="contact-h">${t('product.contact')}</h2>
<p>${t('product.contactLead')}</p>
<p><a class="button" href="${productInquiryUrl(p.slug)}">${t('product.inquire')}</a></p>
${phone ? html`<p class="actions"><a class="button secondary" href="tel:${phone}">${t('product.call')} ${e.phone}</a> <a class="button secondary" href="https://zalo.me/${phone}" rel="noopener">${t('product.zalo')}</a></p>` : ''}
</section>
${links.length ? html`<p class="also">${t('product.alsoOn')}: ${links.map((l, i) => html`${i ? ' · ' : ''}<a href="${l.url}" rel="noopener nofollow">${l.displayName}</a>`)}</p>` : ''}
</div>
</article>
<section aria-labelledby="desc-h" class="prose"><h2 id="desc-h">${t('product.description')}</h2>${trusted(p.description)}</section>
<section aria-labelledby="seller-h" class="seller-card"><h2 id="seller-h">${t('product.seller')}</h2>
<p><a href="${enterpriseUrl(e.slug)}"><strong>${e.name}</strong></a><br>
<span class="muted">${label(t, 'kind', e.kind)}${e.communeName ? html` · ${e.communeName}` : ''}</span></p>
${phone ? html`<p><a href="tel:${phone}">${e.phone}</a> · <a href="https://zalo.me/${phone}" rel="noopener">Zalo</a></p>` : ''}
<p><a href="${enterpriseUrl(e.slug)}">${t('product.viewSeller')}</a></p>
</section>
${batches.length ? traceSection(ctx, batches) : ''}`;
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
export function productJsonLd(p: PublicProduct, extra: { sku?: string; descriptionText?: string }, url: string, absolute: (u: string) => string): SafeHtml {
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
