import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EnterpriseViews } from '@tradefloor/enterprise-profile';
import { prepared } from '@tradefloor/core';
import type { DataSource } from 'typeorm';
import { SUB_ORDER_SELECT, type SubOrderRow } from './order-mapper';

/** Sub-order rows (each with its lines and history) and their enterprises' names: two queries per batch (one when the caller knows the names). */
@Injectable()
export class SubOrderReads {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly enterprises: EnterpriseViews,
  ) {}

  /** `knownNames`: enterprise id → display name when the caller has just read them (checkout's answer); the rest are read. */
  async select(where: string, params: unknown[], knownNames?: ReadonlyMap<string, string>): Promise<{ rows: SubOrderRow[]; names: Map<string, string> }> {
    // A handful of fixed texts (one per caller's WHERE): prepared, since the select is the heaviest to plan.
    const rows: SubOrderRow[] = await this.dataSource.query(prepared(`${SUB_ORDER_SELECT} ${where}`), params);
    const names = new Map(knownNames);
    const unknown = [...new Set(rows.map((r) => r.enterprise_id as string))].filter((id) => !names.has(id));
    for (const e of await this.enterprises.load(unknown)) names.set(e.id, e.displayName);
    return { rows, names };
  }
}
