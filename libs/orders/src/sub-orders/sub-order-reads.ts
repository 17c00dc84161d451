import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EnterpriseViews } from '@tradefloor/enterprise-profile';
import { prepared } from '@tradefloor/core';
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
    // A handful of fixed texts (one per caller's WHERE): prepared, since the select is the heaviest to plan.
    const rows: SubOrderRow[] = await this.dataSource.query(prepared(`${SUB_ORDER_SELECT} ${where}`), params);
    const enterprises = await this.enterprises.load([...new Set(rows.map((r) => r.enterprise_id as string))]);
    return { rows, names: new Map(enterprises.map((e) => [e.id, e.displayName])) };
  }
}
