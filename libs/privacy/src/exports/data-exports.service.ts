import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  APP_CONFIG,
  Clock,
  DomainError,
  FileStorage,
  isUuid,
  JobQueue,
  JobRegistry,
  NotFoundError,
  PersonalDataRegistry,
  PRIVATE_PREFIX,
  RetentionSchedule,
  returnedRows,
  toCsv,
  type PersonalDataRow,
  type ResolvedConfig,
} from '@tradefloor/core';
import { UsersService } from '@tradefloor/identity';
import { spreadsheetSafe } from '@tradefloor/trust-safety';
import { strToU8, zipSync } from 'fflate';
import type { DataSource, EntityManager } from 'typeorm';
import { privacySettings } from '../privacy-config';
import { pseudonymOf } from '../pseudonym';
import type { DataExportDto, ExportStatus } from './data-export.dto';

export const PERSONAL_DATA_EXPORT_QUEUE = 'privacy.personal-data-export';

interface ExportRow {
  id: string;
  user_id: string;
  status: ExportStatus;
  file_key: string | null;
  file_size: number | null;
  file_sha256: string | null;
  requested_at: Date;
  completed_at: Date | null;
  expires_at: Date | null;
  downloaded_at: Date | null;
}

/** 410: the archive was already downloaded or its time ran out. */
export class ExportGoneError extends DomainError {
  constructor() {
    super('EXPORT_GONE', 'Bản xuất dữ liệu đã được tải hoặc đã hết hạn; hãy tạo bản mới (the export was already downloaded or expired)', 410);
  }
}

type Cell = string | number;
const cell = (v: unknown): Cell =>
  v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : (v as Cell);

/** One CSV table from rows of any shape: the union of their keys as the header. */
function rowsToCsv(rows: PersonalDataRow[]): string {
  const header = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return toCsv([header, ...rows.map((r) => header.map((k) => spreadsheetSafe(cell(r[k]))))]);
}

/**
 * "My data" export (PDP Law: the right of access): a durable job asks every registered
 * `PersonalDataContributor` for its section and zips them (`data.json` with everything, one JSON
 * and one CSV file per section) into the private file storage. The owner — nobody else — downloads
 * it once, before it expires (PRIVACY_EXPORT_TTL_HOURS); the file is deleted on download.
 */
@Injectable()
export class DataExports implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly contributors: PersonalDataRegistry,
    private readonly users: UsersService,
    private readonly storage: FileStorage,
    private readonly jobs: JobQueue,
    private readonly registry: JobRegistry,
    private readonly clock: Clock,
    private readonly retention: RetentionSchedule,
  ) {}

  onModuleInit(): void {
    this.retention.register({
      kind: 'personal-data-exports',
      description: 'Tệp xuất "Dữ liệu của tôi" không được tải về (unread My data archives), tính từ khi hết hạn tải',
      defaultDays: 1,
      purge: (olderThan, m) => this.purgeUnread(olderThan, m),
    });
    this.registry.register<{ exportId: string }>(PERSONAL_DATA_EXPORT_QUEUE, (job) => this.build(job.payload.exportId), { concurrency: 1, maxAttempts: 5 });
  }

  /** Retention: archives whose download window closed before `olderThan` leave the storage; the row stays, `expired`. */
  private async purgeUnread(olderThan: Date, m: EntityManager): Promise<number> {
    const rows: Array<{ id: string; file_key: string }> = await m.query(
      `SELECT id, file_key FROM personal_data_exports WHERE status = 'ready' AND expires_at < $1 AND file_key IS NOT NULL ORDER BY expires_at LIMIT 1000 FOR UPDATE`,
      [olderThan],
    );
    for (const r of rows) {
      // Deleting a file already gone is a no-op, so a rolled-back run is simply done again.
      await this.storage.delete(r.file_key);
      await m.query(`UPDATE personal_data_exports SET status = 'expired', file_key = NULL WHERE id = $1`, [r.id]);
    }
    return rows.length;
  }

  /** Starts an export unless one is still being built or waiting to be downloaded (that one is returned). */
  async start(userId: string): Promise<DataExportDto> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('privacy-export:' || $1))`, [userId]);
      const current = await this.latestRow(userId, m);
      if (current && ['pending', 'ready'].includes(this.effectiveStatus(current))) return this.toDto(current);
      if (current?.status === 'ready' && current.file_key) {
        // Expired unread: mark it so, and remove the file now rather than wait for a sweep.
        await m.query(`UPDATE personal_data_exports SET status = 'expired' WHERE id = $1`, [current.id]);
        await this.storage.delete(current.file_key);
      }
      const [row]: ExportRow[] = await m.query(`INSERT INTO personal_data_exports (user_id, requested_at) VALUES ($1, $2) RETURNING *`, [
        userId,
        this.clock.now(),
      ]);
      await this.jobs.enqueue(m, PERSONAL_DATA_EXPORT_QUEUE, { exportId: row.id }, { dedupeKey: row.id });
      return this.toDto(row);
    });
  }

  async latest(userId: string): Promise<DataExportDto | null> {
    const row = await this.latestRow(userId, this.dataSource.manager);
    return row ? this.toDto(row) : null;
  }

  /** The archive, once: the row is marked downloaded and the file deleted in the same step. Someone else's export is 404. */
  async download(userId: string, id: string): Promise<{ data: Buffer; filename: string }> {
    const [row]: ExportRow[] = isUuid(id)
      ? await this.dataSource.query(`SELECT * FROM personal_data_exports WHERE id = $1 AND user_id = $2`, [id, userId])
      : [];
    if (!row) throw new NotFoundError('Bản xuất dữ liệu', 'EXPORT_NOT_FOUND');
    const status = this.effectiveStatus(row);
    if (status === 'pending') throw new DomainError('EXPORT_NOT_READY', 'Bản xuất đang được tạo, hãy thử lại sau ít phút (the export is not ready yet)', 409);
    if (status !== 'ready' || !row.file_key) throw new ExportGoneError();
    const claimed = returnedRows<{ id: string }>(
      await this.dataSource.query(
        `UPDATE personal_data_exports SET status = 'downloaded', downloaded_at = $2 WHERE id = $1 AND status = 'ready' AND expires_at > $2 RETURNING id`,
        [id, this.clock.now()],
      ),
    );
    if (!claimed.length) throw new ExportGoneError();
    const data = await this.storage.get(row.file_key);
    await this.storage.delete(row.file_key);
    if (!data) throw new ExportGoneError();
    return { data, filename: `du-lieu-cua-toi-${row.requested_at.toISOString().slice(0, 10)}.zip` };
  }

  /** The export job: builds the archive once (a redelivered job finds it built and stops). */
  async build(id: string): Promise<void> {
    const [row]: ExportRow[] = await this.dataSource.query(`SELECT * FROM personal_data_exports WHERE id = $1`, [id]);
    if (!row || row.status !== 'pending') return;
    const user = await this.users.get(row.user_id);
    if (!user) return;
    const subject = { userId: user.id, email: user.email, pseudonym: pseudonymOf(user.id) };
    const generatedAt = this.clock.now();
    const sections: Record<string, PersonalDataRow[]> = {};
    // One read-only snapshot: every section sees the same moment.
    await this.dataSource.transaction('REPEATABLE READ', async (m) => {
      for (const c of this.contributors.all()) sections[c.section] = await c.export(subject, m);
    });
    const files: Record<string, Uint8Array> = {
      'data.json': strToU8(JSON.stringify({ account: user.id, generatedAt, sections }, null, 2)),
      'README.txt': strToU8(
        `Dữ liệu của tôi (my data) — TradeFloor\nTạo lúc (generated at): ${generatedAt.toISOString()}\n` +
          `data.json: toàn bộ (everything); mỗi mục (each section): <mục>.json và <mục>.csv\n` +
          Object.entries(sections)
            .map(([name, rows]) => `- ${name}: ${rows.length}`)
            .join('\n') +
          '\n',
      ),
    };
    for (const [name, rows] of Object.entries(sections)) {
      files[`${name}.json`] = strToU8(JSON.stringify(rows, null, 2));
      files[`${name}.csv`] = strToU8(rowsToCsv(rows));
    }
    const zip = Buffer.from(zipSync(files, { level: 6, mtime: generatedAt }));
    const key = `${PRIVATE_PREFIX}personal-data-exports/${id}.zip`;
    await this.storage.put(key, zip);
    const expiresAt = new Date(this.clock.now().getTime() + privacySettings(this.config.env).exportTtlHours * 3600_000);
    await this.dataSource.query(
      `UPDATE personal_data_exports SET status = 'ready', file_key = $2, file_size = $3, file_sha256 = $4, completed_at = $5, expires_at = $6 WHERE id = $1 AND status = 'pending'`,
      [id, key, zip.length, createHash('sha256').update(zip).digest('hex'), this.clock.now(), expiresAt],
    );
  }

  private latestRow(userId: string, m: { query: DataSource['query'] }): Promise<ExportRow | undefined> {
    return m.query(`SELECT * FROM personal_data_exports WHERE user_id = $1 ORDER BY requested_at DESC, id LIMIT 1`, [userId]).then((r: ExportRow[]) => r[0]);
  }

  private effectiveStatus(r: ExportRow): ExportStatus {
    return r.status === 'ready' && r.expires_at && r.expires_at.getTime() <= this.clock.now().getTime() ? 'expired' : r.status;
  }

  private toDto(r: ExportRow): DataExportDto {
    const status = this.effectiveStatus(r);
    return {
      id: r.id,
      status,
      requestedAt: r.requested_at,
      completedAt: r.completed_at,
      expiresAt: r.expires_at,
      archiveBytes: r.file_size,
      downloadUrl: status === 'ready' ? `/api/v1/me/data-export/${r.id}/archive` : null,
    };
  }
}
