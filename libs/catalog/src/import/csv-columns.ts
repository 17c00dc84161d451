import { foldVietnamese } from '@tradefloor/core';

/** Import columns and the header spellings accepted for each (compared folded: case, diacritics, spaces and punctuation ignored). */
export const COLUMN_ALIASES = {
  name: ['name', 'productname', 'tensanpham', 'ten'],
  sku: ['sku', 'masku', 'maskusanpham'],
  priceVnd: ['pricevnd', 'price', 'giavnd', 'gia', 'giaban', 'giabanvnd'],
  priceMaxVnd: ['pricemaxvnd', 'giatoida', 'giatoidavnd'],
  unit: ['unit', 'donvi', 'donvitinh', 'dvt'],
  stockQuantity: ['stockquantity', 'stock', 'tonkho', 'soluongton'],
  minOrderQuantity: ['minorderquantity', 'soluongtoithieu', 'donhangtoithieu'],
  categorySlug: ['categoryslug', 'category', 'danhmuc'],
  categoryId: ['categoryid', 'madanhmuc'],
  gtin: ['gtin', 'magtin', 'mavach'],
  originCommuneCode: ['origincommunecode', 'maxaphuongxuatxu', 'maxaphuong', 'maxa'],
  description: ['description', 'mota', 'motasanpham'],
  certifications: ['certifications', 'chungnhan'],
  weightGrams: ['weightgrams', 'khoiluonggram', 'khoiluongg'],
} as const;

export type ImportColumn = keyof typeof COLUMN_ALIASES;

export const REQUIRED_COLUMNS: ImportColumn[] = ['name', 'sku', 'priceVnd', 'unit', 'originCommuneCode'];

export function headerKey(header: string): string {
  return foldVietnamese(header.normalize('NFC')).replace(/[^a-z0-9]/g, '');
}

const BY_ALIAS = new Map<string, ImportColumn>(
  (Object.entries(COLUMN_ALIASES) as Array<[ImportColumn, readonly string[]]>).flatMap(([column, aliases]) => aliases.map((a) => [a, column] as const)),
);

export interface HeaderMapping {
  /** Column index → field. */
  columns: Map<number, ImportColumn>;
  problems: string[];
}

export function mapHeaders(headers: string[]): HeaderMapping {
  const columns = new Map<number, ImportColumn>();
  const seen = new Set<ImportColumn>();
  const problems: string[] = [];
  headers.forEach((h, i) => {
    const column = BY_ALIAS.get(headerKey(h));
    if (!column) return; // unknown columns are ignored
    if (seen.has(column)) problems.push(`Cột "${h}" bị trùng (duplicate column)`);
    seen.add(column);
    columns.set(i, column);
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!seen.has(required)) problems.push(`Thiếu cột ${required} (missing column ${required})`);
  }
  if (!seen.has('categorySlug') && !seen.has('categoryId')) problems.push('Thiếu cột Danh mục (missing column categorySlug or categoryId)');
  return { columns, problems };
}

/**
 * "120.000", "120,000", "120000", "120.000 đ", "120000 VND" → 120000. Anything else (decimals,
 * text) is returned unchanged so that validation reports it.
 */
export function parseVndAmount(raw: string): number | string {
  const compact = raw.replace(/\s+/g, '').replace(/(vnđ|vnd|₫|đ|d)$/i, '');
  if (/^\d+$/.test(compact)) return Number(compact);
  if (/^\d{1,3}(\.\d{3})+$/.test(compact) || /^\d{1,3}(,\d{3})+$/.test(compact)) return Number(compact.replace(/[.,]/g, ''));
  return raw;
}

const CERT_ALIASES: Record<string, string> = {
  vietgap: 'vietgap',
  globalgap: 'globalgap',
  organic: 'organic',
  huuco: 'organic',
  haccp: 'haccp',
  iso22000: 'iso22000',
  typicalruralindustrial: 'typical_rural_industrial',
  cnnttieubieu: 'typical_rural_industrial',
  other: 'other',
  khac: 'other',
};

/** "VietGAP; hữu cơ; khác: Halal" → [{type:'vietgap'},{type:'organic'},{type:'other',name:'Halal'}]. */
export function parseCertifications(raw: string): Array<{ type: string; name?: string }> {
  return raw
    .split(/[;|]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const colon = entry.indexOf(':');
      const head = colon >= 0 ? entry.slice(0, colon) : entry;
      const name = colon >= 0 ? entry.slice(colon + 1).trim() : undefined;
      const type = CERT_ALIASES[headerKey(head)] ?? head.trim();
      return name ? { type, name } : { type };
    });
}
