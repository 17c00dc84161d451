import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, ValidationFailedError, vietnamDate } from '@tradefloor/core';
import { EnterpriseViews } from '@tradefloor/enterprise-profile';
import type { DataSource } from 'typeorm';
import type { InquiryStatsQueryDto } from '../dto/inquiry-input.dto';
import type { InquiryStatsDto } from '../dto/inquiry-output.dto';
import { INQUIRY_STATUSES, type InquiryStatus } from '../inquiry.entity';

const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

/** Inquiry volumes for provincial staff: per day (Vietnam time), per status, per enterprise. */
@Injectable()
export class InquiryStats {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly enterprises: EnterpriseViews,
  ) {}

  async volumes(query: InquiryStatsQueryDto): Promise<InquiryStatsDto> {
    const to = query.to ?? vietnamDate(this.clock.now());
    const from = query.from ?? new Date(Date.parse(to) - 29 * DAY_MS).toISOString().slice(0, 10);
    for (const [field, value] of [
      ['from', from],
      ['to', to],
    ]) {
      // The DTO checks the shape; this rejects impossible days such as 2025-02-30.
      const parsed = Date.parse(value);
      if (Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== value) {
        throw ValidationFailedError.field(field, 'Ngày không hợp lệ (invalid date)');
      }
    }
    const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
    if (days < 1) throw ValidationFailedError.field('from', 'Ngày bắt đầu phải trước ngày kết thúc (from must not be after to)');
    if (days > MAX_DAYS) throw ValidationFailedError.field('from', `Tối đa ${MAX_DAYS} ngày (at most ${MAX_DAYS} days)`);

    // Day boundaries are Vietnam midnights; the range predicate keeps the created_at index usable.
    const range = `i.created_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
                   AND i.created_at < (($2::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`;
    const [perDay, perStatus, perEnterprise] = await Promise.all([
      this.dataSource.query(
        `SELECT to_char(d, 'YYYY-MM-DD') AS day, coalesce(c.n, 0)::int AS count
         FROM generate_series($1::date, $2::date, interval '1 day') AS d
         LEFT JOIN (SELECT (i.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day, count(*) AS n
                    FROM inquiries i WHERE ${range} GROUP BY 1) c ON c.day = d::date
         ORDER BY d`,
        [from, to],
      ),
      this.dataSource.query(`SELECT i.status, count(*)::int AS count FROM inquiries i WHERE ${range} GROUP BY i.status`, [from, to]),
      this.dataSource.query(
        `SELECT i.enterprise_id AS "enterpriseId", count(*)::int AS count
         FROM inquiries i WHERE ${range} GROUP BY i.enterprise_id ORDER BY count DESC, i.enterprise_id LIMIT 50`,
        [from, to],
      ),
    ]);
    // Names come from enterprise-profile's read model, not a join (the ranking needs only ids).
    const top: Array<{ enterpriseId: string; count: number }> = perEnterprise;
    const names = new Map((await this.enterprises.load(top.map((r) => r.enterpriseId))).map((e) => [e.id, e.displayName]));
    const enterprises = top
      .map((r) => ({ ...r, enterpriseName: names.get(r.enterpriseId) ?? '' }))
      .sort((a, b) => b.count - a.count || a.enterpriseName.localeCompare(b.enterpriseName, 'vi'));
    const statusCounts = new Map<InquiryStatus, number>(perStatus.map((r: { status: InquiryStatus; count: number }) => [r.status, r.count]));
    return {
      from,
      to,
      total: perDay.reduce((sum: number, r: { count: number }) => sum + r.count, 0),
      perDay,
      perStatus: INQUIRY_STATUSES.map((status) => ({ status, count: statusCounts.get(status) ?? 0 })),
      perEnterprise: enterprises,
    };
  }
}
