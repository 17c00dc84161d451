import { CHANNELS } from '@tradefloor/partner-sync';

export interface ConsentPurpose {
  purpose: string;
  label: string;
  description: string;
  /** Country where the data goes when it leaves Vietnam (partner sharing), else null. */
  transferCountry: string | null;
  /** The partner channel, for `partner_sharing:<channel>`. */
  channel: string | null;
}

const PARTNER_PREFIX = 'partner_sharing:';
export const partnerPurpose = (channel: string): string => `${PARTNER_PREFIX}${channel}`;
export const channelOfPurpose = (purpose: string): string | null => (purpose.startsWith(PARTNER_PREFIX) ? purpose.slice(PARTNER_PREFIX.length) : null);

/** The data a partner marketplace receives for each listed product (shown before consent is given). */
export const PARTNER_SHARED_DATA =
  'tên, mô tả, giá, tồn kho, ảnh sản phẩm và mã SKU; tên gian hàng (product name, description, price, stock, images, SKU; shop name)';

/** Every purpose a user can consent to: fixed ones plus one per marketplace channel the engine pushes to. */
export function consentPurposes(): ConsentPurpose[] {
  return [
    {
      purpose: 'marketing_email',
      label: 'Nhận email giới thiệu, khuyến mãi (marketing emails)',
      description: 'Sàn gửi thư về sản phẩm, sự kiện OCOP và tin mới tới email của bạn.',
      transferCountry: null,
      channel: null,
    },
    {
      purpose: 'analytics',
      label: 'Phân tích sử dụng (optional analytics)',
      description: 'Sàn thống kê cách bạn dùng trang để cải thiện dịch vụ.',
      transferCountry: null,
      channel: null,
    },
    ...CHANNELS.filter((c) => c.kind === 'push').map((c) => ({
      purpose: partnerPurpose(c.name),
      label: `Chia sẻ dữ liệu sản phẩm với ${c.labels.vi} (share product data with ${c.labels.en})`,
      description:
        `Dữ liệu chia sẻ: ${PARTNER_SHARED_DATA}.` +
        (c.dataCountry !== 'VN' ? ` Máy chủ của đối tác ở nước ngoài (${c.dataCountry}): dữ liệu được chuyển ra nước ngoài (cross-border transfer).` : ''),
      transferCountry: c.dataCountry === 'VN' ? null : c.dataCountry,
      channel: c.name,
    })),
  ];
}
