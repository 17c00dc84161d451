import { createHash, randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  APP_CONFIG,
  AuditTrail,
  Clock,
  InvalidStateError,
  isUuid,
  normalizeVietnameseMobile,
  NotFoundError,
  RateLimiter,
  returnedRows,
  TooManyRequestsError,
  vietnamDate,
  type ResolvedConfig,
} from '@tradefloor/core';
import type { DataSource } from 'typeorm';
import { VIETNAM_PUBLIC_HOLIDAYS } from './vietnam-holidays';
import { WorkingDays } from './working-days';
import type { PrivacyRequestDto, PrivacyRequestReceiptDto, SubmitPrivacyRequestDto } from './privacy-request.dto';

/** Decree 356/2025: acknowledge within 2 working days; complete within 15 days, 20 with a processor; one extension. */
export const ACK_WORKING_DAYS = 2;
export const COMPLETE_DAYS = 15;
export const COMPLETE_DAYS_WITH_PROCESSOR = 20;

interface RequestRow {
  id: string;
  code: string;
  kind: PrivacyRequestDto['kind'];
  name: string;
  email: string;
  phone: string | null;
  message: string;
  status: PrivacyRequestDto['status'];
  processor_involved: boolean;
  received_at: Date;
  ack_due_at: Date;
  due_at: Date;
  acknowledged_at: Date | null;
  extended_at: Date | null;
  extension_reason: string | null;
  completed_at: Date | null;
  resolution: string | null;
}

/**
 * Privacy requests that need staff (from people without an account, objections, restrictions…):
 * filed publicly with the complaints' defences (hidden honeypot field, per-client and per-email
 * rate limits in core's RateLimiter, only a hash of the client address kept), then a queue with
 * the legal timers counted in Vietnamese working days and configured public holidays.
 */
@Injectable()
export class PrivacyRequests {
  readonly workingDays: WorkingDays;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly limiter: RateLimiter,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {
    const extra = (config.env.str('PRIVACY_EXTRA_HOLIDAYS') ?? '')
      .split(',')
      .map((d) => d.trim())
      .filter(Boolean);
    this.workingDays = new WorkingDays([...VIETNAM_PUBLIC_HOLIDAYS, ...extra]);
  }

  async submit(dto: SubmitPrivacyRequestDto, clientIp: string): Promise<PrivacyRequestReceiptDto> {
    const now = this.clock.now();
    const ackDueAt = this.workingDays.addWorkingDays(now, ACK_WORKING_DAYS);
    const dueAt = this.workingDays.addDays(now, COMPLETE_DAYS);
    const code = `YC-${vietnamDate(now).slice(0, 4)}-${randomInt(100_000, 1_000_000)}`;
    if (dto.website?.trim()) return { code, ackDueAt, dueAt }; // a bot learns nothing; nothing stored
    const clientHash = createHash('sha256').update(`privacy-request:${clientIp}`).digest('hex');
    const max = this.config.env.int('PRIVACY_REQUEST_MAX_PER_CLIENT', 5, 1, 10_000);
    const results = [
      await this.limiter.hit(`privacy-request:client:${clientHash}`, max, 3600),
      await this.limiter.hit(`privacy-request:email:${createHash('sha256').update(dto.email).digest('hex')}`, max, 3600),
    ].filter((r) => !r.allowed);
    if (results.length) throw new TooManyRequestsError(Math.max(...results.map((r) => r.retryAfterSeconds)));
    await this.dataSource.query(
      `INSERT INTO privacy_requests (code, kind, name, email, phone, message, received_at, ack_due_at, due_at, client_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [code, dto.kind, dto.name, dto.email, dto.phone ? normalizeVietnameseMobile(dto.phone) : null, dto.message, now, ackDueAt, dueAt, clientHash],
    );
    return { code, ackDueAt, dueAt };
  }

  /** The queue: open requests first, the most urgent first. */
  async list(): Promise<PrivacyRequestDto[]> {
    const rows: RequestRow[] = await this.dataSource.query(
      `SELECT * FROM privacy_requests ORDER BY (status IN ('received','acknowledged')) DESC, LEAST(CASE WHEN status = 'received' THEN ack_due_at END, due_at), received_at LIMIT 500`,
    );
    return rows.map((r) => this.toDto(r));
  }

  async acknowledge(id: string, processorInvolved = false): Promise<PrivacyRequestDto> {
    const r = await this.row(id);
    const dueAt = this.workingDays.addDays(r.received_at, processorInvolved ? COMPLETE_DAYS_WITH_PROCESSOR : COMPLETE_DAYS);
    return this.change(
      id,
      `status = 'received'`,
      'privacy.request.acknowledge',
      `status = 'acknowledged', acknowledged_at = $2, processor_involved = $3, due_at = $4`,
      [this.clock.now(), processorInvolved, dueAt],
    );
  }

  /** The one extension the law allows: as long again as the original period, with a reason. */
  async extend(id: string, reason: string): Promise<PrivacyRequestDto> {
    const r = await this.row(id);
    const dueAt = this.workingDays.addDays(r.due_at, r.processor_involved ? COMPLETE_DAYS_WITH_PROCESSOR : COMPLETE_DAYS);
    return this.change(
      id,
      `status = 'acknowledged' AND extended_at IS NULL`,
      'privacy.request.extend',
      `extended_at = $2, extension_reason = $3, due_at = $4`,
      [this.clock.now(), reason, dueAt],
    );
  }

  async complete(id: string, resolution: string, rejected = false): Promise<PrivacyRequestDto> {
    return this.change(id, `status = 'acknowledged'`, 'privacy.request.complete', `status = $3, completed_at = $2, resolution = $4`, [
      this.clock.now(),
      rejected ? 'rejected' : 'completed',
      resolution,
    ]);
  }

  private async change(id: string, when: string, action: string, set: string, params: unknown[]): Promise<PrivacyRequestDto> {
    await this.row(id);
    return this.dataSource.transaction(async (m) => {
      const rows = returnedRows<RequestRow>(await m.query(`UPDATE privacy_requests SET ${set} WHERE id = $1 AND ${when} RETURNING *`, [id, ...params]));
      if (!rows.length)
        throw new InvalidStateError('Yêu cầu không ở trạng thái cho phép thao tác này (not allowed in the request’s state)', 'PRIVACY_REQUEST_STATE');
      await this.audit.record(m, { action, subject: { type: 'privacy-request', id }, after: { status: rows[0].status, dueAt: rows[0].due_at } });
      return this.toDto(rows[0]);
    });
  }

  private async row(id: string): Promise<RequestRow> {
    const [row] = isUuid(id) ? await this.dataSource.query(`SELECT * FROM privacy_requests WHERE id = $1`, [id]) : [];
    if (!row) throw new NotFoundError('Yêu cầu', 'PRIVACY_REQUEST_NOT_FOUND');
    return row;
  }

  private toDto(r: RequestRow): PrivacyRequestDto {
    const now = this.clock.now().getTime();
    const open = r.status === 'received' || r.status === 'acknowledged';
    return {
      id: r.id,
      code: r.code,
      kind: r.kind,
      name: r.name,
      email: r.email,
      phone: r.phone,
      message: r.message,
      status: r.status,
      processorInvolved: r.processor_involved,
      receivedAt: r.received_at,
      ackDueAt: r.ack_due_at,
      dueAt: r.due_at,
      acknowledgedAt: r.acknowledged_at,
      extensionReason: r.extension_reason,
      completedAt: r.completed_at,
      resolution: r.resolution,
      overdue: open && ((r.status === 'received' && r.ack_due_at.getTime() < now) || r.due_at.getTime() < now),
    };
  }
}
