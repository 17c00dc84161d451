import type { Certification, CertificationType, ProductStatus } from '@tradefloor/catalog';
import { slugify } from '@tradefloor/core';
import type { EnterpriseKind } from '@tradefloor/enterprise-profile';
import { FAMILY_COMMUNES } from './communes';
import { gtin13 } from './gtin';
import { familyByKey, type ProductTemplate } from './product-families';
import { productDescription, productName } from './product-text';
import { Prng } from './prng';
import { planEnterprises, type PlannedEnterprise } from './roster';

export interface PlannedProduct {
  enterpriseSlug: string;
  sku: string;
  slug: string;
  name: string;
  categorySlug: string;
  description: string;
  priceVnd: number;
  priceMaxVnd: number | null;
  unit: string;
  minOrderQuantity: number;
  stockQuantity: number;
  weightGrams: number | null;
  originCommuneCode: string | null;
  certifications: Certification[];
  status: ProductStatus;
  gtin: string | null;
  /** Days before the seeding day that the product was created / published. */
  ageDays: number;
}

export interface PlannedCertificate {
  productSlug: string;
  stars: 3 | 4 | 5;
  potentialFiveStar: boolean;
  score: number;
  decisionNumber: string;
  /** Days before the seeding day; valid 36 months from the decision. */
  decisionDaysAgo: number;
  status: 'valid' | 'expired' | 'revoked';
  revocationReason: string | null;
}

export interface DemoPlan {
  enterprises: PlannedEnterprise[];
  products: PlannedProduct[];
  certificates: PlannedCertificate[];
}

/** Published non-OCOP products per verified enterprise, by kind (sums to 572; ten households get one fewer → 562). */
const NON_OCOP_PUBLISHED: Record<EnterpriseKind, number> = { company: 7, cooperative: 6, private_enterprise: 5, cooperative_group: 4, household: 3 };
const HOUSEHOLDS_WITH_ONE_FEWER = 10;
/** OCOP subjects with a second OCOP product: every organisation, and 20 of the 72 households (118 + 66 = 184). */
const HOUSEHOLDS_WITH_TWO_OCOP = 20;
const FOUR_STAR = 38;
const OCOP_PUBLISHED = { potential: 9, four: 30, three: 61 };
const TYPICAL_RURAL_INDUSTRIAL = 67;
const WITH_OTHER_CERTIFICATION = 312;
/** Listings that are not (or no longer) on the floor, on verified enterprises. */
const NOT_LISTED: ProductStatus[] = [...Array(8).fill('draft'), ...Array(6).fill('pending_review'), ...Array(4).fill('rejected'), ...Array(6).fill('archived')];
const OTHER_CERT_NAMES = ['Chứng nhận Halal', 'ISO 9001:2015', 'Chứng nhận hợp quy'];

interface Combo {
  template: ProductTemplate;
  variant: string;
}

/** The seller's possible listings: its specialty's flagship first, one variant of each product before the next. */
function combos(e: PlannedEnterprise): Combo[] {
  const out: Combo[] = [];
  e.families.forEach((key, f) => {
    const templates = familyByKey(key).products;
    // Households of the same specialty lead with different products; organisations with the flagship.
    const offset = e.kind === 'household' || f > 0 ? e.no % templates.length : 0;
    const rotated = [...templates.slice(offset), ...templates.slice(0, offset)];
    const depth = Math.max(...rotated.map((t) => t.variants.length));
    for (let v = 0; v < depth; v++) for (const t of rotated) if (v < t.variants.length) out.push({ template: t, variant: t.variants[v] });
  });
  return out;
}

interface Draft extends PlannedProduct {
  template: ProductTemplate;
  kind: EnterpriseKind;
  ocop: boolean;
  flagshipOf?: PlannedEnterprise;
}

/**
 * The whole base data set, computed (not random at run time): the counts that the statistics must
 * show are laid out by construction here, and the e2e test checks the API reproduces them.
 */
export function planDemoData(): DemoPlan {
  const rng = new Prng(184_118);
  const enterprises = planEnterprises();
  const verified = enterprises.filter((e) => e.status === 'verified');

  const ocopHouseholds = rng.shuffle(verified.filter((e) => e.kind === 'household' && e.ocopSubject));
  const twoOcop = new Set(ocopHouseholds.slice(0, HOUSEHOLDS_WITH_TWO_OCOP).map((e) => e.slug));
  const oneFewer = new Set(
    rng
      .shuffle(verified.filter((e) => e.kind === 'household'))
      .slice(0, HOUSEHOLDS_WITH_ONE_FEWER)
      .map((e) => e.slug),
  );
  const notListedOwners = NOT_LISTED.map((status) => ({ status, slug: rng.pick(verified).slug }));

  const drafts: Draft[] = [];
  for (const e of enterprises) {
    const statuses: Array<{ status: ProductStatus; ocop: boolean }> = [];
    if (e.status === 'verified') {
      const ocop = e.ocopSubject ? (e.kind !== 'household' || twoOcop.has(e.slug) ? 2 : 1) : 0;
      for (let i = 0; i < ocop; i++) statuses.push({ status: 'published', ocop: true }); // listing status decided below
      const published = NON_OCOP_PUBLISHED[e.kind] - (oneFewer.has(e.slug) ? 1 : 0);
      for (let i = 0; i < published; i++) statuses.push({ status: 'published', ocop: false });
      for (const n of notListedOwners) if (n.slug === e.slug) statuses.push({ status: n.status, ocop: false });
    } else if (e.status === 'suspended') {
      for (let i = 0; i < 4; i++) statuses.push({ status: 'published', ocop: false });
    } else {
      for (let i = 0; i < 3; i++) statuses.push({ status: i === 0 ? 'pending_review' : 'draft', ocop: false });
    }
    const available = combos(e);
    if (statuses.length > available.length) throw new Error(`${e.slug}: ${statuses.length} products planned, ${available.length} possible`);
    statuses.forEach((s, k) => drafts.push(draftProduct(rng, e, available[k], k + 1, s.status, s.ocop)));
  }

  const certificates = assignOcop(rng, drafts);
  assignCertifications(rng, drafts, enterprises);
  const products = drafts.map(({ template: _t, kind: _k, ocop: _o, flagshipOf: _f, ...p }) => p);
  return { enterprises, products, certificates };
}

function draftProduct(rng: Prng, e: PlannedEnterprise, combo: Combo, k: number, status: ProductStatus, ocop: boolean): Draft {
  const { template, variant } = combo;
  const sku = `TV${String(e.no).padStart(3, '0')}-${String(k).padStart(2, '0')}`;
  const name = productName(template, e.place, variant);
  const price = rng.price(template.price[0], template.price[1]);
  const familyCommunes = FAMILY_COMMUNES[e.families[0]];
  return {
    enterpriseSlug: e.slug,
    sku,
    slug: `${slugify(name, 60)}-${sku.toLowerCase()}`,
    name,
    categorySlug: template.category,
    description: productDescription(template, variant, e.displayName, e.communeCode),
    priceVnd: price,
    priceMaxVnd: rng.chance(0.1) ? Math.round((price * 1.25) / 1000) * 1000 : null,
    unit: template.unit,
    minOrderQuantity: template.unit === 'người' ? 2 : 1,
    stockQuantity: rng.chance(0.08) ? 0 : rng.int(5, 600),
    weightGrams: template.weightGrams ?? null,
    originCommuneCode: familyCommunes && rng.chance(0.15) ? rng.pick(familyCommunes) : null,
    certifications: [],
    status,
    gtin: e.kind === 'company' || e.kind === 'private_enterprise' ? gtin13(1000 + e.no, k) : null,
    ageDays: rng.int(1, 540),
    template,
    kind: e.kind,
    ocop,
    flagshipOf: ocop && k === 1 && e.potentialFiveStarFlagship ? e : undefined,
  };
}

const KIND_STRENGTH: Record<EnterpriseKind, number> = { cooperative: 20, company: 18, private_enterprise: 12, cooperative_group: 8, household: 0 };

/** Stars, listing status and certificates of the 184 OCOP products, plus expired/revoked history that must not count. */
function assignOcop(rng: Prng, drafts: Draft[]): PlannedCertificate[] {
  const ocop = drafts.filter((d) => d.ocop);
  const potential = ocop.filter((d) => d.flagshipOf);
  const rest = ocop
    .filter((d) => !d.flagshipOf)
    .map((d) => ({ d, strength: KIND_STRENGTH[d.kind] + rng.next() * 30 }))
    .sort((a, b) => b.strength - a.strength)
    .map((x) => x.d);
  const four = rest.slice(0, FOUR_STAR);
  const three = rest.slice(FOUR_STAR);

  const unlisted: ProductStatus[] = ['unlisted', 'unlisted', 'draft', 'pending_review'];
  let u = 0;
  const list = (group: Draft[], published: number) => {
    const shuffled = rng.shuffle(group);
    shuffled.forEach((d, i) => (d.status = i < published ? 'published' : unlisted[u++ % unlisted.length]));
  };
  list(potential, OCOP_PUBLISHED.potential);
  list(four, OCOP_PUBLISHED.four);
  list(three, OCOP_PUBLISHED.three);

  const stars = new Map<Draft, { stars: 3 | 4; potential: boolean; score: number }>();
  for (const d of potential) stars.set(d, { stars: 4, potential: true, score: 90 + rng.int(0, 400) / 100 });
  for (const d of four) stars.set(d, { stars: 4, potential: false, score: 70 + rng.int(0, 1950) / 100 });
  for (const d of three) stars.set(d, { stars: 3, potential: false, score: 50 + rng.int(0, 1950) / 100 });

  // The province recognises products in batches: one decision (number, date) for several products.
  const certificates: PlannedCertificate[] = [];
  const usedNumbers = new Set<string>();
  const decisionNumber = () => {
    for (;;) {
      const n = `${rng.int(120, 2990)}/QĐ-UBND`;
      if (!usedNumbers.has(n)) return usedNumbers.add(n) && n;
    }
  };
  const queue = rng.shuffle(ocop);
  while (queue.length) {
    const batch = queue.splice(0, rng.int(8, 16));
    const number = decisionNumber();
    const daysAgo = rng.int(60, 700);
    for (const d of batch) {
      const s = stars.get(d)!;
      certificates.push({
        productSlug: d.slug,
        stars: s.stars,
        potentialFiveStar: s.potential,
        score: s.score,
        decisionNumber: number,
        decisionDaysAgo: daysAgo,
        status: 'valid',
        revocationReason: null,
      });
    }
  }
  // Earlier recognitions that lapsed before re-assessment: history only.
  for (const d of rng.shuffle(ocop).slice(0, 12)) {
    certificates.push({
      productSlug: d.slug,
      stars: 3,
      potentialFiveStar: false,
      score: 55 + rng.int(0, 1400) / 100,
      decisionNumber: decisionNumber(),
      decisionDaysAgo: rng.int(1180, 1300),
      status: 'expired',
      revocationReason: null,
    });
  }
  const others = rng.shuffle(drafts.filter((d) => !d.ocop && d.status === 'published'));
  // Still marked valid but past valid_until (the nightly expiry has not run yet): must not count.
  for (const d of others.slice(0, 5)) {
    certificates.push({
      productSlug: d.slug,
      stars: 3,
      potentialFiveStar: false,
      score: 52 + rng.int(0, 1500) / 100,
      decisionNumber: decisionNumber(),
      decisionDaysAgo: rng.int(1120, 1180),
      status: 'valid',
      revocationReason: null,
    });
  }
  for (const d of others.slice(5, 8)) {
    certificates.push({
      productSlug: d.slug,
      stars: 3,
      potentialFiveStar: false,
      score: 51 + rng.int(0, 1500) / 100,
      decisionNumber: decisionNumber(),
      decisionDaysAgo: rng.int(200, 500),
      status: 'revoked',
      revocationReason: 'Sản phẩm không duy trì được chất lượng như hồ sơ đánh giá',
    });
  }
  return certificates;
}

function otherCertifications(rng: Prng, types: CertificationType[]): Certification[] {
  const picked = rng.shuffle(types).slice(0, types.length > 1 && rng.chance(0.3) ? 2 : 1);
  return picked.map((type) => (type === 'other' ? { type, name: rng.pick(OTHER_CERT_NAMES) } : { type }));
}

/** Exactly 67 published "typical rural industrial" products and 312 published with another certification. */
function assignCertifications(rng: Prng, drafts: Draft[], enterprises: PlannedEnterprise[]): void {
  const verified = new Set(enterprises.filter((e) => e.status === 'verified').map((e) => e.slug));
  const onFloor = drafts.filter((d) => d.status === 'published' && verified.has(d.enterpriseSlug));
  const offFloor = drafts.filter((d) => !(d.status === 'published' && verified.has(d.enterpriseSlug)));

  const typical = rng.shuffle(onFloor.filter((d) => d.template.processed)).slice(0, TYPICAL_RURAL_INDUSTRIAL);
  const certified = rng.shuffle(onFloor.filter((d) => d.template.certs.length)).slice(0, WITH_OTHER_CERTIFICATION);
  if (typical.length < TYPICAL_RURAL_INDUSTRIAL || certified.length < WITH_OTHER_CERTIFICATION) throw new Error('not enough certifiable products');
  for (const d of certified) d.certifications.push(...otherCertifications(rng, d.template.certs));
  for (const d of typical) d.certifications.push({ type: 'typical_rural_industrial' });
  // Off the floor, certifications exist too but are not counted.
  for (const d of offFloor) {
    if (d.template.certs.length && rng.chance(0.4)) d.certifications.push(...otherCertifications(rng, d.template.certs));
    if (d.template.processed && rng.chance(0.2)) d.certifications.push({ type: 'typical_rural_industrial' });
  }
}
