import type { Lang } from '../messages';

/**
 * Domain errors by their stable `code`, in each page language. The libraries throw one message
 * ("Vietnamese (English)", which the API sends as is); pages show only the part in their language.
 * Codes whose message carries figures (a count, a partner's reason) and the generic codes
 * (NOT_FOUND, FORBIDDEN…, whose messages name what is missing) are not listed: their own message is
 * split instead (see errorText).
 */
export const ERROR_MESSAGES: Record<string, Record<Lang, string>> = {
  TOO_MANY_REQUESTS: { vi: 'Quá nhiều yêu cầu, vui lòng thử lại sau', en: 'Too many requests, please try again later' },
  CSRF_FAILED: { vi: 'Phiên biểu mẫu đã hết hạn, vui lòng thử lại', en: 'The form has expired, please try again' },
  INVALID_CREDENTIALS: { vi: 'Email hoặc mật khẩu không đúng', en: 'Wrong email or password' },
  ACCOUNT_DISABLED: { vi: 'Tài khoản đã bị khoá', en: 'This account is disabled' },
  EMAIL_TAKEN: { vi: 'Email đã được đăng ký', en: 'This email is already registered' },
  TAX_CODE_TAKEN: { vi: 'Mã số thuế đã được đăng ký trên sàn', en: 'This tax code is already registered' },
  SKU_TAKEN: { vi: 'Mã SKU đã được dùng trong doanh nghiệp', en: 'This SKU is already used in this enterprise' },
  LOT_CODE_TAKEN: { vi: 'Mã lô đã tồn tại cho sản phẩm này', en: 'This lot code is already used for this product' },
  ALREADY_MEMBER: { vi: 'Người này đã là thành viên', en: 'This person is already a member' },
  CANNOT_REMOVE_OWNER: { vi: 'Không thể xoá chủ sở hữu doanh nghiệp', en: 'The owner cannot be removed' },
  ENTERPRISE_NOT_FOUND: { vi: 'Không tìm thấy doanh nghiệp', en: 'Enterprise not found' },
  ENTERPRISE_NOT_VERIFIED: { vi: 'Doanh nghiệp chưa được xác minh', en: 'The enterprise is not verified yet' },
  PRODUCT_NOT_FOUND: { vi: 'Không tìm thấy sản phẩm', en: 'Product not found' },
  PRODUCT_ARCHIVED: { vi: 'Sản phẩm đã lưu trữ, không sửa được', en: 'Archived products cannot be edited' },
  CATEGORY_NOT_FOUND: { vi: 'Không tìm thấy danh mục', en: 'Category not found' },
  IMAGE_NOT_FOUND: { vi: 'Không tìm thấy ảnh', en: 'Image not found' },
  MEDIA_NOT_FOUND: { vi: 'Không tìm thấy tệp', en: 'File not found' },
  MEMBER_NOT_FOUND: { vi: 'Không tìm thấy thành viên', en: 'Member not found' },
  PROVINCE_NOT_FOUND: { vi: 'Không tìm thấy tỉnh/thành', en: 'Province not found' },
  OCOP_CERTIFICATE_NOT_FOUND: { vi: 'Không tìm thấy chứng nhận OCOP', en: 'OCOP certificate not found' },
  BATCH_NOT_FOUND: { vi: 'Không tìm thấy lô hàng', en: 'Lot not found' },
  STAMP_NOT_FOUND: { vi: 'Không tìm thấy tem', en: 'Stamp not found' },
  INQUIRY_NOT_FOUND: { vi: 'Không tìm thấy yêu cầu hỏi mua', en: 'Inquiry not found' },
  CHANNEL_NOT_FOUND: { vi: 'Không tìm thấy kênh', en: 'Channel not found' },
  CHANNEL_NOT_CONNECTED: { vi: 'Kênh chưa được kết nối', en: 'The channel is not connected' },
  CHANNEL_DISCONNECTING: {
    vi: 'Kênh đang được ngắt kết nối, sản phẩm đang được gỡ khỏi sàn',
    en: 'The channel is being disconnected; its products are being removed from the marketplace',
  },
  LISTING_NOT_FOUND: { vi: 'Không tìm thấy tin đăng', en: 'Listing not found' },
  LISTING_NOT_RETRYABLE: {
    vi: 'Chỉ thử lại được tin đăng bị từ chối hoặc lỗi',
    en: 'Only rejected or failed listings can be retried',
  },
  FEED_NOT_FOUND: { vi: 'Không tìm thấy nguồn cấp sản phẩm', en: 'Product feed not found' },
  INVALID_AUTH_STATE: { vi: 'Liên kết ủy quyền không hợp lệ hoặc đã hết hạn', en: 'The authorisation link is invalid or has expired' },
  GTIN_CLAIM_NOT_FOUND: { vi: 'Không tìm thấy yêu cầu GTIN', en: 'GTIN claim not found' },
  TAKEDOWN_NOT_FOUND: { vi: 'Không tìm thấy yêu cầu gỡ bỏ', en: 'Takedown not found' },
  BULLETIN_NOT_PENDING: { vi: 'Bản tin không chờ duyệt', en: 'The bulletin is not waiting for approval' },
  BULLETIN_ARCHIVED: { vi: 'Bản tin đã lưu trữ', en: 'The bulletin is archived' },
  BULLETIN_ALREADY_PUBLISHED: { vi: 'Bản tin đã xuất bản', en: 'The bulletin is already published' },
  IDENTITY_PENDING: { vi: 'Đang có yêu cầu xác thực chờ xử lý', en: 'A proof is already pending' },
  IDENTITY_DECIDED: { vi: 'Yêu cầu này đã được quyết định', en: 'This request was already decided' },
  IDENTITY_DOCUMENT_EXPIRING: { vi: 'Hộ chiếu nước ngoài phải còn hạn ít nhất 6 tháng', en: 'A foreign passport needs 6 months of validity left' },
  IDENTITY_DOCUMENT_EXPIRED: { vi: 'Giấy tờ đã hết hạn', en: 'The document has expired' },
  IDENTITY_REQUEST_NOT_FOUND: { vi: 'Không tìm thấy yêu cầu xác thực', en: 'Identity request not found' },
  IDENTITY_ELECTRONIC_UNAVAILABLE: { vi: 'Chưa cấu hình dịch vụ định danh điện tử', en: 'No electronic identity service is configured' },
  IDENTITY_SERVICE_UNAVAILABLE: {
    vi: 'Dịch vụ định danh điện tử tạm thời không trả lời, vui lòng thử lại',
    en: 'The identity service is unavailable, please try again',
  },
  IDENTITY_NOT_REVIEWABLE: { vi: 'Xác thực điện tử do dịch vụ quyết định', en: 'Electronic proofs are decided by the service' },
  SERIAL_COLLISION: { vi: 'Không tạo được số sê-ri duy nhất, vui lòng thử lại', en: 'Could not generate unique serials, please try again' },
};
