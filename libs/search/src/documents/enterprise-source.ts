import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { EnterpriseRecord } from './enterprise-document';

const SELECT = `
  SELECT e.id, e.slug, e.display_name AS "displayName", e.kind, e.status, e.commune_code AS "communeCode",
         e.province_code AS "provinceCode", e.description
  FROM enterprises e`;

/**
 * Reads enterprises for the enterprise index. The catalog read model already joins the
 * enterprises table the same way; this belongs in an enterprise-profile read model once that
 * context offers one (it is being built in parallel), and is kept to these two queries meanwhile.
 */
@Injectable()
export class EnterpriseSource {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  load(ids: string[]): Promise<EnterpriseRecord[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.dataSource.query(`${SELECT} WHERE e.id = ANY($1::uuid[])`, [ids]);
  }

  async *stream(batchSize = 1000): AsyncGenerator<EnterpriseRecord[]> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: EnterpriseRecord[] = await this.dataSource.query(`${SELECT} WHERE e.id > $1::uuid ORDER BY e.id LIMIT $2`, [after, batchSize]);
      if (!rows.length) return;
      yield rows;
      after = rows[rows.length - 1].id;
    }
  }
}
