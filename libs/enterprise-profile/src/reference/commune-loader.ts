import type { EntityManager } from 'typeorm';

export interface CommuneRecord {
  code: string;
  provinceCode: string;
  name: string;
}

export interface CommuneLoadResult {
  inserted: number;
  updated: number;
  unchanged: number;
}

export class CommuneFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid commune data (${problems.length} problem(s)):\n  ${problems.slice(0, 20).join('\n  ')}${problems.length > 20 ? '\n  …' : ''}`);
    this.name = 'CommuneFileError';
  }
}

const BATCH = 500;

/** Checks a parsed JSON document: an array of {code (5 digits), provinceCode (2 digits), name}, codes unique. */
export function parseCommuneRecords(data: unknown): CommuneRecord[] {
  if (!Array.isArray(data)) throw new CommuneFileError(['the file must contain a JSON array of {code, provinceCode, name}']);
  const problems: string[] = [];
  const seen = new Set<string>();
  const records: CommuneRecord[] = [];
  data.forEach((item: unknown, i) => {
    const r = (item ?? {}) as Record<string, unknown>;
    const code = typeof r.code === 'string' ? r.code.trim() : r.code;
    const provinceCode = typeof r.provinceCode === 'string' ? r.provinceCode.trim() : r.provinceCode;
    const name = typeof r.name === 'string' ? r.name.normalize('NFC').trim().replace(/\s+/g, ' ') : r.name;
    if (typeof code !== 'string' || !/^\d{5}$/.test(code)) problems.push(`[${i}] code must be a 5-digit string`);
    if (typeof provinceCode !== 'string' || !/^\d{2}$/.test(provinceCode)) problems.push(`[${i}] provinceCode must be a 2-digit string`);
    if (typeof name !== 'string' || name.length < 2 || name.length > 100) problems.push(`[${i}] name must be 2–100 characters`);
    if (typeof code === 'string' && seen.has(code)) problems.push(`[${i}] duplicate code ${code}`);
    if (typeof code === 'string') seen.add(code);
    records.push({ code: code as string, provinceCode: provinceCode as string, name: name as string });
  });
  if (problems.length) throw new CommuneFileError(problems);
  return records;
}

/**
 * Idempotent upsert of communes (pass a transaction's manager: all or nothing). Provinces must
 * exist already (all 34 are seeded). Re-running the same file changes nothing.
 */
export async function loadCommunes(
  manager: EntityManager,
  records: CommuneRecord[],
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<CommuneLoadResult> {
  const provinceCodes = [...new Set(records.map((r) => r.provinceCode))];
  const known: Array<{ code: string }> = await manager.query(`SELECT code FROM provinces WHERE code = ANY($1::text[])`, [provinceCodes]);
  const missing = provinceCodes.filter((c) => !known.some((k) => k.code === c));
  if (missing.length) throw new CommuneFileError(missing.map((c) => `unknown provinceCode ${c}`));

  const result: CommuneLoadResult = { inserted: 0, updated: 0, unchanged: 0 };
  for (let i = 0; i < records.length; i += BATCH) {
    const batch = records.slice(i, i + BATCH);
    const rows: Array<{ inserted: boolean }> = await manager.query(
      `INSERT INTO communes (code, province_code, name)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       ON CONFLICT (code) DO UPDATE SET province_code = EXCLUDED.province_code, name = EXCLUDED.name
         WHERE communes.province_code IS DISTINCT FROM EXCLUDED.province_code OR communes.name IS DISTINCT FROM EXCLUDED.name
       RETURNING (xmax = 0) AS inserted`,
      [batch.map((r) => r.code), batch.map((r) => r.provinceCode), batch.map((r) => r.name)],
    );
    const inserted = rows.filter((r) => r.inserted).length;
    result.inserted += inserted;
    result.updated += rows.length - inserted;
    result.unchanged += batch.length - rows.length;
    onProgress(Math.min(i + BATCH, records.length), records.length);
  }
  return result;
}
