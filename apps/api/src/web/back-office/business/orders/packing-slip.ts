import PDFDocument from 'pdfkit';
import type { SellerSubOrderDto } from '@tradefloor/orders';
import { vietnameseFontPath } from '@tradefloor/traceability';
import { foldVietnamese } from '@tradefloor/core';
import { formatVnd } from '../../../kit/format';

/**
 * The packing slip of one sub-order (A5 portrait): seller, recipient and address, the lines, the
 * amount to collect on delivery and the order code — with the Unicode font the stamp sheets embed
 * (DejaVu Sans), else Helvetica with the text folded to ASCII.
 */
export function packingSlipPdf(s: SellerSubOrderDto, place: { commune: string; province: string }): Promise<Buffer> {
  const fontPath = vietnameseFontPath();
  const txt = (v: string): string => (fontPath ? v : foldVietnamese(v).replace(/[^\x20-\x7e]/g, '?'));
  const doc = new PDFDocument({ size: 'A5', margin: 36, info: { Title: `Phieu giao hang ${s.code}`, Subject: s.orderCode } });
  if (fontPath) doc.font(fontPath);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const cod = s.paymentMethod === 'cod' && s.paymentState !== 'cod_collected' ? s.totalVnd : 0;
  doc.fontSize(16).text(txt('PHIẾU GIAO HÀNG (packing slip)'));
  doc.fontSize(12).text(txt(`Mã đơn: ${s.code}  (đơn ${s.orderCode})`));
  doc
    .moveDown(0.5)
    .fontSize(10)
    .text(txt(`Người bán: ${s.enterpriseName}`));
  doc.moveDown(0.5).text(txt(`Người nhận: ${s.address.recipientName} — ${s.address.recipientPhone}`));
  doc.text(txt(`Địa chỉ: ${s.address.street}, ${place.commune}, ${place.province}`));
  if (s.note) doc.text(txt(`Ghi chú: ${s.note}`));
  doc.moveDown(0.5).text(txt('Hàng hóa:'));
  for (const i of s.items) doc.text(txt(`• ${i.name} (${i.sku}) × ${i.quantity} ${i.unit} — ${formatVnd(i.lineTotalVnd)}`));
  doc.text(txt(`Phí giao hàng: ${formatVnd(s.shippingFeeVnd)}`));
  doc
    .moveDown(0.5)
    .fontSize(13)
    .text(txt(`Thu hộ (COD): ${formatVnd(cod)}`));
  if (!cod) doc.fontSize(10).text(txt(s.paymentMethod === 'vietqr' ? 'Người mua chuyển khoản VietQR — không thu tiền khi giao.' : 'Không thu tiền khi giao.'));
  doc.end();
  return done;
}
