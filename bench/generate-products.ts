import type { Client } from 'pg';

/**
 * Fast generator of a large Vietnamese catalog for benchmarks (the demo seeder with --scale is
 * built in parallel; switch with BENCH_SEED=demo once `npm run seed:demo -- --scale N` exists).
 * Deterministic (seeded), inserted with unnest() in batches of 10,000 rows.
 */
const PRODUCTS = [
  'Bưởi da xanh',
  'Bưởi năm roi',
  'Dưa hấu',
  'Dưa lưới',
  'Dừa sáp',
  'Dừa xiêm',
  'Kẹo dừa',
  'Khóm',
  'Mứt dứa',
  'Xoài cát Hòa Lộc',
  'Xoài tứ quý',
  'Thanh long ruột đỏ',
  'Thanh long ruột trắng',
  'Mật ong rừng',
  'Mật ong hoa nhãn',
  'Gạo ST25',
  'Gạo thơm lài',
  'Bánh tráng mè',
  'Bánh pía',
  'Chôm chôm',
  'Sầu riêng Ri6',
  'Măng cụt',
  'Nhãn xuồng',
  'Vú sữa Lò Rèn',
  'Chuối xiêm',
  'Trà mãng cầu',
  'Rượu dừa',
  'Nước mắm cá cơm',
  'Tôm khô',
  'Cá lóc khô',
  'Khô cá sặc',
  'Lạp xưởng',
  'Chả lụa',
  'Đường thốt nốt',
  'Cà phê Robusta',
  'Tinh dầu sả',
  'Giỏ lục bình',
  'Chiếu cói',
  'Đũa tre',
  'Gáo dừa mỹ nghệ',
  'Hoa mai vàng',
  'Bắp nếp',
  'Khoai lang tím',
  'Đậu phộng rang',
  'Hột vịt muối',
  'Thịt heo sạch',
  'Bánh tét lá cẩm',
  'Cốm dẹp',
  'Mắm tép',
  'Muối ớt',
];
const QUALIFIERS = [
  'loại 1',
  'đặc biệt',
  'hữu cơ',
  'sạch',
  'VietGAP',
  'xuất khẩu',
  'nguyên chất',
  'truyền thống',
  'thượng hạng',
  'gia truyền',
  'tươi',
  'sấy khô',
];
const PACKS = ['500g', '1kg', '2kg', '5kg', 'hộp 12 cái', 'túi 250g', 'chai 500ml', 'thùng 10kg', 'lốc 6', 'gói 200g'];
const PLACES = ['Trà Vinh', 'Cầu Kè', 'Tiểu Cần', 'Càng Long', 'Duyên Hải', 'Châu Thành', 'Cầu Ngang', 'Trà Cú', 'Vĩnh Long', 'Bến Tre', 'Chợ Lách', 'Mỏ Cày'];
const KINDS = ['household', 'company', 'private_enterprise', 'cooperative', 'cooperative_group'];
const CERTS = ['vietgap', 'globalgap', 'organic', 'haccp', 'iso22000', 'typical_rural_industrial'];
const ENTERPRISE_PREFIX = ['HTX', 'Công ty TNHH', 'Hộ kinh doanh', 'Cơ sở', 'Tổ hợp tác'];
const ENTERPRISE_NAMES = [
  'Tân Tiến',
  'Phú Cần',
  'Hùng Hòa',
  'Rạch Lọp',
  'Dân Tiến',
  'Trường Long Hòa',
  'Út Hiền',
  'Ba Tư',
  'Mười Hai',
  'Sáu Phước',
  'Kim Ngân',
  'Phước Lộc',
];

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function generateCatalog(db: Client, products: number, log: (line: string) => void): Promise<void> {
  const random = rng(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const [{ n: existing }] = (await db.query(`SELECT count(*)::int AS n FROM products`)).rows;
  if (existing >= products) {
    log(`catalog already has ${existing} products`);
    return;
  }
  const communes: string[] = (await db.query(`SELECT code FROM communes`)).rows.map((r: { code: string }) => r.code);
  const categories: string[] = (await db.query(`SELECT id FROM categories c WHERE NOT EXISTS (SELECT 1 FROM categories x WHERE x.parent_id = c.id)`)).rows.map(
    (r: { id: string }) => r.id,
  );
  const [owner] = (
    await db.query(
      `INSERT INTO users (email, display_name, password_hash, role) VALUES ('bench-owner@example.vn', 'Bench', 'x', 'business')
       ON CONFLICT (email) DO UPDATE SET display_name = EXCLUDED.display_name RETURNING id`,
    )
  ).rows;
  const enterpriseCount = Math.max(10, Math.round(products / 100));
  const ent = { slug: [] as string[], kind: [] as string[], name: [] as string[], commune: [] as string[], status: [] as string[] };
  for (let i = 0; i < enterpriseCount; i++) {
    ent.slug.push(`bench-dn-${i}`);
    ent.kind.push(pick(KINDS));
    ent.name.push(`${pick(ENTERPRISE_PREFIX)} ${pick(ENTERPRISE_NAMES)} ${i}`);
    ent.commune.push(pick(communes));
    ent.status.push(random() < 0.97 ? 'verified' : 'suspended');
  }
  const enterpriseIds: string[] = (
    await db.query(
      `INSERT INTO enterprises (slug, kind, legal_name, display_name, province_code, commune_code, status, owner_id)
       SELECT s, k, n, n, '86', c, st, $6 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(s, k, n, c, st)
       ON CONFLICT (slug) DO UPDATE SET display_name = EXCLUDED.display_name RETURNING id`,
      [ent.slug, ent.kind, ent.name, ent.commune, ent.status, owner.id],
    )
  ).rows.map((r: { id: string }) => r.id);

  const BATCH = 10_000;
  for (let start = existing; start < products; start += BATCH) {
    const rows = { e: [] as string[], c: [] as string[], name: [] as string[], slug: [] as string[], desc: [] as string[], sku: [] as string[] };
    const num = { price: [] as number[], stock: [] as number[], certs: [] as string[], status: [] as string[], days: [] as number[] };
    for (let i = start; i < Math.min(products, start + BATCH); i++) {
      const base = pick(PRODUCTS);
      const name = `${base} ${pick(QUALIFIERS)} ${pick(PLACES)} ${pick(PACKS)}`;
      rows.e.push(pick(enterpriseIds));
      rows.c.push(pick(categories));
      rows.name.push(name);
      rows.slug.push(`bench-sp-${i}`);
      rows.desc.push(`<p>${name}: đặc sản ${pick(PLACES)}, ${pick(QUALIFIERS)}, giao hàng toàn quốc.</p>`);
      rows.sku.push(`B-${i}`);
      num.price.push(Math.round((5 + random() * 495) * 1000));
      num.stock.push(random() < 0.9 ? Math.floor(random() * 500) + 1 : 0);
      num.certs.push(JSON.stringify(random() < 0.4 ? [{ type: pick(CERTS) }] : []));
      num.status.push(random() < 0.95 ? 'published' : 'draft');
      num.days.push(Math.floor(random() * 700));
    }
    const inserted = await db.query(
      `INSERT INTO products (enterprise_id, category_id, name, slug, description, sku, price_vnd, unit, stock_quantity, certifications, status, published_at, created_at)
       SELECT e, c, n, s, d, k, p, 'kg', q, cert::jsonb, st, CASE WHEN st = 'published' THEN now() - make_interval(days => dd) END, now() - make_interval(days => dd)
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::int[], $9::text[], $10::text[], $11::int[])
         AS u(e, c, n, s, d, k, p, q, cert, st, dd)
       ON CONFLICT (slug) DO NOTHING RETURNING id`,
      [rows.e, rows.c, rows.name, rows.slug, rows.desc, rows.sku, num.price, num.stock, num.certs, num.status, num.days],
    );
    // About one product in six is OCOP-rated; some certificates have expired (they must not count).
    const ids: string[] = inserted.rows.map((r: { id: string }) => r.id).filter(() => random() < 0.17);
    if (ids.length) {
      await db.query(
        `INSERT INTO ocop_certificates (product_id, stars, score, decision_number, issuing_body, decision_date, valid_until)
         SELECT id, s, CASE s WHEN 5 THEN 92 WHEN 4 THEN 78 ELSE 60 END, 'QĐ-BENCH', 'UBND tỉnh Vĩnh Long', current_date - 400, current_date - 400 + v
         FROM unnest($1::uuid[], $2::int[], $3::int[]) AS u(id, s, v)`,
        [ids, ids.map(() => (random() < 0.6 ? 3 : random() < 0.8 ? 4 : 5)), ids.map(() => (random() < 0.9 ? 1095 : 200))],
      );
    }
    log(`generated ${Math.min(products, start + BATCH)} / ${products} products`);
  }
  await db.query(`ANALYZE`);
}
