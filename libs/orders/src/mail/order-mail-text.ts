import { STATUS_LABELS, type SubOrderStatus } from '../sub-orders/sub-order-states';

export interface OrderMailFacts {
  baseUrl: string;
  enterpriseName: string;
  enterpriseId: string;
  code: string;
  orderCode: string;
  from: SubOrderStatus | null;
  to: SubOrderStatus;
  action: string;
  note: string | null;
  totalVnd: number;
  paymentMethod: 'cod' | 'vietqr';
  buyerName: string;
  buyerPhone: string;
  address: string;
  /** The signed review link, in the buyer's "completed" mail. */
  reviewUrl?: string;
  items: Array<{ name: string; quantity: number; unit: string; lineTotalVnd: number }>;
}

const vnd = (n: number) => `${n.toLocaleString('vi-VN')} ₫`;

const BUYER_SUBJECT: Record<string, string> = {
  place: 'Đã nhận đơn hàng',
  confirm: 'Người bán đã xác nhận đơn',
  pack: 'Đơn hàng đã được đóng gói',
  ship: 'Đơn hàng đang được giao',
  deliver: 'Đơn hàng đã giao',
  complete: 'Đơn hàng đã hoàn tất',
  cancel: 'Người bán đã hủy đơn',
  'buyer-cancel': 'Bạn đã hủy đơn',
  expire: 'Đơn hàng bị hủy vì người bán không xác nhận kịp',
  'request-return': 'Đã gửi yêu cầu trả hàng',
  'accept-return': 'Người bán đồng ý trả hàng',
  'refuse-return': 'Người bán từ chối trả hàng',
  'carrier-return': 'Đơn hàng đã được hoàn về người bán',
  'confirm-payment': 'Người bán đã nhận tiền chuyển khoản',
  'carrier-alert': 'Thông báo từ đơn vị vận chuyển',
};

const SELLER_SUBJECT: Record<string, string> = {
  place: 'Đơn hàng mới',
  'buyer-cancel': 'Người mua đã hủy đơn',
  expire: 'Đơn hàng đã quá hạn xác nhận',
  'request-return': 'Người mua yêu cầu trả hàng',
  'carrier-alert': 'Cảnh báo vận chuyển — cần xử lý',
};

/** Subject and plain-text body of one step's mail to one side (Vietnamese; amounts in VND). */
export function orderMail(side: 'buyer' | 'seller', f: OrderMailFacts): { subject: string; text: string } {
  const what = side === 'buyer' ? BUYER_SUBJECT[f.action] : (SELLER_SUBJECT[f.action] ?? `Cập nhật đơn hàng: ${STATUS_LABELS[f.to]}`);
  const subject = `${what ?? STATUS_LABELS[f.to]} — ${f.code}`;
  const lines = [
    side === 'buyer' ? `Xin chào ${f.buyerName},` : `${f.enterpriseName}:`,
    '',
    `Đơn ${f.code} (mã đặt hàng ${f.orderCode}) của ${f.enterpriseName}: ${STATUS_LABELS[f.to]}.`,
    ...(f.note ? [`Ghi chú / lý do: ${f.note}`] : []),
    '',
    ...f.items.map((i) => `- ${i.name}: ${i.quantity} ${i.unit} — ${vnd(i.lineTotalVnd)}`),
    `Tổng cộng: ${vnd(f.totalVnd)} (${f.paymentMethod === 'cod' ? 'thanh toán khi nhận hàng' : 'chuyển khoản VietQR cho người bán'})`,
    `Giao đến: ${f.address}`,
    '',
    ...(f.reviewUrl ? [`Đánh giá sản phẩm và người bán (review your purchase, link valid 60 days): ${f.reviewUrl}`, ''] : []),
    side === 'buyer'
      ? `Theo dõi đơn: ${f.baseUrl}/api/v1/orders/${f.orderCode} (kèm số điện thoại đã đặt hàng nếu bạn không đăng nhập).`
      : `Người mua: ${f.buyerName} — ${f.buyerPhone}\nXử lý đơn: ${f.baseUrl}/api/v1/enterprises/${f.enterpriseId}/sub-orders/${f.code}`,
  ];
  return { subject, text: lines.join('\n') };
}
