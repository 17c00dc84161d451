import { Controller, Get, Header, Inject, Injectable, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, checkedPeriod, Clock, isCalendarDay, ErrorEnvelopeDto, ValidationFailedError, vietnamDate, type ResolvedConfig } from '@tradefloor/core';
import { Auth } from '@tradefloor/identity';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { DataSource } from 'typeorm';
import { BatchEntity } from '../batches/batch.entity';
import { encodeAiValue } from '../codes/digital-link';
import { batchQuantity, epcisEnvelope, epcisEvents, inOffset } from '../events/epcis-document';
import { EpcisDocumentDto } from '../events/trace-event.dto';
import { TraceEventEntity } from '../events/trace-event.entity';

/** Vietnam has one time zone and no daylight saving. */
const VN_OFFSET = '+07:00';
/** One document stays loadable in memory on both sides: narrow the period beyond these. */
export const NATIONAL_EPCIS_MAX_BATCHES = 5_000;
export const NATIONAL_EPCIS_MAX_STAMPS = 250_000;

export class NationalEpcisQueryDto {
  @ApiPropertyOptional({ description: 'First Vietnam day of the period (lots created from this day), default: 30 days before `to`', example: '2025-07-01' })
  @IsOptional()
  @IsString()
  @MaxLength(10, { message: 'Ngày bắt đầu phải có dạng YYYY-MM-DD (from must be YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last Vietnam day of the period, default: today', example: '2025-07-31' })
  @IsOptional()
  @IsString()
  @MaxLength(10, { message: 'Ngày kết thúc phải có dạng YYYY-MM-DD (to must be YYYY-MM-DD)' })
  to?: string;
}

interface StampRow {
  serial: string;
  batch_id: string;
  state: 'issued' | 'activated' | 'revoked';
  issued_at: Date;
  revoked_at: Date | null;
}

/** GS1 Digital Link of one stamp as an instance-level EPC: the canonical SGTIN form (AI 01 + 21), or the floor's URL without a GTIN. */
export function stampEpc(origin: string, gtin14: string | null, serial: string): string {
  return gtin14 ? `https://id.gs1.org/01/${gtin14}/21/${encodeAiValue(serial)}` : `${origin}/t/${serial}`;
}

/**
 * The province's traceability data for the national traceability portal, as one EPCIS 2.0
 * JSON-LD document (docs/national-exports.md): every lot created in the period with
 * - its recorded trace events (class level, the lot's LGTIN), as the owner's per-lot export has them;
 * - one `ObjectEvent` ADD `commissioning` listing its stamps as SGTIN Digital Link URIs, with the
 *   lot's master data (ILMD: lot number, production and expiry dates);
 * - one `ObjectEvent` DELETE `decommissioning` listing its revoked stamps.
 * Every event has a `readPoint`: the one the seller recorded (a GLN Digital Link where they typed one), else
 * the floor's URI of the commune of origin (no GLN is collected from sellers today).
 */
@Injectable()
export class NationalTraceExport {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  async document(q: NationalEpcisQueryDto): Promise<Record<string, unknown>> {
    const to = q.to ?? vietnamDate(this.clock.now());
    // The default start is computed from `to`, so a bad `to` is named alone.
    if (!q.from && !isCalendarDay(to)) throw ValidationFailedError.field('to', 'Ngày không hợp lệ, cần dạng YYYY-MM-DD (to must be a date YYYY-MM-DD)');
    const from = q.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
    checkedPeriod(from, to, 3660);
    const origin = this.config.publicBaseUrl;
    const batches = await this.dataSource
      .getRepository(BatchEntity)
      .createQueryBuilder('b')
      .where(`b.created_at >= CAST(CAST(:from AS date) AS timestamp) AT TIME ZONE 'Asia/Ho_Chi_Minh'`, { from })
      .andWhere(`b.created_at < CAST(CAST(:to AS date) + 1 AS timestamp) AT TIME ZONE 'Asia/Ho_Chi_Minh'`, { to })
      .orderBy('b.created_at', 'ASC')
      .addOrderBy('b.id', 'ASC')
      .take(NATIONAL_EPCIS_MAX_BATCHES + 1)
      .getMany();
    if (batches.length > NATIONAL_EPCIS_MAX_BATCHES) throw tooLarge(`more than ${NATIONAL_EPCIS_MAX_BATCHES} lots`);
    const ids = batches.map((b) => b.id);
    const [events, stamps]: [TraceEventEntity[], StampRow[]] = ids.length
      ? await Promise.all([
          this.dataSource
            .getRepository(TraceEventEntity)
            .createQueryBuilder('e')
            .where('e.batch_id = ANY(:ids)', { ids })
            .orderBy('e.event_time', 'ASC')
            .addOrderBy('e.recorded_at', 'ASC')
            .getMany(),
          this.dataSource.query(
            `SELECT serial, batch_id, state, issued_at, revoked_at FROM trace_stamps WHERE batch_id = ANY($1::uuid[]) ORDER BY batch_id, seq LIMIT $2`,
            [ids, NATIONAL_EPCIS_MAX_STAMPS + 1],
          ),
        ])
      : [[], []];
    if (stamps.length > NATIONAL_EPCIS_MAX_STAMPS) throw tooLarge(`more than ${NATIONAL_EPCIS_MAX_STAMPS} stamps`);
    const eventsOf = group(events, (e) => e.batchId);
    const stampsOf = group(stamps, (s) => s.batch_id);
    const eventList: Array<Record<string, unknown>> = [];
    for (const batch of batches) {
      const fallbackReadPoint = {
        id: batch.originCommuneCode ? `${origin}/ns/trace/commune/${batch.originCommuneCode}` : `${origin}/ns/trace/enterprise/${batch.enterpriseId}`,
      };
      const lot = { 'tf:lotId': `urn:uuid:${batch.id}` };
      for (const e of epcisEvents(batch, eventsOf.get(batch.id) ?? [])) eventList.push({ ...e, readPoint: e.readPoint ?? fallbackReadPoint, ...lot });
      const own = stampsOf.get(batch.id) ?? [];
      if (own.length) {
        const issuedAt = own.reduce((min, s) => (s.issued_at < min ? s.issued_at : min), own[0].issued_at);
        eventList.push({
          type: 'ObjectEvent',
          eventTime: inOffset(issuedAt, VN_OFFSET),
          eventTimeZoneOffset: VN_OFFSET,
          epcList: own.map((s) => stampEpc(origin, batch.gtin14, s.serial)),
          quantityList: [batchQuantity(batch)],
          action: 'ADD',
          bizStep: 'commissioning',
          disposition: 'active',
          readPoint: fallbackReadPoint,
          ilmd: {
            'cbvmda:lotNumber': batch.lotCode,
            'cbvmda:productionDate': batch.producedAt,
            ...(batch.expiresAt ? { 'cbvmda:itemExpirationDate': batch.expiresAt } : {}),
          },
          ...lot,
        });
      }
      const revoked = own.filter((s) => s.state === 'revoked');
      if (revoked.length) {
        const revokedAt = revoked.reduce((max, s) => (s.revoked_at && s.revoked_at > max ? s.revoked_at : max), revoked[0].revoked_at ?? revoked[0].issued_at);
        eventList.push({
          type: 'ObjectEvent',
          eventTime: inOffset(revokedAt, VN_OFFSET),
          eventTimeZoneOffset: VN_OFFSET,
          epcList: revoked.map((s) => stampEpc(origin, batch.gtin14, s.serial)),
          quantityList: [],
          action: 'DELETE',
          bizStep: 'decommissioning',
          disposition: 'inactive',
          readPoint: fallbackReadPoint,
          ...lot,
        });
      }
    }
    return epcisEnvelope(eventList, this.clock.now(), `${origin}/ns/trace#`);
  }
}

function tooLarge(what: string): ValidationFailedError {
  return ValidationFailedError.field('from', `Khoảng thời gian quá rộng (${what}): hãy chọn khoảng ngắn hơn (narrow the period)`);
}

function group<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(key(r));
    if (list) list.push(r);
    else out.set(key(r), [r]);
  }
  return out;
}

@ApiTags('admin')
@Controller('api/v1/admin/exports')
@Auth('admin')
export class NationalTraceExportController {
  constructor(private readonly exports: NationalTraceExport) {}

  @Get('epcis')
  @Header('Content-Type', 'application/ld+json; charset=utf-8')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('application/ld+json')
  @ApiOkResponse({ type: EpcisDocumentDto, description: 'Lots created in the period, their events and stamps as EPCIS 2.0 JSON-LD (docs/national-exports.md)' })
  @ApiBadRequestResponse({ type: ErrorEnvelopeDto })
  epcis(@Query() q: NationalEpcisQueryDto): Promise<Record<string, unknown>> {
    return this.exports.document(q);
  }
}
