import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NotFoundError, escapeLike, likeWords } from '@tradefloor/core';
import type { DataSource } from 'typeorm';
import type { CommuneDto, CommuneListDto, LegacyMatchDto, ProvinceDto } from '../dto/reference.dto';

// Folded administrative-unit prefixes, so "Xã Tân Hùng", "xa tan hung" and "Tân Hùng" compare equal.
const COMMUNE_PREFIX = `'^(xa|phuong|thi tran|dac khu) +'`;
const DISTRICT_PREFIX = `'^(huyen|quan|thi xa|thanh pho) +'`;
const PROVINCE_PREFIX = `'^(tinh|thanh pho) +'`;
const key = (expr: string, prefix: string) => `regexp_replace(regexp_replace(tf_fold(${expr}), '\\s+', ' ', 'g'), ${prefix}, '')`;

/** Read side of the administrative reference data: provinces, communes, search, legacy addresses. */
@Injectable()
export class CommuneDirectory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async provinces(): Promise<ProvinceDto[]> {
    const rows = await this.dataSource.query(
      `SELECT p.code, p.name, count(c.code)::int AS "communeCount"
       FROM provinces p LEFT JOIN communes c ON c.province_code = p.code
       GROUP BY p.code, p.name ORDER BY p.code`,
    );
    return rows;
  }

  async communesOf(provinceCode: string): Promise<CommuneDto[]> {
    const exists = /^\d{2}$/.test(provinceCode) && (await this.dataSource.query(`SELECT 1 FROM provinces WHERE code = $1`, [provinceCode])).length > 0;
    if (!exists) throw new NotFoundError('Tỉnh/thành', 'PROVINCE_NOT_FOUND');
    return this.dataSource.query(`SELECT code, name, province_code AS "provinceCode" FROM communes WHERE province_code = $1 ORDER BY name_folded, code`, [
      provinceCode,
    ]);
  }

  /** Communes whose folded name contains every word of `q`; exact-diacritic matches first. */
  async search(filter: { q?: string; province?: string; page: number; pageSize: number }): Promise<CommuneListDto> {
    const params: unknown[] = [];
    const where: string[] = [];
    for (const word of likeWords(filter.q)) {
      params.push(word);
      where.push(`name_folded LIKE '%' || tf_fold($${params.length}) || '%'`);
    }
    if (filter.province) {
      params.push(filter.province);
      where.push(`province_code = $${params.length}`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    params.push(filter.q ? `%${escapeLike(filter.q)}%` : '');
    const exact = `$${params.length}`;
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM communes ${clause}`, params.slice(0, -1));
    params.push(filter.pageSize, (filter.page - 1) * filter.pageSize);
    const items = await this.dataSource.query(
      `SELECT code, name, province_code AS "provinceCode" FROM communes ${clause}
       ORDER BY (name ILIKE ${exact}) DESC, name_folded, code
       LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { items, total, page: filter.page, pageSize: filter.pageSize };
  }

  /** Today's commune(s) for a pre-2025 commune name, optionally narrowed by its old district and province. */
  async resolveLegacy(input: { name: string; district?: string; province?: string }): Promise<LegacyMatchDto[]> {
    const params: unknown[] = [input.name];
    const where = [`${key('m.old_name', COMMUNE_PREFIX)} = ${key('$1', COMMUNE_PREFIX)}`];
    if (input.district) {
      params.push(input.district);
      where.push(`${key('m.old_district_name', DISTRICT_PREFIX)} = ${key(`$${params.length}`, DISTRICT_PREFIX)}`);
    }
    if (input.province) {
      params.push(input.province);
      where.push(`${key('m.old_province_name', PROVINCE_PREFIX)} = ${key(`$${params.length}`, PROVINCE_PREFIX)}`);
    }
    const rows: Array<{ oldName: string; oldDistrictName: string; oldProvinceName: string; code: string; name: string; provinceCode: string }> =
      await this.dataSource.query(
        `SELECT m.old_name AS "oldName", m.old_district_name AS "oldDistrictName", m.old_province_name AS "oldProvinceName",
                c.code, c.name, c.province_code AS "provinceCode"
         FROM commune_legacy_mappings m JOIN communes c ON c.code = m.new_code
         WHERE ${where.join(' AND ')}
         ORDER BY m.old_province_name, m.old_district_name, c.code
         LIMIT 50`,
        params,
      );
    return rows.map((r) => ({
      oldName: r.oldName,
      oldDistrictName: r.oldDistrictName,
      oldProvinceName: r.oldProvinceName,
      commune: { code: r.code, name: r.name, provinceCode: r.provinceCode },
    }));
  }

  /**
   * The pre-2025 units (commune, district, province names) merged into today's commune `code`,
   * for partners that still address three levels (carriers). The unit that kept the code comes
   * first, then the rest in the data set's order; empty for an unknown code.
   */
  async legacyUnitsOf(code: string): Promise<Array<{ name: string; districtName: string; provinceName: string }>> {
    if (!/^\d{5}$/.test(code)) return [];
    return this.dataSource.query(
      `SELECT old_name AS name, old_district_name AS "districtName", old_province_name AS "provinceName"
       FROM commune_legacy_mappings WHERE new_code = $1 ORDER BY (old_code = new_code) DESC NULLS LAST, old_code NULLS LAST, old_name`,
      [code],
    );
  }
}
