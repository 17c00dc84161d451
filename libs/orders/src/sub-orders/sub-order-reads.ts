import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EnterpriseViews } from '@tradefloor/enterprise-profile';
import type { DataSource } from 'typeorm';
import { SUB_ORDER_SELECT, type SubOrderRow } from './order-mapper';

/** Sub-order rows with their items, history and enterprise names: one query each per batch. */
@Injectable()
export class SubOrderReads {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly enterprises: EnterpriseViews,
  ) {}

  async select(where: string, params: unknown[]): Promise<{ rows: SubOrderRow[]; items: SubOrderRow[]; events: SubOrderRow[]; names: Map<string, string> }> {
    const rows: SubOrderRow[] = await this.dataSource.query(`${SUB_ORDER_SELECT} ${where}`, params);
    const ids = rows.map((r) => r.id);
    const [items, events, enterprises] = await Promise.all([
      ids.length ? this.dataSource.query(`SELECT * FROM sub_order_items WHERE sub_order_id = ANY($1::uuid[]) ORDER BY position`, [ids]) : [],
      ids.length
        ? this.dataSource.query(
            `SELECT sub_order_id, from_status, to_status, action, actor_role, note, at FROM sub_order_events WHERE sub_order_id = ANY($1::uuid[]) ORDER BY id`,
            [ids],
          )
        : [],
      this.enterprises.load([...new Set(rows.map((r) => r.enterprise_id as string))]),
    ]);
    return { rows, items, events, names: new Map(enterprises.map((e) => [e.id, e.displayName])) };
  }
}
