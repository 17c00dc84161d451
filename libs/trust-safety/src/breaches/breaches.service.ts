import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  APP_CONFIG,
  AuditTrail,
  Clock,
  isUuid,
  NotFoundError,
  requestContext,
  returnedRows,
  ValidationFailedError,
  type FieldError,
  type ResolvedConfig,
} from '@tradefloor/core';
import { UsersService } from '@tradefloor/identity';
import type { DataSource, EntityManager } from 'typeorm';
import { vietnamTime } from '../notices/seller-notices';
import { BREACH_NOTIFY_HOURS, type BreachDto, type BreachNoticesDto, type BreachStatus, type CreateBreachDto, type UpdateBreachDto } from './breach.dto';

interface BreachRow {
  id: string;
  detected_at: Date;
  description: string;
  data_kinds: string[];
  affected_count: number | null;
  affected_user_ids: string[];
  measures: string;
  status: BreachStatus;
  notified_authority_at: Date | null;
  users_notified_at: Date | null;
  created_at: Date;
}

const HOUR_MS = 3600_000;
const NOT_FOUND = () => new NotFoundError('Sự cố dữ liệu', 'BREACH_NOT_FOUND');

/**
 * The breach register (Decree 356/2025): each personal-data incident with its detection time, the
 * 72-hour clock for notifying the authority (A05, Ministry of Public Security), the people
 * affected, the measures, and notice texts rendered from the record. Every write is audited
 * (`breach.create|update`); the audit keeps counts, never the affected user ids.
 */
@Injectable()
export class Breaches {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly users: UsersService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async create(dto: CreateBreachDto): Promise<BreachDto> {
    const now = this.clock.now();
    const detectedAt = new Date(dto.detectedAt);
    const errors: FieldError[] = [];
    if (detectedAt.getTime() > now.getTime() + 5 * 60_000)
      errors.push({ field: 'detectedAt', message: 'Thời điểm phát hiện không thể ở tương lai (detectedAt is in the future)' });
    const userIds = [...new Set(dto.affectedUserIds ?? [])];
    if (dto.affectedCount === undefined && !userIds.length)
      errors.push({ field: 'affectedCount', message: 'Cần số người bị ảnh hưởng hoặc danh sách tài khoản (affectedCount or affectedUserIds)' });
    if (userIds.length && (await this.users.contactsOf(userIds)).size !== userIds.length)
      errors.push({ field: 'affectedUserIds', message: 'Có tài khoản không tồn tại (unknown user id)' });
    if (errors.length) throw new ValidationFailedError(errors);
    const row = await this.dataSource.transaction(async (m) => {
      const [inserted]: BreachRow[] = await m.query(
        `INSERT INTO breaches (detected_at, description, data_kinds, affected_count, affected_user_ids, measures, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING *`,
        [detectedAt, dto.description, dto.dataKinds, dto.affectedCount ?? null, userIds, dto.measures, requestContext.current()?.actor?.id, now],
      );
      await this.record(m, 'breach.create', inserted, {}, this.audited(inserted));
      return inserted;
    });
    return this.toDto(row);
  }

  async update(id: string, dto: UpdateBreachDto): Promise<BreachDto> {
    const now = this.clock.now();
    for (const field of ['notifiedAuthorityAt', 'usersNotifiedAt'] as const) {
      const at = dto[field];
      if (at && new Date(at).getTime() > now.getTime() + 5 * 60_000)
        throw ValidationFailedError.field(field, 'Thời điểm không thể ở tương lai (in the future)');
    }
    const row = await this.dataSource.transaction(async (m) => {
      const before = await this.row(m, id, true);
      const [after] = returnedRows<BreachRow>(
        await m.query(
          `UPDATE breaches SET status = COALESCE($2, status), notified_authority_at = COALESCE($3, notified_authority_at),
                users_notified_at = COALESCE($4, users_notified_at), measures = COALESCE($5, measures),
                affected_count = COALESCE($6, affected_count), updated_at = $7
         WHERE id = $1 RETURNING *`,
          [id, dto.status ?? null, dto.notifiedAuthorityAt ?? null, dto.usersNotifiedAt ?? null, dto.measures ?? null, dto.affectedCount ?? null, now],
        ),
      );
      await this.record(m, 'breach.update', after, this.audited(before), this.audited(after));
      return after;
    });
    return this.toDto(row);
  }

  async get(id: string): Promise<BreachDto> {
    return this.toDto(await this.row(this.dataSource.manager, id));
  }

  /** Newest detection first; overdue ones (not notified past the deadline) are flagged. */
  async list(): Promise<{ items: BreachDto[]; overdue: number }> {
    const rows: BreachRow[] = await this.dataSource.query(`SELECT * FROM breaches ORDER BY detected_at DESC LIMIT 500`);
    const items = rows.map((r) => this.toDto(r));
    return { items, overdue: items.filter((b) => b.overdue).length };
  }

  /** The notices rendered from the record, in Vietnamese: to the authority and to the people affected. */
  async notices(id: string): Promise<BreachNoticesDto> {
    const b = this.toDto(await this.row(this.dataSource.manager, id));
    const site = this.config.publicBaseUrl;
    const people = b.affectedCount ?? b.affectedUserIds.length;
    const kinds = b.dataKinds.join(', ');
    return {
      authority: {
        subject: `Thông báo vi phạm quy định bảo vệ dữ liệu cá nhân – sàn ${site}`,
        text: [
          'Kính gửi: Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao (A05) – Bộ Công an.',
          '',
          `Bên kiểm soát dữ liệu: ban quản lý sàn thương mại điện tử ${site}.`,
          `Thực hiện Luật Bảo vệ dữ liệu cá nhân 2025 và Nghị định 356/2025/NĐ-CP, chúng tôi thông báo sự cố dữ liệu cá nhân như sau:`,
          `1. Thời điểm phát hiện: ${vietnamTime(b.detectedAt)}.`,
          `2. Mô tả sự cố: ${b.description}`,
          `3. Loại dữ liệu cá nhân bị ảnh hưởng: ${kinds}.`,
          `4. Số chủ thể dữ liệu bị ảnh hưởng (ước tính): ${people}.`,
          `5. Biện pháp đã và sẽ thực hiện: ${b.measures}`,
          `6. Tình trạng xử lý: ${STATUS_VI[b.status]}.`,
          b.notifiedAuthorityAt ? '' : `Thông báo này được gửi trong thời hạn 72 giờ kể từ khi phát hiện (hạn: ${vietnamTime(b.notificationDeadline)}).`,
          '',
          'Đầu mối liên hệ: ban quản lý sàn (bộ phận bảo vệ dữ liệu cá nhân).',
        ]
          .filter((line, i, all) => line !== '' || all[i - 1] !== '')
          .join('\n'),
      },
      users: {
        subject: 'Thông báo về sự cố liên quan đến dữ liệu cá nhân của bạn',
        text: [
          'Chào bạn,',
          '',
          `Ngày ${vietnamTime(b.detectedAt)}, ban quản lý sàn ${site} phát hiện một sự cố có thể ảnh hưởng đến dữ liệu cá nhân của bạn.`,
          `- Điều đã xảy ra: ${b.description}`,
          `- Dữ liệu có thể bị ảnh hưởng: ${kinds}.`,
          `- Chúng tôi đã làm gì: ${b.measures}`,
          '- Bạn nên làm gì: đổi mật khẩu tài khoản trên sàn, cảnh giác với tin nhắn, cuộc gọi hoặc email lạ nhắc đến sàn.',
          '',
          'Sự cố đã được thông báo cho cơ quan chức năng theo quy định. Nếu có câu hỏi, hãy liên hệ ban quản lý sàn.',
          '',
          '(We detected an incident that may affect your personal data; see above what happened, what we did and what you can do.)',
        ].join('\n'),
      },
    };
  }

  private toDto(r: BreachRow): BreachDto {
    const deadline = new Date(new Date(r.detected_at).getTime() + BREACH_NOTIFY_HOURS * HOUR_MS);
    return {
      id: r.id,
      detectedAt: r.detected_at,
      description: r.description,
      dataKinds: r.data_kinds,
      affectedCount: r.affected_count,
      affectedUserIds: r.affected_user_ids,
      measures: r.measures,
      status: r.status,
      notificationDeadline: deadline,
      overdue: !r.notified_authority_at && this.clock.now().getTime() > deadline.getTime(),
      notifiedAuthorityAt: r.notified_authority_at,
      usersNotifiedAt: r.users_notified_at,
      createdAt: r.created_at,
    };
  }

  private audited(r: BreachRow | Record<string, never>) {
    if (!('id' in r)) return {};
    return {
      status: r.status,
      detectedAt: r.detected_at,
      dataKinds: r.data_kinds,
      affectedCount: r.affected_count,
      affectedUsers: r.affected_user_ids.length,
      notifiedAuthorityAt: r.notified_authority_at,
      usersNotifiedAt: r.users_notified_at,
    };
  }

  private async record(m: EntityManager, action: string, r: BreachRow, before: object, after: object): Promise<void> {
    await this.audit.record(m, { action, subject: { type: 'breach', id: r.id }, before, after });
  }

  private async row(m: EntityManager, id: string, lock = false): Promise<BreachRow> {
    if (!isUuid(id)) throw NOT_FOUND();
    const [row] = await m.query(`SELECT * FROM breaches WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!row) throw NOT_FOUND();
    return row;
  }
}

const STATUS_VI: Record<BreachStatus, string> = {
  open: 'đang xử lý (open)',
  contained: 'đã ngăn chặn (contained)',
  closed: 'đã kết thúc (closed)',
};
