import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EnterpriseViews } from '@tradefloor/enterprise-profile';
import type { DataSource } from 'typeorm';
import { SUB_ORDER_SELECT, type SubOrderRow } from './order-mapper';

/** Sub-order rows with their items, history and enterprise names: two queries per batch. */
@Injectable()
export class SubOrderReads {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly enterprises: EnterpriseViews,
  ) {}

  async select(where: string, params: unknown[]): Promise<{ rows: SubOrderRow[]; items: SubOrderRow[]; events: SubOrderRow[]; names: Map<string, string> }> {
    const rows: SubOrderRow[] = await this.dataSource.query(`${SUB_ORDER_SELECT} ${where}`, params);
    const items = rows.flatMap((r) => r.items_json as SubOrderRow[]);
    // JSON carries timestamps as text: back to the Date the columns give.
    const events = rows.flatMap((r) => (r.events_json as SubOrderRow[]).map((e) => ({ ...e, at: new Date(e.at) })));
    for (const r of rows) {
      delete r.items_json;
      delete r.events_json;
    }
    const enterprises = await this.enterprises.load([...new Set(rows.map((r) => r.enterprise_id as string))]);
    return { rows, items, events, names: new Map(enterprises.map((e) => [e.id, e.displayName])) };
  }
}
