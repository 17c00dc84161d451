import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, Clock, ValidationFailedError, type AppConfig, type FieldError } from '@tradefloor/core';
import { ReferenceData } from '@tradefloor/enterprise-profile';
import type { Principal } from '@tradefloor/identity';
import type { DataSource } from 'typeorm';
import { BatchAccess } from '../batches/batch-access.service';
import { epcisDocument } from './epcis-document';
import type { CreateTraceEventDto } from './trace-event.dto';
import { TraceEventEntity } from './trace-event.entity';
import { normalizeBizStep } from './vocabulary';

/** Clocks of field devices drift; an event a little ahead of the server is accepted. */
const FUTURE_TOLERANCE_MS = 15 * 60_000;

@Injectable()
export class TraceEvents {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: BatchAccess,
    private readonly reference: ReferenceData,
    private readonly clock: Clock,
  ) {}

  async record(principal: Principal, batchId: string, dto: CreateTraceEventDto): Promise<TraceEventEntity> {
    const { batch } = await this.access.assertCanManage(principal, batchId);
    const errors: FieldError[] = [];
    const bizStep = normalizeBizStep(dto.bizStep);
    if (!bizStep) errors.push({ field: 'bizStep', message: 'Bước nghiệp vụ không thuộc CBV 2.0 (bizStep not in the CBV 2.0 vocabulary)' });
    if (dto.type === 'TransformationEvent' && dto.action !== undefined) {
      errors.push({ field: 'action', message: 'TransformationEvent không có action (TransformationEvent has no action)' });
    }
    const eventTime = new Date(dto.eventTime);
    if (Number.isNaN(eventTime.getTime())) errors.push({ field: 'eventTime', message: 'Thời điểm không hợp lệ (invalid eventTime)' });
    else if (eventTime.getTime() > this.clock.now().getTime() + FUTURE_TOLERANCE_MS) {
      errors.push({ field: 'eventTime', message: 'Sự kiện không thể ở tương lai (eventTime is in the future)' });
    }
    if (dto.communeCode && !(await this.reference.commune(dto.communeCode))) {
      errors.push({ field: 'communeCode', message: 'Không có xã/phường này (unknown commune)' });
    }
    if (errors.length) throw new ValidationFailedError(errors);

    const action = dto.type === 'TransformationEvent' ? null : (dto.action ?? (bizStep === 'commissioning' ? 'ADD' : 'OBSERVE'));
    const repo = this.dataSource.getRepository(TraceEventEntity);
    return repo.save(
      repo.create({
        batchId: batch.id,
        type: dto.type,
        action,
        bizStep: bizStep!,
        eventTime,
        eventTimeZoneOffset: dto.eventTimeZoneOffset ?? '+07:00',
        place: dto.place ?? null,
        communeCode: dto.communeCode ?? null,
        readPoint: dto.readPoint ?? null,
        actor: dto.actor || null,
        note: dto.note || null,
        photoUrl: dto.photoUrl ?? null,
        recordedBy: principal.id,
        recordedAt: this.clock.now(),
      }),
    );
  }

  /** Events of a batch in time order (also used, without an access check, by public verification). */
  forBatch(batchId: string): Promise<TraceEventEntity[]> {
    return this.dataSource.getRepository(TraceEventEntity).find({ where: { batchId }, order: { eventTime: 'ASC', recordedAt: 'ASC' } });
  }

  async list(principal: Principal, batchId: string): Promise<TraceEventEntity[]> {
    const { batch } = await this.access.assertCanManage(principal, batchId);
    return this.forBatch(batch.id);
  }

  async epcis(principal: Principal, batchId: string): Promise<Record<string, unknown>> {
    const { batch } = await this.access.assertCanManage(principal, batchId);
    return epcisDocument(batch, await this.forBatch(batch.id), this.clock.now(), `${this.config.publicBaseUrl}/ns/trace#`);
  }
}
