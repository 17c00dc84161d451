import type { EnvReader } from '@tradefloor/core';
import { COMPLAINT_KINDS, type ComplaintKind, type ComplaintKindDto } from './complaint.dto';

const LABELS: Record<ComplaintKind, string> = {
  counterfeit: 'Hàng giả, hàng nhái (counterfeit goods)',
  wrong_information: 'Thông tin sản phẩm sai (wrong product information)',
  intellectual_property: 'Vi phạm sở hữu trí tuệ (intellectual property)',
  seller_conduct: 'Hành vi của người bán (seller conduct)',
  order_problem: 'Vấn đề với đơn hàng: không giao, giao sai, hàng hỏng, trả hàng (order problem)',
  other: 'Vấn đề khác (other)',
};

/** Published answer deadlines, in days; each can be changed with COMPLAINT_DAYS_<KIND>. */
const DEFAULT_DAYS: Record<ComplaintKind, number> = {
  counterfeit: 2,
  intellectual_property: 2,
  wrong_information: 5,
  seller_conduct: 7,
  order_problem: 5,
  other: 10,
};

/** The kinds of complaint and their deadlines, as published on the form and in the complaint policy. */
export function complaintKinds(env: EnvReader): ComplaintKindDto[] {
  return COMPLAINT_KINDS.map((kind) => ({
    kind,
    label: LABELS[kind],
    deadlineDays: env.int(`COMPLAINT_DAYS_${kind.toUpperCase()}`, DEFAULT_DAYS[kind], 1, 90),
  }));
}
