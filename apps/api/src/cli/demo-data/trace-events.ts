import type { EPCIS_EVENT_TYPES } from '@tradefloor/traceability';
import type { DemoCommune } from './communes';
import type { Prng } from './prng';

export interface PlannedTraceEvent {
  type: (typeof EPCIS_EVENT_TYPES)[number];
  /** CBV 2.0 step: `commissioning` is harvesting or production ("Sản xuất / thu hoạch"). */
  bizStep: string;
  /** Hours after midnight (Vietnam) of the production day. */
  atHour: number;
  place: string;
  communeCode: string | null;
  actor: string | null;
  note: string | null;
}

/** Where the goods go after the producer's warehouse. */
const DESTINATIONS = [
  'Trung tâm giới thiệu sản phẩm OCOP tỉnh Vĩnh Long, Phường Trà Vinh',
  'Siêu thị Co.opmart Trà Vinh, Phường Trà Vinh',
  'Kho Bưu điện tỉnh (Postmart), Phường Long Đức',
  'Chợ đầu mối nông sản Thủ Đức, TP. Hồ Chí Minh',
  'Cửa hàng đặc sản miền Tây, Phường Ninh Kiều, TP. Cần Thơ',
  'Kho hàng Voso, TP. Hồ Chí Minh',
];
const CARRIERS = ['Viettel Post', 'Bưu điện tỉnh Vĩnh Long', 'xe tải lạnh của HTX', 'Giao Hàng Nhanh'];

/**
 * A lot's journey as EPCIS events: harvest or production, quality check, packing with the QR
 * stamps, shipping, and for some lots the reception by a shop. Places are the seller's commune
 * and real kinds of outlets of the province.
 */
export function traceEvents(rng: Prng, lot: { fresh: boolean; seller: string; commune: DemoCommune; no: number }): PlannedTraceEvent[] {
  const { fresh, seller, commune } = lot;
  const start = fresh ? rng.int(5, 7) + 0.5 : rng.int(7, 9);
  const packedAt = start + (fresh ? rng.int(5, 9) : rng.int(24, 48));
  const shippedAt = packedAt + rng.int(14, 30);
  const destination = rng.pick(DESTINATIONS);
  const events: PlannedTraceEvent[] = [
    fresh
      ? {
          type: 'ObjectEvent',
          bizStep: 'commissioning',
          atHour: start,
          place: `Vườn của ${seller}, ${commune.name}`,
          communeCode: commune.code,
          actor: seller,
          note: `Thu hoạch đợt ${lot.no}`,
        }
      : {
          type: 'TransformationEvent',
          bizStep: 'commissioning',
          atHour: start,
          place: `Xưởng sản xuất ${seller}, ${commune.name}`,
          communeCode: commune.code,
          actor: seller,
          note: `Sản xuất lô số ${lot.no} theo quy trình đã công bố`,
        },
    {
      type: 'ObjectEvent',
      bizStep: 'inspecting',
      atHour: start + rng.int(2, 4),
      place: `Tổ kiểm tra chất lượng, ${seller}`,
      communeCode: commune.code,
      actor: 'Tổ kiểm tra chất lượng',
      note: fresh ? 'Mẫu kiểm tra đạt: dư lượng thuốc bảo vệ thực vật dưới ngưỡng cho phép' : 'Cảm quan, độ ẩm, nhãn và bao bì đạt yêu cầu',
    },
    {
      type: 'AggregationEvent',
      bizStep: 'packing',
      atHour: packedAt,
      place: `Nhà sơ chế và đóng gói, ${commune.name}`,
      communeCode: commune.code,
      actor: seller,
      note: 'Đóng thùng, dán tem truy xuất nguồn gốc QR',
    },
    {
      type: 'ObjectEvent',
      bizStep: 'shipping',
      atHour: shippedAt,
      place: `Kho ${seller}, ${commune.name}`,
      communeCode: commune.code,
      actor: rng.pick(CARRIERS),
      note: `Xuất hàng đi ${destination}`,
    },
  ];
  if (rng.chance(0.6)) {
    const far = destination.includes('TP.');
    events.push({
      type: 'ObjectEvent',
      bizStep: 'receiving',
      atHour: shippedAt + (far ? rng.int(8, 20) : rng.int(2, 6)),
      place: destination,
      communeCode: null,
      actor: null,
      note: 'Nhận hàng, kiểm đếm đủ số lượng',
    });
  }
  return events;
}
