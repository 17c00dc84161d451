import { SyncError, type ErrorClass } from '../channel.types';

/** Shopee's documented error strings → how the engine reacts. Unknown strings count as transient. */
export function classifyShopeeError(error: string, message: string): ErrorClass {
  switch (error) {
    case 'error_sign':
      return 'signature';
    case 'error_param':
      return /timestamp/i.test(message) ? 'signature' : 'validation';
    case 'error_auth':
    case 'invalid_acceess_token':
    case 'invalid_access_token':
      return 'auth';
    case 'error_rate_limit':
      return 'throttled';
    case 'error_limit':
      return 'quota';
    case 'error_server':
    case 'error_inner':
    case 'error_system_busy':
      return 'transient';
    case 'product.error_busi':
      return 'validation';
    case 'error_item_not_found':
      return 'not_found';
    default:
      return error.startsWith('product.') ? 'validation' : 'transient';
  }
}

export function shopeeError(error: string, message: string): SyncError {
  return new SyncError(classifyShopeeError(error, message), `Shopee: ${error}${message ? ` — ${message}` : ''}`, error);
}
