/**
 * The EPCIS 2.0 / CBV 2.0 vocabulary accepted for trace events. Event types are those a batch
 * of farm or food products goes through; business steps are the CBV 2.0 standard list.
 */
export const EPCIS_EVENT_TYPES = ['ObjectEvent', 'AggregationEvent', 'TransformationEvent'] as const;
export type EpcisEventType = (typeof EPCIS_EVENT_TYPES)[number];

export const EPCIS_ACTIONS = ['ADD', 'OBSERVE', 'DELETE'] as const;
export type EpcisAction = (typeof EPCIS_ACTIONS)[number];

export const CBV_BIZ_STEPS = [
  'accepting',
  'arriving',
  'assembling',
  'collecting',
  'commissioning',
  'consigning',
  'creating_class_instance',
  'cycle_counting',
  'decommissioning',
  'departing',
  'destroying',
  'disassembling',
  'dispensing',
  'encoding',
  'entering_exiting',
  'holding',
  'inspecting',
  'installing',
  'killing',
  'loading',
  'other',
  'packing',
  'picking',
  'receiving',
  'removing',
  'repackaging',
  'repairing',
  'replacing',
  'reserving',
  'retail_selling',
  'sampling',
  'sensor_reporting',
  'shipping',
  'staging_outbound',
  'stock_taking',
  'stocking',
  'storing',
  'transporting',
  'unloading',
  'unpacking',
  'void_shipping',
] as const;

export const CBV_BIZ_STEP_URI_PREFIX = 'https://ref.gs1.org/cbv/BizStep-';

/** Vietnamese labels for the public timeline (the common steps; others show their CBV name). */
export const BIZ_STEP_LABELS_VI: Record<string, string> = {
  commissioning: 'Sản xuất / thu hoạch',
  packing: 'Đóng gói',
  shipping: 'Xuất hàng',
  transporting: 'Vận chuyển',
  receiving: 'Nhận hàng',
  inspecting: 'Kiểm tra chất lượng',
  storing: 'Lưu kho',
  stocking: 'Nhập kệ',
  retail_selling: 'Bán lẻ',
  repackaging: 'Đóng gói lại',
  sampling: 'Lấy mẫu',
  loading: 'Xếp hàng lên xe',
  unloading: 'Dỡ hàng',
  accepting: 'Nghiệm thu',
  destroying: 'Tiêu huỷ',
};

/** Accepts a bare CBV step (`packing`) or its URI (`https://ref.gs1.org/cbv/BizStep-packing`). */
export function normalizeBizStep(input: string): string | null {
  const bare = input.startsWith(CBV_BIZ_STEP_URI_PREFIX) ? input.slice(CBV_BIZ_STEP_URI_PREFIX.length) : input;
  return (CBV_BIZ_STEPS as readonly string[]).includes(bare) ? bare : null;
}
