import type { Certification, ProductStatus } from '@tradefloor/catalog';
import { slugify } from '@tradefloor/core';
import type { EnterpriseKind } from '@tradefloor/enterprise-profile';
import { TRA_VINH_COMMUNES, shortCommuneName } from './communes';
import { generateMobile, generatePersonalId, taxCodeCheckDigit } from './identifiers';
import { person, street } from './people';
import type { PlannedCertificate, PlannedProduct } from './plan';
import { FAMILIES } from './product-families';
import { productDescription, productName } from './product-text';
import { Prng } from './prng';
import { DEMO_EMAIL_DOMAIN, type PlannedEnterprise } from './roster';

/** Synthetic products per synthetic enterprise (a large seller's catalogue). */
export const PRODUCTS_PER_SYNTHETIC_ENTERPRISE = 150;
const QUALIFIERS = ['', '', '', 'loại 1', 'loại đặc biệt', 'hàng tuyển', 'quà biếu', 'mẫu mới', 'thùng 10 hộp', 'combo 2', 'giá sỉ'];
const STATUSES: ProductStatus[] = [...Array(46).fill('published'), 'draft', 'draft', 'unlisted', 'pending_review'];

/** Every synthetic row derives from its own number, so any batch can be generated alone and reruns match. */
const rngFor = (n: number, salt: number) => new Prng(Math.imul(n, 2_654_435_761) ^ salt);

/** Synthetic product n belongs to a base demo enterprise (every fourth) or to a synthetic one. */
export function ownerOf(n: number, base: PlannedEnterprise[]): { synthetic: number } | { base: PlannedEnterprise } {
  return n % 4 === 0 ? { base: base[(n / 4) % base.length] } : { synthetic: Math.floor((n - 1) / PRODUCTS_PER_SYNTHETIC_ENTERPRISE) + 1 };
}

/** A valid tax code from a reserved range (prefix 23) so synthetic sellers never take the base set's codes. */
function syntheticTaxCode(k: number): string {
  for (let attempt = 0; ; attempt++) {
    const firstNine = `23${String((k * 13 + attempt) % 10_000_000).padStart(7, '0')}`;
    const check = taxCodeCheckDigit(firstNine);
    if (check !== undefined) return `${firstNine}${check}`;
  }
}

export function syntheticEnterprise(k: number): PlannedEnterprise {
  const rng = rngFor(k, 0x5e11e7);
  const family = rng.pick(FAMILIES);
  const commune = rng.pick(TRA_VINH_COMMUNES);
  const rep = person(rng);
  const kind: EnterpriseKind = rng.pick(['household', 'household', 'household', 'company', 'cooperative', 'private_enterprise']);
  const displayName =
    kind === 'household'
      ? `Cơ sở ${family.theme} ${rep.nickname}`
      : kind === 'company'
        ? `Công ty TNHH ${family.theme} ${shortCommuneName(commune)} ${k}`
        : kind === 'cooperative'
          ? `HTX ${family.theme} ${shortCommuneName(commune)} ${k}`
          : `Doanh nghiệp tư nhân ${family.theme} ${rep.nickname}`;
  const slug = `${slugify(displayName, 60)}-syn${k}`;
  return {
    no: 10_000 + k,
    slug,
    kind,
    legalForm: kind === 'company' ? 'llc' : null,
    legalName: kind === 'household' ? `Hộ kinh doanh ${rep.fullName}` : displayName.replace(/^HTX /, 'Hợp tác xã '),
    displayName,
    taxCode: kind === 'household' ? null : syntheticTaxCode(k),
    personalId: kind === 'household' ? generatePersonalId(rng, new Set()) : null,
    representative: rep.fullName,
    phone: generateMobile(rng),
    email: `${slug}@${DEMO_EMAIL_DOMAIN}`,
    street: street(rng),
    communeCode: commune.code,
    legacyAddress: `${commune.formerDistrict}, tỉnh Trà Vinh`,
    description: `Dữ liệu tổng hợp cho thử tải (synthetic data for benchmarks): ${displayName}.`,
    foundingYear: rng.int(2000, 2024),
    status: 'verified',
    families: [family.key],
    place: shortCommuneName(commune),
    ocopSubject: false,
    potentialFiveStarFlagship: false,
  };
}

export function syntheticProduct(n: number, owner: PlannedEnterprise): { product: PlannedProduct; certificate?: PlannedCertificate } {
  const rng = rngFor(n, 0x9a0d);
  const template = rng.pick(rng.pick(FAMILIES).products);
  const variant = rng.pick(template.variants);
  const qualifier = rng.pick(QUALIFIERS);
  const name = `${productName(template, owner.place, variant)}${qualifier ? ` ${qualifier}` : ''}`;
  const sku = `SYN-${String(n).padStart(7, '0')}`;
  const certifications: Certification[] = [];
  if (template.certs.length && rng.chance(0.35)) {
    const type = rng.pick(template.certs);
    certifications.push(type === 'other' ? { type, name: 'Chứng nhận hợp quy' } : { type });
  }
  if (template.processed && rng.chance(0.08)) certifications.push({ type: 'typical_rural_industrial' });
  const price = rng.price(template.price[0], template.price[1]);
  const product: PlannedProduct = {
    enterpriseSlug: owner.slug,
    sku,
    slug: `${slugify(name, 60)}-syn${n}`,
    name,
    categorySlug: template.category,
    description: productDescription(template, variant, owner.displayName, owner.communeCode),
    priceVnd: price,
    priceMaxVnd: null,
    unit: template.unit,
    minOrderQuantity: 1,
    stockQuantity: rng.int(0, 1000),
    weightGrams: template.weightGrams ?? null,
    originCommuneCode: rng.chance(0.2) ? rng.pick(TRA_VINH_COMMUNES).code : null,
    certifications,
    status: rng.pick(STATUSES),
    gtin: null,
    ageDays: rng.int(0, 900),
  };
  if (!rng.chance(0.06)) return { product };
  const roll = rng.next();
  const stars = roll < 0.02 ? 5 : roll < 0.3 ? 4 : 3;
  const potential = stars === 4 && roll < 0.04;
  return {
    product,
    certificate: {
      productSlug: product.slug,
      stars,
      potentialFiveStar: potential,
      score: potential || stars === 5 ? 90 + rng.int(0, 500) / 100 : stars === 4 ? 70 + rng.int(0, 1900) / 100 : 50 + rng.int(0, 1900) / 100,
      decisionNumber: `${3000 + Math.floor(n / 25)}/QĐ-UBND`,
      decisionDaysAgo: rng.int(30, 900),
      status: 'valid',
      revocationReason: null,
    },
  };
}
