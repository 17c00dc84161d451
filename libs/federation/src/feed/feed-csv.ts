import { toCsv } from '@tradefloor/core';
import type { FeedElement } from './feed-items';
import type { FeedKind } from './feed-log';

type Item = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON-LD read back by path

/** Column name → value of a live item (tombstones fill only the first three columns). */
const COLUMNS: Record<FeedKind, Array<[string, (i: Item) => string | number | undefined | null]>> = {
  product: [
    ['name', (i) => i.name],
    ['gtin', (i) => i.gtin],
    ['sku', (i) => i.sku],
    ['price_vnd', (i) => i.offers.price],
    ['price_max_vnd', (i) => i.offers.priceSpecification?.maxPrice],
    ['unit', (i) => i.offers.unitText],
    ['availability', (i) => String(i.offers.availability).replace('https://schema.org/', '')],
    ['seller_id', (i) => i.offers.seller.identifier],
    ['seller_name', (i) => i.offers.seller.name],
    ['seller_tax_code', (i) => i.offers.seller.taxID],
    ['seller_province_code', (i) => i.offers.seller.address?.addressRegion],
    ['seller_commune_code', (i) => i.offers.seller.address?.addressLocality],
    ['origin_commune_code', (i) => i.productionPlace.address.addressLocality],
    ['ocop_stars', (i) => ocop(i)?.certificationRating.ratingValue],
    ['ocop_certificate', (i) => ocop(i)?.certificationIdentification],
    ['ocop_valid_until', (i) => ocop(i)?.expires],
    [
      'other_certifications',
      (i) =>
        (i.hasCertification as Item[])
          .filter((c) => c.name !== 'OCOP')
          .map((c) => c.name)
          .join('; '),
    ],
    ['image_urls', (i) => (i.image as string[]).join(' ')],
    ['gs1_digital_link', (i) => i.gs1DigitalLink],
    ['url', (i) => i.url],
  ],
  enterprise: [
    ['name', (i) => i.name],
    ['legal_name', (i) => i.legalName],
    ['tax_code', (i) => i.taxID],
    ['kind', (i) => i.additionalType],
    ['province_code', (i) => i.address.addressRegion],
    ['commune_code', (i) => i.address.addressLocality],
    ['url', (i) => i.url],
  ],
  bulletin: [
    ['type', (i) => i['@type']],
    ['title', (i) => i.headline],
    ['summary', (i) => i.abstract],
    ['date_published', (i) => i.datePublished],
    ['start_date', (i) => i.startDate],
    ['end_date', (i) => i.endDate],
    ['location', (i) => i.location?.name],
    ['url', (i) => i.url],
  ],
};

function ocop(i: Item): Item | undefined {
  return (i.hasCertification as Item[]).find((c) => c.name === 'OCOP');
}

/** The CSV flavour of a feed page: one row per element, the same order and tombstones as the JSON. */
export function feedCsv(kind: FeedKind, elements: FeedElement[]): string {
  const columns = COLUMNS[kind];
  const rows: Array<Array<string | number>> = [['id', 'status', 'date_modified', ...columns.map(([name]) => name)]];
  for (const e of elements) {
    const values = e.item ? columns.map(([, get]) => get(e.item as Item) ?? '') : columns.map(() => '');
    rows.push([e.identifier, e.status, e.dateModified, ...values]);
  }
  return toCsv(rows);
}
