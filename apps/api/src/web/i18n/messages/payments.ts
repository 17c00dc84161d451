/** Texts of the seller's payout account page (VietQR). */
export const PAYMENT_MESSAGES = {
  'pay.tile': { vi: 'Tài khoản nhận tiền (VietQR)', en: 'Payout account (VietQR)' },
  'pay.title': { vi: 'Tài khoản nhận tiền', en: 'Payout account' },
  'pay.intro': {
    vi: 'Người mua trả tiền thẳng cho bạn: tiền mặt khi nhận hàng, hoặc chuyển khoản bằng mã VietQR vào tài khoản ngân hàng dưới đây. Sàn không giữ tiền của người mua và không khấu trừ thuế; bạn xác nhận khi đã nhận được tiền.',
    en: 'Buyers pay you directly: cash on delivery, or a bank transfer by VietQR to the account below. The floor holds no buyer money and withholds no tax; you confirm when the money has arrived.',
  },
  'pay.none': { vi: 'Bạn chưa có doanh nghiệp nào.', en: 'You have no enterprise yet.' },
  'pay.empty': {
    vi: 'Chưa có tài khoản nhận tiền: người mua chỉ chọn được thanh toán khi nhận hàng (COD).',
    en: 'No payout account yet: buyers can only choose cash on delivery.',
  },
  'pay.bank': { vi: 'Ngân hàng', en: 'Bank' },
  'pay.bank.choose': { vi: '— Chọn ngân hàng —', en: '— Choose a bank —' },
  'pay.number': { vi: 'Số tài khoản', en: 'Account number' },
  'pay.number.hint': { vi: '6–19 chữ số, không phải số thẻ.', en: '6–19 digits, not a card number.' },
  'pay.holder': { vi: 'Tên chủ tài khoản', en: 'Account holder' },
  'pay.holder.hint': {
    vi: 'Như ngân hàng in trên sao kê; được tự động bỏ dấu và viết hoa (Nguyễn Thị Đào → NGUYEN THI DAO).',
    en: 'As your bank prints it; accents are removed and letters capitalised automatically.',
  },
  'pay.updated': { vi: 'Cập nhật lúc', en: 'Updated' },
  'pay.save': { vi: 'Lưu tài khoản', en: 'Save the account' },
  'pay.change': { vi: 'Đổi tài khoản nhận tiền', en: 'Change the payout account' },
  'pay.remove': { vi: 'Xoá tài khoản nhận tiền', en: 'Remove the payout account' },
  'pay.ownerOnly': {
    vi: 'Chỉ chủ doanh nghiệp được thay đổi tài khoản nhận tiền.',
    en: 'Only the owner of the enterprise can change the payout account.',
  },
  'pay.invalid': { vi: 'Vui lòng sửa các ô được đánh dấu.', en: 'Please correct the marked fields.' },
  'pay.preview': { vi: 'Quét thử trước khi người mua thanh toán', en: 'Test-scan before buyers pay' },
  'pay.preview.intro': {
    vi: 'Mở ứng dụng ngân hàng, quét mã này (10.000 ₫, nội dung "Thu ma VietQR") và kiểm tra tên chủ tài khoản hiện ra đúng như trên. Không cần chuyển tiền.',
    en: 'Open your bank app, scan this code (10,000 ₫, message "Thu ma VietQR") and check that the holder name shown matches. No need to send the money.',
  },
  'pay.preview.alt': { vi: 'Mã VietQR thử 10.000 ₫ đến tài khoản nhận tiền', en: 'Sample VietQR code for 10,000 ₫ to the payout account' },
  'pay.done.saved': { vi: 'Đã lưu tài khoản nhận tiền.', en: 'The payout account was saved.' },
  'pay.done.removed': { vi: 'Đã xoá tài khoản nhận tiền.', en: 'The payout account was removed.' },
} as const;
