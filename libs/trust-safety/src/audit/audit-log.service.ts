import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ValidationFailedError, toCsv } from '@tradefloor/core';
import type { DataSource } from 'typeorm';
import { verifyAuditChain, type AuditChainReport } from './audit-chain-verifier';
import type { AuditEventDto, AuditEventListDto, AuditQueryDto } from './audit-query.dto';

type Filter = Omit<AuditQueryDto, 'page' | 'pageSize'>;

/** A CSV export is bounded: beyond this, narrow the period (the API says so). */
export const AUDIT_CSV_MAX_ROWS = 50_000;

/** Reads of the audit log for staff: filtered pages, CSV, and verification of the chain. */
@Injectable()
export class AuditLog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: AuditQueryDto): Promise<AuditEventListDto> {
    const { where, params } = this.where(query);
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM audit_events ${where}`, params);
    const rows = await this.dataSource.query(
      `SELECT * FROM audit_events ${where} ORDER BY seq DESC LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
      params,
    );
    return { items: rows.map(toDto), total, page: query.page, pageSize: query.pageSize };
  }

  async csv(filter: Filter): Promise<string> {
    const { where, params } = this.where(filter);
    const rows = await this.dataSource.query(`SELECT * FROM audit_events ${where} ORDER BY seq LIMIT ${AUDIT_CSV_MAX_ROWS + 1}`, params);
    if (rows.length > AUDIT_CSV_MAX_ROWS) {
      throw ValidationFailedError.field(
        'from',
        `Quá ${AUDIT_CSV_MAX_ROWS} dòng: hãy thu hẹp khoảng thời gian (more than ${AUDIT_CSV_MAX_ROWS} rows: narrow the period)`,
      );
    }
    const header = ['seq', 'occurred_at', 'actor_id', 'actor_role', 'action', 'subject_type', 'subject_id', 'before', 'after', 'request_id', 'hash'];
    return toCsv([
      header,
      ...rows.map((r: Record<string, unknown>) => {
        const e = toDto(r);
        return [
          e.seq,
          e.occurredAt,
          e.actorId ?? '',
          e.actorRole,
          e.action,
          e.subjectType,
          e.subjectId,
          json(e.before),
          json(e.after),
          e.requestId ?? '',
          e.hash,
        ].map(spreadsheetSafe);
      }),
    ]);
  }

  verify(): Promise<AuditChainReport> {
    return verifyAuditChain(this.dataSource);
  }

  private where(f: Filter): { where: string; params: unknown[] } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      clauses.push(sql.replace('?', `$${params.length}`));
    };
    if (f.actorId) add('actor_id = ?', f.actorId);
    if (f.action?.endsWith('*')) add(`action LIKE ?`, f.action.slice(0, -1).replace(/[\\%_]/g, '\\$&') + '%');
    else if (f.action) add('action = ?', f.action);
    if (f.subjectType) add('subject_type = ?', f.subjectType);
    if (f.subjectId) add('subject_id = ?', f.subjectId);
    if (f.from) add('occurred_at >= ?', f.from);
    if (f.to) add('occurred_at < ?', f.to);
    if (f.from && f.to && new Date(f.from) > new Date(f.to)) {
      throw ValidationFailedError.field('to', 'Thời điểm kết thúc phải sau thời điểm bắt đầu (to must be after from)');
    }
    return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  }
}

function toDto(r: Record<string, unknown>): AuditEventDto {
  return {
    seq: Number(r.seq),
    occurredAt: new Date(r.occurred_at as string).toISOString(),
    actorId: (r.actor_id as string | null) ?? null,
    actorRole: r.actor_role as string,
    action: r.action as string,
    subjectType: r.subject_type as string,
    subjectId: r.subject_id as string,
    before: r.before ?? null,
    after: r.after ?? null,
    requestId: (r.request_id as string | null) ?? null,
    hash: r.hash as string,
  };
}

function json(value: unknown): string {
  return value === null || value === undefined ? '' : JSON.stringify(value);
}

// A cell starting with = + - @ is a formula to a spreadsheet; audit states carry user text.
export function spreadsheetSafe(value: string | number): string | number {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
