import { PeerFetchError } from './bounded-get';

/** A peer product as we keep it: only what we validated, as plain text and http(s) URLs. */
export interface PeerProduct {
  remoteId: string;
  modifiedAt: Date;
  name: string;
  description: string;
  gtin: string | null;
  priceVnd: number | null;
  availability: string | null;
  sellerName: string | null;
  sellerTaxCode: string | null;
  provinceCode: string | null;
  communeCode: string | null;
  ocopStars: number | null;
  ocopCertificate: string | null;
  ocopValidUntil: string | null;
  imageUrls: string[];
  pageUrl: string;
  digitalLink: string | null;
}

export type PeerElement = { kind: 'live'; product: PeerProduct } | { kind: 'deleted'; remoteId: string };

export interface PeerPage {
  elements: PeerElement[];
  /** Items refused by validation (markup, bad URLs, missing fields…): skipped, counted in the peer's health. */
  rejected: number;
  nextCursor: string | null;
  hasMore: boolean;
}

export const MAX_ELEMENTS_PER_PAGE = 1000;
const ID = /^[A-Za-z0-9._:-]{1,100}$/;
const CURSOR = /^[\x21-\x7e]{1,500}$/;
/** Anything that looks like a tag, comment or processing instruction: peers send text only. */
const MARKUP = /<\s*[a-zA-Z!/?]/;
// Control characters other than tab and newlines.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/; // eslint-disable-line no-control-regex

class Invalid extends Error {}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(v: unknown, max: number, required = true): string | null {
  if (v === undefined || v === null || v === '') {
    if (required) throw new Invalid('missing text');
    return null;
  }
  if (typeof v !== 'string' || v.length > max || MARKUP.test(v) || CONTROL.test(v)) throw new Invalid('bad text');
  return v.normalize('NFC').trim();
}

function httpUrl(v: unknown, required = true): string | null {
  if (v === undefined || v === null) {
    if (required) throw new Invalid('missing url');
    return null;
  }
  if (typeof v !== 'string' || v.length > 2000) throw new Invalid('bad url');
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw new Invalid('bad url');
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) throw new Invalid('url scheme');
  return url.href;
}

function match(v: unknown, pattern: RegExp): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' || !pattern.test(v)) throw new Invalid('bad code');
  return v;
}

/** A real YYYY-MM-DD date (not 2026-02-31), or null. */
function calendarDate(v: unknown): string | null {
  const d = match(v, /^(19|20)\d{2}-\d{2}-\d{2}$/);
  const parsed = d ? new Date(`${d}T00:00:00Z`) : null;
  if (parsed && (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== d)) throw new Invalid('bad date');
  return d;
}

function product(remoteId: string, modifiedAt: Date, item: unknown): PeerProduct {
  if (!isObj(item) || item['@type'] !== 'Product') throw new Invalid('not a Product');
  const offers = isObj(item.offers) ? item.offers : {};
  const seller = isObj(offers.seller) ? offers.seller : {};
  const address = isObj(seller.address) ? seller.address : {};
  const price = offers.price;
  if (price !== undefined && (typeof price !== 'number' || !Number.isSafeInteger(price) || price < 0 || price > 1e12)) throw new Invalid('price');
  if (offers.priceCurrency !== undefined && offers.priceCurrency !== 'VND') throw new Invalid('currency');
  const images = item.image ?? [];
  if (!Array.isArray(images) || images.length > 20) throw new Invalid('images');
  const certs = item.hasCertification ?? [];
  if (!Array.isArray(certs) || certs.length > 20) throw new Invalid('certifications');
  const ocop = certs.find((c) => isObj(c) && c.name === 'OCOP') as Obj | undefined;
  let ocopStars: number | null = null;
  if (ocop) {
    const rating = isObj(ocop.certificationRating) ? ocop.certificationRating.ratingValue : undefined;
    if (rating !== 3 && rating !== 4 && rating !== 5) throw new Invalid('ocop stars');
    ocopStars = rating;
  }
  const availability = text(offers.availability, 100, false);
  return {
    remoteId,
    modifiedAt,
    name: text(item.name, 300)!,
    description: text(item.description, 10_000, false) ?? '',
    gtin: match(item.gtin, /^\d{8,14}$/),
    priceVnd: typeof price === 'number' ? price : null,
    availability: availability ? availability.replace(/^https?:\/\/schema\.org\//, '') : null,
    sellerName: text(seller.name, 300, false),
    sellerTaxCode: match(seller.taxID, /^\d{10}(-\d{3})?$/),
    provinceCode: match(address.addressRegion, /^\d{2}$/),
    communeCode: match(address.addressLocality, /^\d{5}$/),
    ocopStars,
    ocopCertificate: ocop ? text(ocop.certificationIdentification, 100, false) : null,
    ocopValidUntil: ocop ? calendarDate(ocop.expires) : null,
    imageUrls: images.map((u) => httpUrl(u)!),
    pageUrl: httpUrl(item.url)!,
    digitalLink: httpUrl(item.gs1DigitalLink, false),
  };
}

function element(raw: unknown): PeerElement {
  if (!isObj(raw) || typeof raw.identifier !== 'string' || !ID.test(raw.identifier)) throw new Invalid('identifier');
  if (raw.status === 'deleted') return { kind: 'deleted', remoteId: raw.identifier };
  if (raw.status !== 'live') throw new Invalid('status');
  const modified = typeof raw.dateModified === 'string' && raw.dateModified.length <= 40 ? new Date(raw.dateModified) : new Date(NaN);
  const year = modified.getUTCFullYear();
  if (Number.isNaN(modified.getTime()) || year < 2000 || year > 2100) throw new Invalid('dateModified');
  return { kind: 'live', product: product(raw.identifier, modified, raw.item) };
}

/**
 * A peer's products page (docs/open-feed.md v1) parsed strictly. A broken envelope fails the
 * whole page (nothing of it is stored); a broken element is skipped and counted.
 */
export function parsePeerPage(body: string): PeerPage {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    throw new PeerFetchError('JSON không hợp lệ (malformed JSON)');
  }
  if (!isObj(doc) || doc['@type'] !== 'DataFeed' || doc.version !== '1') throw new PeerFetchError('không phải luồng mở v1 (not an open feed v1 page)');
  const list = doc.dataFeedElement;
  if (!Array.isArray(list)) throw new PeerFetchError('thiếu dataFeedElement (no dataFeedElement array)');
  if (list.length > MAX_ELEMENTS_PER_PAGE) throw new PeerFetchError(`trang quá nhiều mục (more than ${MAX_ELEMENTS_PER_PAGE} elements)`);
  if (doc.nextCursor !== null && (typeof doc.nextCursor !== 'string' || !CURSOR.test(doc.nextCursor)))
    throw new PeerFetchError('nextCursor không hợp lệ (bad nextCursor)');
  if (typeof doc.hasMore !== 'boolean') throw new PeerFetchError('thiếu hasMore (no hasMore)');
  const elements: PeerElement[] = [];
  let rejected = 0;
  for (const raw of list) {
    try {
      elements.push(element(raw));
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      rejected++;
    }
  }
  return { elements, rejected, nextCursor: doc.nextCursor as string | null, hasMore: doc.hasMore };
}
