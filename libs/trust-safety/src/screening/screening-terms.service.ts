import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrail, Clock, ConflictError, isUuid, JobQueue, NotFoundError, requestContext, returnedRows, ValidationFailedError } from '@tradefloor/core';
import type { DataSource, EntityManager } from 'typeorm';
import type { CreateScreeningTermDto, ScreeningTermDto, ScreeningTermListDto, ScreeningTermQueryDto, UpdateScreeningTermDto } from './screening.dto';
import { foldTerm, TermMatcher, type TermSeverity } from './term-matcher';

/** Re-screens the moderation queue with the list as it is when the job runs; enqueued by every change of the lists. */
export const SCREENING_RESCREEN_QUEUE = 'trust-safety.rescreen-queue';

interface TermRow {
  id: string;
  term: string;
  term_folded: string;
  severity: TermSeverity;
  note: string | null;
  created_at: Date;
  updated_at: Date;
}

const toDto = (r: TermRow): ScreeningTermDto => ({
  id: r.id,
  term: r.term,
  severity: r.severity,
  note: r.note,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
const duplicate = () => new ConflictError('Từ khoá này đã có trong danh sách (term already listed)', 'SCREENING_TERM_EXISTS');

/**
 * The staff-managed lists of prohibited and restricted terms. Every change bumps the list's
 * version (one row) in its transaction; each process keeps the list compiled into one
 * {@link TermMatcher} and recompiles only when the version it reads has moved.
 */
@Injectable()
export class ScreeningTerms {
  private compiled: { version: number; matcher: TermMatcher } | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
  ) {}

  /** The compiled list and its version, read with `m` (one small query when nothing changed). */
  async matcher(m: EntityManager = this.dataSource.manager): Promise<{ version: number; matcher: TermMatcher }> {
    const version = await this.version(m);
    if (this.compiled?.version !== version) {
      const rows: Array<{ term: string; severity: TermSeverity }> = await m.query(`SELECT term, severity FROM screening_terms`);
      this.compiled = { version, matcher: new TermMatcher(rows) };
    }
    return this.compiled;
  }

  async list(q: ScreeningTermQueryDto): Promise<ScreeningTermListDto> {
    const rows: TermRow[] = await this.dataSource.query(
      `SELECT * FROM screening_terms WHERE ($1::text IS NULL OR severity = $1) ORDER BY severity, term_folded`,
      [q.severity ?? null],
    );
    return { items: rows.map(toDto), total: rows.length, version: await this.version(this.dataSource.manager) };
  }

  async get(id: string): Promise<ScreeningTermDto> {
    return toDto(await this.row(this.dataSource.manager, id));
  }

  async create(dto: CreateScreeningTermDto): Promise<ScreeningTermDto> {
    const folded = this.folded(dto.term);
    const row = await this.dataSource.transaction(async (m) => {
      const now = this.clock.now();
      const [inserted]: TermRow[] = await m.query(
        `INSERT INTO screening_terms (term, term_folded, severity, note, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (term_folded) DO NOTHING RETURNING *`,
        [dto.term, folded, dto.severity, dto.note || null, requestContext.current()?.actor?.id ?? null, now],
      );
      if (!inserted) throw duplicate();
      await this.bump(m);
      await this.audit.record(m, {
        action: 'screening-term.create',
        subject: { type: 'screening-term', id: inserted.id },
        after: { term: inserted.term, severity: inserted.severity, note: inserted.note },
      });
      return inserted;
    });
    return toDto(row);
  }

  async update(id: string, dto: UpdateScreeningTermDto): Promise<ScreeningTermDto> {
    const row = await this.dataSource.transaction(async (m) => {
      const before = await this.row(m, id, true);
      const term = dto.term ?? before.term;
      const folded = dto.term === undefined ? before.term_folded : this.folded(dto.term);
      const note = dto.note === undefined ? before.note : dto.note || null;
      if (folded !== before.term_folded) {
        const [taken] = await m.query(`SELECT 1 FROM screening_terms WHERE term_folded = $1 AND id <> $2`, [folded, id]);
        if (taken) throw duplicate();
      }
      const [updated] = returnedRows<TermRow>(
        await m.query(`UPDATE screening_terms SET term = $2, term_folded = $3, severity = $4, note = $5, updated_at = $6 WHERE id = $1 RETURNING *`, [
          id,
          term,
          folded,
          dto.severity ?? before.severity,
          note,
          this.clock.now(),
        ]),
      );
      await this.bump(m);
      await this.audit.record(m, {
        action: 'screening-term.update',
        subject: { type: 'screening-term', id },
        before: { term: before.term, severity: before.severity, note: before.note },
        after: { term: updated.term, severity: updated.severity, note: updated.note },
      });
      return updated;
    });
    return toDto(row);
  }

  async remove(id: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const before = await this.row(m, id, true);
      await m.query(`DELETE FROM screening_terms WHERE id = $1`, [id]);
      await this.bump(m);
      await this.audit.record(m, {
        action: 'screening-term.delete',
        subject: { type: 'screening-term', id },
        before: { term: before.term, severity: before.severity, note: before.note },
      });
    });
  }

  private folded(term: string): string {
    const folded = foldTerm(term);
    if (!folded) throw ValidationFailedError.field('term', 'Từ khoá phải có chữ hoặc số (term needs a letter or digit)');
    return folded;
  }

  private async version(m: EntityManager): Promise<number> {
    const [state] = await m.query(`SELECT version FROM screening_list_state WHERE id = 1`);
    return Number(state.version);
  }

  /** A new list version, and (in the same transaction) the durable job that re-screens the moderation queue with it. */
  private async bump(m: EntityManager): Promise<void> {
    const [state] = returnedRows<{ version: string }>(await m.query(`UPDATE screening_list_state SET version = version + 1 WHERE id = 1 RETURNING version`));
    await this.jobs.enqueue(m, SCREENING_RESCREEN_QUEUE, { listVersion: Number(state.version) }, { dedupeKey: `list-${state.version}` });
  }

  private async row(m: EntityManager, id: string, lock = false): Promise<TermRow> {
    const [row] = isUuid(id) ? await m.query(`SELECT * FROM screening_terms WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]) : [];
    if (!row) throw new NotFoundError('Từ khoá', 'SCREENING_TERM_NOT_FOUND');
    return row;
  }
}
