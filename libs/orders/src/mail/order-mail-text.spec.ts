import { orderMail, type OrderMailFacts } from './order-mail-text';

const facts: OrderMailFacts = {
  baseUrl: 'https://san.example.vn',
  enterpriseName: 'HTX Bưởi Hùng Hòa',
  enterpriseId: '00000000-0000-0000-0000-000000000001',
  code: 'TV-7K3M9Q-1',
  orderCode: 'TV-7K3M9Q',
  from: 'placed',
  to: 'cancelled',
  action: 'cancel',
  note: 'Hết hàng tại vườn',
  totalVnd: 205_000,
  paymentMethod: 'cod',
  buyerName: 'Nguyễn Văn An',
  buyerPhone: '0912000111',
  address: 'Nguyễn Văn An — 0912000111, 12 Nguyễn Thị Minh Khai',
  items: [{ name: 'Bưởi da xanh', quantity: 3, unit: 'kg', lineTotalVnd: 180_000 }],
};

describe('order mail text', () => {
  it("tells the buyer what happened, with the seller's reason, lines, total and how to follow the order", () => {
    const mail = orderMail('buyer', facts);
    expect(mail.subject).toBe('Người bán đã hủy đơn — TV-7K3M9Q-1');
    expect(mail.text).toContain('Xin chào Nguyễn Văn An,');
    expect(mail.text).toContain('Ghi chú / lý do: Hết hàng tại vườn');
    expect(mail.text).toContain('- Bưởi da xanh: 3 kg — 180.000 ₫');
    expect(mail.text).toContain('Tổng cộng: 205.000 ₫ (thanh toán khi nhận hàng)');
    expect(mail.text).toContain('https://san.example.vn/api/v1/orders/TV-7K3M9Q');
    expect(mail.text).not.toContain('0912000111\nXử lý đơn');
  });

  it('gives the seller the buyer contact and a link to the sub-order', () => {
    const mail = orderMail('seller', { ...facts, from: null, to: 'placed', action: 'place', note: null });
    expect(mail.subject).toBe('Đơn hàng mới — TV-7K3M9Q-1');
    expect(mail.text).toContain('Người mua: Nguyễn Văn An — 0912000111');
    expect(mail.text).toContain(`/api/v1/enterprises/${facts.enterpriseId}/sub-orders/TV-7K3M9Q-1`);
    expect(orderMail('seller', { ...facts, action: 'confirm', to: 'confirmed' }).subject).toBe('Cập nhật đơn hàng: Đã xác nhận (confirmed) — TV-7K3M9Q-1');
  });
});
