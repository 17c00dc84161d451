import { DomainError } from '@tradefloor/core';
import { SyncError } from '../channels/channel.types';

/** A partner's refusal while connecting, as the error the owner sees (never a 500). */
export function partnerFailure(err: unknown, displayName: string): DomainError {
  if (err instanceof DomainError) return err;
  if (err instanceof SyncError && (err.errorClass === 'auth' || err.errorClass === 'validation')) {
    return new DomainError('CHANNEL_CREDENTIALS_REJECTED', `${displayName} từ chối thông tin đăng nhập (credentials rejected: ${err.message})`, 422);
  }
  if (err instanceof SyncError && err.errorClass === 'signature') {
    return new DomainError('CHANNEL_MISCONFIGURED', `Cấu hình kênh ${displayName} không hợp lệ (channel misconfigured: ${err.message})`, 503);
  }
  return new DomainError('PARTNER_UNAVAILABLE', `${displayName} tạm thời không phản hồi, vui lòng thử lại (partner unavailable)`, 503);
}
