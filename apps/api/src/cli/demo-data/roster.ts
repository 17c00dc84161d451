import type { EnterpriseKind, EnterpriseStatus, LegalForm } from '@tradefloor/enterprise-profile';
import { slugify } from '@tradefloor/core';
import { FAMILY_COMMUNES, TRA_VINH_COMMUNES, communeByCode, shortCommuneName } from './communes';
import { generateMobile, generatePersonalId, generateTaxCode } from './identifiers';
import { person, street } from './people';
import { familyByKey, FAMILIES } from './product-families';
import { Prng } from './prng';

export const DEMO_EMAIL_DOMAIN = 'demo.tradefloor.vn';

export interface PlannedEnterprise {
  /** 1-based position; stable, used in SKUs. */
  no: number;
  slug: string;
  kind: EnterpriseKind;
  legalForm: LegalForm | null;
  legalName: string;
  displayName: string;
  taxCode: string | null;
  personalId: string | null;
  representative: string;
  phone: string;
  email: string;
  street: string;
  communeCode: string;
  legacyAddress: string;
  description: string;
  foundingYear: number;
  status: EnterpriseStatus;
  /** Product families: the specialty first, then a second line of products. */
  families: string[];
  /** The place in product names: "Bưởi da xanh Hùng Hòa". */
  place: string;
  ocopSubject: boolean;
  /** One of the enterprises whose flagship is a "potential 5-star" OCOP product. */
  potentialFiveStarFlagship: boolean;
}

interface Seed {
  kind: EnterpriseKind;
  name: string;
  family: string;
  commune?: string;
  place?: string;
  legalForm?: LegalForm;
  ocop: boolean;
  potential?: boolean;
  status?: EnterpriseStatus;
}

/** The cooperatives named in the province's 2022 report, and other well-known specialties. */
const NAMED_COOPERATIVES: Seed[] = [
  { kind: 'cooperative', name: 'HTX Nông nghiệp Dân Tiến', family: 'gao', commune: '29506', place: 'Dân Tiến', ocop: true },
  { kind: 'cooperative', name: 'HTX Bưởi da xanh Hùng Hòa', family: 'buoi', commune: '29362', place: 'Hùng Hòa', ocop: true, potential: true },
  { kind: 'cooperative', name: 'HTX Nông nghiệp Phú Cần', family: 'dua-luoi', commune: '29341', place: 'Phú Cần', ocop: true, potential: true },
  { kind: 'cooperative', name: 'HTX Nông nghiệp Rạch Lọp', family: 'gao', commune: '29371', place: 'Rạch Lọp', ocop: true, potential: true },
  { kind: 'cooperative', name: 'HTX Nông nghiệp Thủy sản Trường Long Hòa', family: 'dua-luoi', commune: '29516', place: 'Trường Long Hòa', ocop: true },
  { kind: 'cooperative', name: 'HTX Dừa sáp Cầu Kè', family: 'dua-sap', commune: '29308', place: 'Cầu Kè', ocop: true, potential: true },
  { kind: 'cooperative', name: 'HTX Rượu Xuân Thạnh', family: 'ruou', commune: '29263', place: 'Long Đức', ocop: true, potential: true },
  { kind: 'cooperative', name: 'HTX Thốt nốt Trà Cú', family: 'thot-not', commune: '29461', place: 'Trà Cú', ocop: true, potential: true },
  { kind: 'cooperative', name: 'HTX Nuôi ong Cầu Ngang', family: 'mat-ong', commune: '29416', place: 'Cầu Ngang', ocop: true, potential: true },
  { kind: 'cooperative', name: 'HTX Thủy sản Long Vĩnh', family: 'thuy-san', commune: '29533', place: 'Long Vĩnh', ocop: true },
];

const COMPANIES: Array<[string, string, LegalForm]> = [
  ['Thực phẩm Trà Vinh Xanh', 'che-bien', 'llc'],
  ['Hương Dừa Cầu Kè', 'dua-sap', 'llc'],
  ['Mekong Coco', 'dua', 'jsc'],
  ['Nông sản Phương Nam', 'trai-cay', 'llc'],
  ['Thủy sản Duyên Hải', 'thuy-san', 'jsc'],
  ['Thực phẩm Sạch Tiểu Cần', 'che-bien', 'llc'],
  ['Gạo Sạch Càng Long', 'gao', 'llc'],
  ['Trái cây Miền Tây', 'trai-cay', 'llc'],
  ['Dừa Việt Trà Vinh', 'dua', 'jsc'],
  ['Mật ong Hoa Dừa', 'mat-ong', 'llc'],
  ['Đặc sản Ao Bà Om', 'che-bien', 'llc'],
  ['Khô cá Ba Động', 'kho-ca', 'llc'],
  ['Tinh dầu Thiên Nhiên Việt', 'thao-duoc', 'llc'],
  ['Mỹ nghệ Gáo Dừa Việt', 'thu-cong', 'llc'],
  ['Nông nghiệp Công nghệ cao Tân An', 'dua-luoi', 'jsc'],
  ['Chế biến Nông sản Hòa Minh', 'trai-cay', 'llc'],
  ['Bánh kẹo Song Lộc', 'che-bien', 'llc'],
  ['Thực phẩm Ông Tám', 'kho-ca', 'llc'],
  ['Đường thốt nốt Khmer', 'thot-not', 'llc'],
  ['Thảo dược Phương Nam', 'thao-duoc', 'jsc'],
  // Verified but without OCOP products.
  ['Thương mại Dịch vụ Cửu Long', 'nong-san', 'llc'],
  ['Xuất nhập khẩu Nông sản Trà Vinh', 'trai-cay', 'jsc'],
  ['Du lịch Sinh thái Rừng Đước', 'du-lich', 'llc'],
  ['Hoa kiểng Phú Thọ', 'sinh-vat-canh', 'llc'],
];

const PRIVATE_ENTERPRISES: Array<[string, string]> = [
  ['Bánh tét Út Hiền', 'che-bien'],
  ['Kẹo dừa Thanh Bình', 'dua'],
  ['Khô cá Năm Sang', 'kho-ca'],
  ['Mỹ nghệ Hoàng Phát', 'thu-cong'],
  ['Mật ong Tư Chiến', 'mat-ong'],
  ['Gạo Phước Thành', 'gao'], // no OCOP product
];

const OTHER_COOP_FAMILIES = ['trai-cay', 'nong-san', 'buoi', 'dua', 'kho-ca', 'thuy-san', 'thao-duoc', 'gao', 'dua-luoi', 'che-bien', 'dua-sap', 'mat-ong'];
/** Household specialties, repeated by how common they are in the province. */
const HOUSEHOLD_FAMILIES = [
  ...Array(10).fill('dua'),
  ...Array(5).fill('dua-sap'),
  ...Array(8).fill('kho-ca'),
  ...Array(6).fill('mat-ong'),
  ...Array(6).fill('thot-not'),
  ...Array(10).fill('che-bien'),
  ...Array(6).fill('thu-cong'),
  ...Array(8).fill('trai-cay'),
  ...Array(4).fill('buoi'),
  ...Array(4).fill('ruou'),
  ...Array(4).fill('thao-duoc'),
  ...Array(3).fill('nong-san'),
  ...Array(2).fill('dua-luoi'),
  ...Array(2).fill('thuy-san'),
] as string[];
const SECONDARY: Record<string, string> = {
  'du-lich': 'trai-cay',
  'sinh-vat-canh': 'nong-san',
  'dua-sap': 'dua',
  dua: 'dua-sap',
  buoi: 'trai-cay',
  gao: 'nong-san',
  'dua-luoi': 'trai-cay',
  'trai-cay': 'nong-san',
  'mat-ong': 'thao-duoc',
  'thot-not': 'che-bien',
  'kho-ca': 'thuy-san',
  'thuy-san': 'kho-ca',
  'che-bien': 'dua',
  ruou: 'che-bien',
  'thao-duoc': 'mat-ong',
  'thu-cong': 'dua',
  'nong-san': 'gao',
};

/** Verified household businesses: 72 OCOP subjects and 6 without OCOP products. */
const HOUSEHOLDS_VERIFIED = 78;
const HOUSEHOLDS_OCOP = 72;
const COOPERATIVES_VERIFIED = 22;
const COOPERATIVES_OCOP = 19;

/**
 * The 132 verified enterprises of the seed article plus four that are not (pending verification,
 * suspended, draft), so the statistics' rules are visible in the demo too. Deterministic.
 */
export function planEnterprises(): PlannedEnterprise[] {
  const rng = new Prng(20_230_420); // the date of the report the figures come from
  const seeds: Seed[] = [...NAMED_COOPERATIVES];
  for (let i = 0; seeds.filter((s) => s.kind === 'cooperative').length < COOPERATIVES_VERIFIED; i++) {
    const commune = TRA_VINH_COMMUNES[(i * 7 + 3) % TRA_VINH_COMMUNES.length];
    const n = seeds.filter((s) => s.kind === 'cooperative').length;
    seeds.push({
      kind: 'cooperative',
      name: `HTX Nông nghiệp ${shortCommuneName(commune)}`,
      family: OTHER_COOP_FAMILIES[i % OTHER_COOP_FAMILIES.length],
      commune: commune.code,
      ocop: n < COOPERATIVES_OCOP,
    });
  }
  COMPANIES.forEach(([brand, family, form], i) => {
    seeds.push({
      kind: 'company',
      name: `Công ty ${form === 'jsc' ? 'Cổ phần' : 'TNHH'} ${brand}`,
      family,
      legalForm: form,
      ocop: i < 20,
      potential: brand === 'Hương Dừa Cầu Kè',
    });
  });
  PRIVATE_ENTERPRISES.forEach(([brand, family], i) => {
    seeds.push({ kind: 'private_enterprise', name: `Doanh nghiệp tư nhân ${brand}`, family, ocop: i < 5, potential: brand === 'Bánh tét Út Hiền' });
  });
  seeds.push({ kind: 'cooperative_group', name: 'Tổ hợp tác Đan lát Ngũ Lạc', family: 'thu-cong', commune: '29530', ocop: true });
  seeds.push({ kind: 'cooperative_group', name: 'Tổ hợp tác Dưa lưới Long Hòa', family: 'dua-luoi', commune: '29413', place: 'Long Hòa', ocop: true });

  const householdFamilies = rng.shuffle(HOUSEHOLD_FAMILIES);
  for (let i = 0; i < HOUSEHOLDS_VERIFIED; i++) {
    seeds.push({ kind: 'household', name: '', family: householdFamilies[i % householdFamilies.length], ocop: i < HOUSEHOLDS_OCOP });
  }
  // Not verified: their products are never "published on the floor".
  seeds.push({ kind: 'household', name: '', family: 'che-bien', ocop: false, status: 'pending_verification' });
  seeds.push({
    kind: 'company',
    name: 'Công ty TNHH Nông sản Xanh Vĩnh Long',
    family: 'trai-cay',
    legalForm: 'llc',
    ocop: false,
    status: 'pending_verification',
  });
  seeds.push({ kind: 'household', name: '', family: 'kho-ca', ocop: false, status: 'suspended' });
  seeds.push({ kind: 'cooperative', name: 'HTX Nông nghiệp Đông Hải', family: 'nong-san', commune: '29536', ocop: false, status: 'draft' });

  const taxCodes = new Set<string>();
  const personalIds = new Set<string>();
  const slugs = new Set<string>();
  return seeds.map((s, i) => {
    const family = familyByKey(s.family);
    const communeCode = s.commune ?? rng.pick(FAMILY_COMMUNES[s.family] ?? TRA_VINH_COMMUNES.map((c) => c.code));
    const commune = communeByCode(communeCode);
    const rep = person(rng);
    const displayName = s.kind === 'household' ? `Cơ sở ${family.theme} ${rep.nickname}` : s.name;
    const legalName = s.kind === 'household' ? `Hộ kinh doanh ${rep.fullName}` : s.name.replace(/^HTX /, 'Hợp tác xã ');
    let slug = slugify(displayName);
    if (slugs.has(slug)) slug = slugify(`${displayName} ${shortCommuneName(commune)}`);
    for (let k = 2; slugs.has(slug); k++) slug = `${slugify(displayName)}-${k}`;
    slugs.add(slug);
    // Households registered since 1 July 2025 identify with the owner's personal ID instead of a tax code.
    const usesPersonalId = s.kind === 'household' && rng.chance(0.3);
    const foundingYear = rng.int(s.kind === 'household' ? 2005 : 1998, 2022);
    return {
      no: i + 1,
      slug,
      kind: s.kind,
      legalForm: s.legalForm ?? null,
      legalName,
      displayName,
      taxCode: usesPersonalId ? null : generateTaxCode(rng, taxCodes),
      personalId: usesPersonalId ? generatePersonalId(rng, personalIds) : null,
      representative: rep.fullName,
      phone: generateMobile(rng),
      email: `${slug}@${DEMO_EMAIL_DOMAIN}`,
      street: street(rng),
      communeCode,
      // Pre-2025 communes were renamed and merged; the former district is what older documents show.
      legacyAddress: `${commune.formerDistrict
        .replace(/^Huyện/, 'huyện')
        .replace(/^Thị xã/, 'thị xã')
        .replace(/^Thành phố/, 'thành phố')}, tỉnh Trà Vinh`,
      description: `${displayName} chuyên về ${family.theme.toLowerCase()} tại ${commune.name.replace(/^Xã/, 'xã').replace(/^Phường/, 'phường')}, tỉnh Vĩnh Long (tỉnh Trà Vinh cũ), hoạt động từ năm ${foundingYear}.`,
      foundingYear,
      status: s.status ?? 'verified',
      families: [s.family, SECONDARY[s.family] ?? rng.pick(FAMILIES).key],
      place: s.place ?? shortCommuneName(commune),
      ocopSubject: s.ocop,
      potentialFiveStarFlagship: s.potential ?? false,
    };
  });
}
