import type { BatchEntity } from '../batches/batch.entity';
import { lgtinUri } from '../codes/digital-link';
import type { TraceEventEntity } from './trace-event.entity';

export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/epcis-context.jsonld';

/** UN/CEFACT Rec. 20 codes for the units farmers use; other units are counts (no uom) plus our extension. */
const UOM: Record<string, string> = { kg: 'KGM', g: 'GRM', tấn: 'TNE', tan: 'TNE', t: 'TNE', l: 'LTR', lít: 'LTR', lit: 'LTR', ml: 'MLT' };

/** EPCIS wants local time plus offset; render eventTime in the event's own offset. */
export function inOffset(date: Date, offset: string): string {
  const sign = offset[0] === '-' ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const local = new Date(date.getTime() + minutes * 60_000)
    .toISOString()
    .replace(/\.\d{3}Z$/, '')
    .replace(/Z$/, '');
  return `${local}${offset}`;
}

/**
 * A batch's trace events as an EPCIS 2.0 JSON-LD document. Events are class-level: the batch is
 * its LGTIN (https://id.gs1.org/01/{gtin14}/10/{lot}) when the product has a GTIN, else urn:uuid
 * of the batch. Place, actor, note and photo travel as `tf:` extension fields.
 */
export function epcisDocument(batch: BatchEntity, events: TraceEventEntity[], creationDate: Date, namespace: string): Record<string, unknown> {
  return epcisEnvelope(epcisEvents(batch, events), creationDate, namespace);
}

/** The EPCIS 2.0 JSON-LD envelope around an event list (`tf:` is the floor's extension namespace). */
export function epcisEnvelope(eventList: Array<Record<string, unknown>>, creationDate: Date, namespace: string): Record<string, unknown> {
  return {
    '@context': [EPCIS_CONTEXT, { tf: namespace }],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: creationDate.toISOString(),
    epcisBody: { eventList },
  };
}

/** The batch as an EPCIS quantity element (UN/CEFACT unit where one is known). */
export function batchQuantity(batch: BatchEntity): { epcClass: string; quantity: number; uom?: string } {
  const epcClass = batch.gtin14 ? lgtinUri(batch.gtin14, batch.lotCode) : `urn:uuid:${batch.id}`;
  const uom = UOM[batch.unit.toLowerCase()];
  return uom ? { epcClass, quantity: batch.quantity, uom } : { epcClass, quantity: batch.quantity };
}

/** A batch's trace events as EPCIS 2.0 events (class level). */
export function epcisEvents(batch: BatchEntity, events: TraceEventEntity[]): Array<Record<string, unknown>> {
  const quantity = batchQuantity(batch);
  const uom = quantity.uom;
  const eventList = events.map((e) => {
    const out: Record<string, unknown> = {
      type: e.type,
      eventID: `urn:uuid:${e.id}`,
      eventTime: inOffset(e.eventTime, e.eventTimeZoneOffset),
      eventTimeZoneOffset: e.eventTimeZoneOffset,
      recordTime: e.recordedAt.toISOString(),
    };
    if (e.type === 'TransformationEvent') {
      out.outputQuantityList = [quantity];
    } else if (e.type === 'AggregationEvent') {
      out.action = e.action;
      out.childQuantityList = [quantity];
    } else {
      out.action = e.action;
      out.epcList = [];
      out.quantityList = [quantity];
    }
    // EPCIS 2.0 JSON-LD: the context maps bare CBV values (`packing`) to their URIs.
    out.bizStep = e.bizStep;
    if (e.readPoint) out.readPoint = { id: e.readPoint };
    if (e.place) out['tf:place'] = e.place;
    if (e.communeCode) out['tf:communeCode'] = e.communeCode;
    if (e.actor) out['tf:actor'] = e.actor;
    if (e.note) out['tf:note'] = e.note;
    if (e.photoUrl) out['tf:photo'] = e.photoUrl;
    if (!uom) out['tf:unit'] = batch.unit;
    return out;
  });
  return eventList;
}
