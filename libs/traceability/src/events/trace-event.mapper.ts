import type { TraceEventDto } from './trace-event.dto';
import type { TraceEventEntity } from './trace-event.entity';
import { BIZ_STEP_LABELS_VI } from './vocabulary';

export function toTraceEventDto(e: TraceEventEntity): TraceEventDto {
  return {
    id: e.id,
    type: e.type,
    action: e.action,
    bizStep: e.bizStep,
    bizStepLabel: BIZ_STEP_LABELS_VI[e.bizStep] ?? e.bizStep,
    eventTime: e.eventTime,
    eventTimeZoneOffset: e.eventTimeZoneOffset,
    place: e.place,
    communeCode: e.communeCode,
    readPoint: e.readPoint,
    actor: e.actor,
    note: e.note,
    photoUrl: e.photoUrl,
  };
}
