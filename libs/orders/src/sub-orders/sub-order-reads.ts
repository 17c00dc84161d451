import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EnterpriseViews } from '@tradefloor/enterprise-profile';
import type { DataSource } from 'typeorm';
import { SUB_ORDER_SELECT, type SubOrderRow } from './order-mapper';

/** Sub-order rows (each with its lines and history) and their enterprises' names: two queries per batch. */
@Injectable()
export class SubOrderReads {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly enterprises: EnterpriseViews,
  ) {}

  async select(where: string, params: unknown[]): Promise<{ rows: SubOrderRow[]; names: Map<string, string> }> {
    const rows: SubOrderRow[] = await this.dataSource.query(`${SUB_ORDER_SELECT} ${where}`, params);
    const enterprises = await this.enterprises.load([...new Set(rows.map((r) => r.enterprise_id as string))]);
    return { rows, names: new Map(enterprises.map((e) => [e.id, e.displayName])) };
  }
}
