/** Keyword screening in the product moderation queue (editors and admins). */
export const SCREENING_MESSAGES = {
  'admin.screen.title': { vi: 'Sàng lọc từ khoá', en: 'Keyword screening' },
  'admin.screen.prohibited': {
    vi: 'Có từ bị cấm: chỉ duyệt được khi ghi rõ lý do bỏ qua.',
    en: 'Prohibited terms found: approval needs an override with a reason.',
  },
  'admin.screen.restricted': { vi: 'Có từ hạn chế: cần xem kỹ.', en: 'Restricted terms found: review with care.' },
  'admin.screen.clean': { vi: 'Không có từ bị cấm hay hạn chế.', en: 'No prohibited or restricted terms.' },
  'admin.screen.severity.prohibited': { vi: 'cấm', en: 'prohibited' },
  'admin.screen.severity.restricted': { vi: 'hạn chế', en: 'restricted' },
  'admin.screen.field.name': { vi: 'Tên', en: 'Name' },
  'admin.screen.field.description': { vi: 'Mô tả', en: 'Description' },
  'admin.screen.field.sku': { vi: 'Mã hàng', en: 'SKU' },
  'admin.screen.field.unit': { vi: 'Đơn vị', en: 'Unit' },
  'admin.screen.field.other': { vi: 'Trường khác', en: 'Other field' },
  'admin.screen.overridden': { vi: 'Đã được duyệt bỏ qua, lý do', en: 'Overridden, reason' },
  'admin.screen.override': { vi: 'Duyệt dù có từ bị cấm (ghi lý do)', en: 'Approve despite prohibited terms (give a reason)' },
  'admin.screen.overrideReason': { vi: 'Lý do bỏ qua (ít nhất 10 ký tự)', en: 'Reason for the override (at least 10 characters)' },
} as const;
