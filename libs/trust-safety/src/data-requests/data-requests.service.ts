import { createHash } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProductLifecycle, ProductQueries, type ProductDto } from '@tradefloor/catalog';
import {
  AuditTrail,
  DomainError,
  RetentionSchedule,
  Clock,
  FileStorage,
  InvalidStateError,
  isUuid,
  JobQueue,
  JobRegistry,
  NotFoundError,
  PRIVATE_PREFIX,
  returnedRows,
  toCsv,
  ValidationFailedError,
} from '@tradefloor/core';
import { EnterpriseMembers, EnterpriseQueries } from '@tradefloor/enterprise-profile';
import type { Principal } from '@tradefloor/identity';
import { strToU8, zipSync } from 'fflate';
import type { DataSource, EntityManager } from 'typeorm';
import { spreadsheetSafe } from '../audit/audit-log.service';
import type { CreateDataRequestDto, DataRequestDto, DataRequestListDto } from './data-request.dto';

export const DATA_REQUEST_EXPORT_QUEUE = 'trust-safety.data-request-export';

interface DataRequestRow {
  id: string;
  authority: string;
  reference: string;
  legal_basis: string;
  received_at: Date;
  requested_by: string;
  subject_type: 'enterprise' | 'product';
  subject_id: string;
  enterprise_id: string;
  status: 'pending' | 'ready' | 'failed' | 'expired';
  file_key: string | null;
  file_size: number | null;
  file_sha256: string | null;
  downloads: number;
  created_by: string;
  created_at: Date;
  completed_at: Date | null;
}

const toDto = (r: DataRequestRow): DataRequestDto => ({
  id: r.id,
  authority: r.authority,
  reference: r.reference,
  legalBasis: r.legal_basis,
  receivedAt: r.received_at,
  requestedBy: r.requested_by,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  enterpriseId: r.enterprise_id,
  status: r.status,
  archiveBytes: r.file_size,
  archiveSha256: r.file_sha256,
  downloadUrl: r.status === 'ready' ? `/api/v1/admin/data-requests/${r.id}/archive` : null,
  downloads: r.downloads,
  createdBy: r.created_by,
  createdAt: r.created_at,
  completedAt: r.completed_at,
});

type Cell = string | number;
const csv = (header: string[], rows: Cell[][]): string => toCsv([header, ...rows.map((r) => r.map(spreadsheetSafe))]);
const cell = (v: unknown): Cell =>
  v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : (v as Cell);

/**
 * Authority data requests: an administrator records an authority's request for what the floor
 * holds about a seller (an enterprise) or one product; a durable job builds a zip archive (JSON
 * with everything, CSV tables beside it) from the owners' public services and keeps it in the file
 * storage under `private/` (never served by /media). Only administrators download it; the
 * request, the archive's completion and every download are audit events.
 */
@Injectable()
export class DataRequests implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly products: ProductQueries,
    private readonly lifecycle: ProductLifecycle,
    private readonly enterprises: EnterpriseQueries,
    private readonly members: EnterpriseMembers,
    private readonly storage: FileStorage,
    private readonly jobs: JobQueue,
    private readonly registry: JobRegistry,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly retention: RetentionSchedule,
  ) {}

  /** Retention: archives built before `olderThan` are deleted from storage; the request stays, `expired`. */
  private async purgeArchives(olderThan: Date, m: EntityManager): Promise<number> {
    const rows: Array<{ id: string; file_key: string }> = await m.query(
      `SELECT id, file_key FROM data_requests WHERE status = 'ready' AND completed_at < $1 AND file_key IS NOT NULL ORDER BY completed_at LIMIT 1000 FOR UPDATE`,
      [olderThan],
    );
    for (const r of rows) {
      // Deleting a file already gone is a no-op, so a rolled-back run is simply done again.
      await this.storage.delete(r.file_key);
      await m.query(`UPDATE data_requests SET status = 'expired', file_key = NULL WHERE id = $1`, [r.id]);
    }
    return rows.length;
  }

  onModuleInit(): void {
    this.retention.register({
      kind: 'data-request-archives',
      description: 'Tệp hồ sơ trả lời yêu cầu dữ liệu của cơ quan có thẩm quyền (authority data-request archives), tính từ khi tạo xong',
      defaultDays: 30,
      purge: (olderThan, m) => this.purgeArchives(olderThan, m),
    });
    this.registry.register<{ requestId: string }>(DATA_REQUEST_EXPORT_QUEUE, (job) => this.build(job.payload.requestId), { concurrency: 1, maxAttempts: 5 });
  }

  async create(actor: Principal, dto: CreateDataRequestDto): Promise<DataRequestDto> {
    const receivedAt = new Date(dto.receivedAt);
    if (receivedAt.getTime() > this.clock.now().getTime() + 5 * 60_000) {
      throw ValidationFailedError.field('receivedAt', 'Thời điểm nhận không thể ở tương lai (receivedAt is in the future)');
    }
    const enterpriseId = await this.enterpriseOf(actor, dto.subjectType, dto.subjectId);
    const row = await this.dataSource.transaction(async (m) => {
      const [inserted]: DataRequestRow[] = await m.query(
        `INSERT INTO data_requests (authority, reference, legal_basis, received_at, requested_by, subject_type, subject_id, enterprise_id, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
        [dto.authority, dto.reference, dto.legalBasis, receivedAt, dto.requestedBy, dto.subjectType, dto.subjectId, enterpriseId, actor.id, this.clock.now()],
      );
      await this.jobs.enqueue(m, DATA_REQUEST_EXPORT_QUEUE, { requestId: inserted.id }, { dedupeKey: inserted.id });
      await this.audit.record(m, {
        action: 'data-request.create',
        subject: { type: dto.subjectType, id: dto.subjectId },
        after: { dataRequestId: inserted.id, authority: dto.authority, reference: dto.reference, legalBasis: dto.legalBasis, requestedBy: dto.requestedBy },
      });
      return inserted;
    });
    return toDto(row);
  }

  async get(id: string): Promise<DataRequestDto> {
    return toDto(await this.row(this.dataSource.manager, id));
  }

  async list(page: number, pageSize: number): Promise<DataRequestListDto> {
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM data_requests`);
    const rows: DataRequestRow[] = await this.dataSource.query(`SELECT * FROM data_requests ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`, [
      pageSize,
      (page - 1) * pageSize,
    ]);
    return { items: rows.map(toDto), total, page, pageSize };
  }

  /** The archive's bytes and file name; each download is an audit event. */
  async download(id: string): Promise<{ data: Buffer; filename: string }> {
    const r = await this.row(this.dataSource.manager, id);
    if (r.status === 'expired')
      throw new DomainError('DATA_REQUEST_EXPIRED', 'Hồ sơ đã hết thời hạn lưu và đã bị xoá (the archive was deleted after its retention period)', 410);
    if (r.status !== 'ready' || !r.file_key)
      throw new InvalidStateError('Hồ sơ đang được tạo, hãy thử lại sau ít phút (the archive is not ready yet)', 'DATA_REQUEST_NOT_READY');
    const data = await this.storage.get(r.file_key);
    if (!data) throw new NotFoundError('Tệp hồ sơ', 'DATA_REQUEST_ARCHIVE_MISSING');
    await this.dataSource.transaction(async (m) => {
      await m.query(`UPDATE data_requests SET downloads = downloads + 1 WHERE id = $1`, [id]);
      await this.audit.record(m, {
        action: 'data-request.download',
        subject: { type: r.subject_type, id: r.subject_id },
        after: { dataRequestId: id, sha256: r.file_sha256, bytes: r.file_size },
      });
    });
    return { data, filename: `yeu-cau-du-lieu-${r.reference.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 60)}-${id.slice(0, 8)}.zip` };
  }

  /** The export job: builds the archive once (a redelivered job finds it ready and stops). */
  async build(id: string): Promise<void> {
    const r = await this.row(this.dataSource.manager, id);
    if (r.status === 'ready') return;
    const system: Principal = { id: r.created_by, email: '', role: 'admin', displayName: 'data request', emailVerified: true };
    const { enterprise } = await this.enterprises.managed(system, r.enterprise_id);
    const productIds = r.subject_type === 'product' ? [r.subject_id] : await this.lifecycle.productIdsOf(this.dataSource.manager, r.enterprise_id);
    const products: ProductDto[] = [];
    for (let i = 0; i < productIds.length; i += 500) products.push(...(await this.products.byIds(productIds.slice(i, i + 500))));
    const members = r.subject_type === 'enterprise' ? await this.members.list(system, r.enterprise_id) : [];
    const subjectIds = r.subject_type === 'enterprise' ? [r.enterprise_id, ...productIds] : [r.subject_id];
    const takedowns = await this.dataSource.query(
      `SELECT id, subject_type, subject_id, source, requester, reference, legal_basis, reason, status, received_at, deadline_at, completed_at, appeal_text, appealed_at, decision, decision_note, decided_at, created_at
       FROM takedowns WHERE subject_id = ANY($1::uuid[]) ORDER BY created_at`,
      [subjectIds],
    );
    // Complaints without the complainant's name, email and phone (they are not the seller's data).
    const complaints = await this.dataSource.query(
      `SELECT code, kind, subject_type, subject_id, message, status, due_at, resolution, resolved_at, takedown_id, created_at
       FROM complaints WHERE subject_id = ANY($1::uuid[]) ORDER BY created_at`,
      [subjectIds],
    );
    const auditEvents = await this.dataSource.query(
      `SELECT seq, occurred_at, actor_id, actor_role, action, subject_type, subject_id, before, after FROM audit_events
       WHERE subject_type IN ('enterprise', 'product') AND subject_id = ANY($1::text[]) ORDER BY seq`,
      [subjectIds],
    );
    const generatedAt = this.clock.now();
    const request = {
      id: r.id,
      authority: r.authority,
      reference: r.reference,
      legalBasis: r.legal_basis,
      receivedAt: r.received_at,
      requestedBy: r.requested_by,
      subject: { type: r.subject_type, id: r.subject_id },
      generatedAt,
    };
    const enterpriseData =
      r.subject_type === 'enterprise'
        ? enterprise
        : {
            id: enterprise.id,
            slug: enterprise.slug,
            legalName: enterprise.legalName,
            displayName: enterprise.displayName,
            taxCode: enterprise.taxCode,
            status: enterprise.status,
          };
    const data = { request, enterprise: enterpriseData, members, products, takedowns, complaints, auditEvents };
    const files: Record<string, Uint8Array> = {
      'data.json': strToU8(JSON.stringify(data, null, 2)),
      'enterprise.csv': strToU8(
        csv(
          ['field', 'value'],
          Object.entries(enterpriseData).map(([k, v]) => [k, cell(v)]),
        ),
      ),
      'products.csv': strToU8(
        csv(
          ['id', 'sku', 'name', 'status', 'priceVnd', 'priceMaxVnd', 'unit', 'stockQuantity', 'gtin', 'createdAt', 'submittedAt', 'publishedAt', 'description'],
          products.map((p) => [
            p.id,
            p.sku,
            p.name,
            p.status,
            p.priceVnd,
            cell(p.priceMaxVnd),
            p.unit,
            p.stockQuantity,
            cell(p.gtin),
            cell(p.createdAt),
            cell(p.submittedAt),
            cell(p.publishedAt),
            p.description,
          ]),
        ),
      ),
      'members.csv': strToU8(
        csv(
          ['userId', 'email', 'displayName', 'role', 'createdAt'],
          members.map((x) => [x.userId, x.email, x.displayName, x.role, x.createdAt]),
        ),
      ),
      'takedowns.csv': strToU8(
        csv(
          ['id', 'subjectType', 'subjectId', 'reference', 'reason', 'status', 'createdAt'],
          takedowns.map((x: Record<string, unknown>) => [x.id, x.subject_type, x.subject_id, x.reference, x.reason, x.status, x.created_at].map(cell)),
        ),
      ),
      'complaints.csv': strToU8(
        csv(
          ['code', 'kind', 'subjectType', 'subjectId', 'status', 'message', 'createdAt'],
          complaints.map((x: Record<string, unknown>) => [x.code, x.kind, x.subject_type, x.subject_id, x.status, x.message, x.created_at].map(cell)),
        ),
      ),
      'audit.csv': strToU8(
        csv(
          ['seq', 'occurredAt', 'actorId', 'actorRole', 'action', 'subjectType', 'subjectId', 'before', 'after'],
          auditEvents.map((x: Record<string, unknown>) =>
            [x.seq, x.occurred_at, x.actor_id, x.actor_role, x.action, x.subject_type, x.subject_id, x.before, x.after].map(cell),
          ),
        ),
      ),
    };
    const zip = Buffer.from(zipSync(files, { level: 6, mtime: generatedAt }));
    const sha256 = createHash('sha256').update(zip).digest('hex');
    const key = `${PRIVATE_PREFIX}data-requests/${id}.zip`;
    await this.storage.put(key, zip);
    await this.dataSource.transaction(async (m) => {
      const updated = returnedRows<{ id: string }>(
        await m.query(
          `UPDATE data_requests SET status = 'ready', file_key = $2, file_size = $3, file_sha256 = $4, completed_at = $5 WHERE id = $1 AND status <> 'ready' RETURNING id`,
          [id, key, zip.length, sha256, this.clock.now()],
        ),
      );
      if (!updated.length) return;
      await this.audit.record(m, {
        action: 'data-request.ready',
        subject: { type: r.subject_type, id: r.subject_id },
        after: { dataRequestId: id, sha256, bytes: zip.length, products: products.length },
      });
    });
  }

  private async enterpriseOf(actor: Principal, type: 'enterprise' | 'product', id: string): Promise<string> {
    if (type === 'product') {
      const [product] = await this.products.byIds([id]);
      if (!product) throw ValidationFailedError.field('subjectId', 'Không tìm thấy sản phẩm (product not found)');
      return product.enterpriseId;
    }
    try {
      await this.enterprises.managed(actor, id);
    } catch (err) {
      if (err instanceof NotFoundError) throw ValidationFailedError.field('subjectId', 'Không tìm thấy doanh nghiệp (enterprise not found)');
      throw err;
    }
    return id;
  }

  private async row(m: EntityManager, id: string): Promise<DataRequestRow> {
    const [row] = isUuid(id) ? await m.query(`SELECT * FROM data_requests WHERE id = $1`, [id]) : [];
    if (!row) throw new NotFoundError('Yêu cầu cung cấp dữ liệu', 'DATA_REQUEST_NOT_FOUND');
    return row;
  }
}
