import type { ProductView } from '@tradefloor/catalog';
import { htmlToText } from '@tradefloor/core';
import type { EnterpriseView } from '@tradefloor/enterprise-profile';
import type { BulletinEntity } from '@tradefloor/news-bulletin';

/** One element of an open feed page: the subject as schema.org JSON-LD, or its tombstone. */
export interface FeedElement {
  '@type': 'DataFeedItem';
  identifier: string;
  dateModified: string;
  /** `deleted`: withdrawn, unlisted, taken down or its seller suspended — remove your copy. */
  status: 'live' | 'deleted';
  item?: Record<string, unknown>;
}

export function tombstone(id: string, changedAt: string): FeedElement {
  return { '@type': 'DataFeedItem', identifier: id, dateModified: changedAt, status: 'deleted' };
}

const absolute = (base: string, url: string) => (/^https?:\/\//.test(url) ? url : `${base}${url}`);

/** GTIN-14 (left-padded) as GS1 Digital Link URIs carry it. */
export function gtin14(gtin: string | null): string | null {
  return gtin ? gtin.padStart(14, '0') : null;
}

export function productItem(base: string, v: ProductView, seller: EnterpriseView | undefined): Record<string, unknown> {
  const gtin = gtin14(v.gtin);
  const certifications: Array<Record<string, unknown>> = [];
  if (v.ocopStars) {
    certifications.push({
      '@type': 'Certification',
      name: 'OCOP',
      certificationIdentification: v.ocopDecisionNumber,
      certificationRating: { '@type': 'Rating', ratingValue: v.ocopStars, bestRating: 5 },
      expires: v.ocopValidUntil,
      issuedBy: v.ocopIssuingBody ? { '@type': 'Organization', name: v.ocopIssuingBody } : undefined,
    });
  }
  for (const c of v.certifications) certifications.push({ '@type': 'Certification', name: c.name ?? c.type, additionalType: c.type });
  const url = `${base}/san-pham/${v.slug}`;
  return {
    '@type': 'Product',
    '@id': url,
    identifier: v.id,
    name: v.name,
    description: v.descriptionText,
    sku: v.sku,
    gtin: gtin ?? undefined,
    category: v.categoryNames.join(' > '),
    image: v.imageUrls.map((u) => absolute(base, u)),
    url,
    gs1DigitalLink: gtin ? `https://id.gs1.org/01/${gtin}` : undefined,
    countryOfOrigin: 'VN',
    productionPlace: {
      '@type': 'Place',
      address: { '@type': 'PostalAddress', addressLocality: v.communeCode, addressRegion: v.provinceCode, addressCountry: 'VN' },
    },
    hasCertification: certifications,
    offers: {
      '@type': 'Offer',
      price: v.priceVnd,
      priceCurrency: 'VND',
      priceSpecification: v.priceMaxVnd ? { '@type': 'PriceSpecification', minPrice: v.priceVnd, maxPrice: v.priceMaxVnd, priceCurrency: 'VND' } : undefined,
      unitText: v.unit,
      eligibleQuantity: { '@type': 'QuantitativeValue', minValue: v.minOrderQuantity, unitText: v.unit },
      availability: v.stockQuantity > 0 ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock',
      url,
      seller: seller ? organization(base, seller) : { '@type': 'Organization', identifier: v.enterpriseId, name: v.enterpriseName },
    },
  };
}

function organization(base: string, e: EnterpriseView): Record<string, unknown> {
  return {
    '@type': 'Organization',
    '@id': `${base}/doanh-nghiep/${e.slug}`,
    identifier: e.id,
    name: e.displayName,
    legalName: e.legalName,
    taxID: e.taxCode ?? undefined,
    additionalType: e.kind,
    url: `${base}/doanh-nghiep/${e.slug}`,
    address: { '@type': 'PostalAddress', addressLocality: e.communeCode, addressRegion: e.provinceCode, addressCountry: 'VN' },
  };
}

export function enterpriseItem(base: string, e: EnterpriseView): Record<string, unknown> {
  return { ...organization(base, e), description: htmlToText(e.description) };
}

export function bulletinItem(base: string, b: BulletinEntity): Record<string, unknown> {
  const url = `${base}/tin-tuc/${b.slug}`;
  const common = {
    '@id': url,
    identifier: b.id,
    name: b.title,
    headline: b.title,
    abstract: b.summary,
    image: b.coverImageUrl ? [absolute(base, b.coverImageUrl)] : [],
    keywords: b.tags,
    datePublished: b.publishedAt?.toISOString(),
    author: b.authorByline ?? undefined,
    url,
  };
  if (b.kind !== 'event') return { '@type': 'NewsArticle', ...common, articleBody: htmlToText(b.body) };
  return {
    '@type': 'Event',
    ...common,
    description: htmlToText(b.body),
    startDate: b.eventStartsAt?.toISOString(),
    endDate: b.eventEndsAt?.toISOString(),
    location: b.eventLocation ? { '@type': 'Place', name: b.eventLocation } : undefined,
    organizer: b.eventOrganiser ? { '@type': 'Organization', name: b.eventOrganiser } : undefined,
  };
}
