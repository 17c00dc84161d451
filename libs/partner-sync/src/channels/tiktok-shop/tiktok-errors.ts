import { SyncError, type ErrorClass } from '../channel.types';

/** Integration problems no retry can fix: a person must correct the configuration. */
const MISCONFIGURED = new Set([
  106001, // sign invalid
  106013, // shop_cipher missing
  36009009, // path not found
  36009010, // method not allowed
  36009022, // content type
  36009023, // content type
  36009033, // IP not allow-listed
]);

/** TikTok Shop's numeric codes → how the engine reacts (docs/partners/tiktok-shop.md). */
export function classifyTikTokError(code: number, message: string): ErrorClass {
  if (MISCONFIGURED.has(code)) return 'signature';
  switch (code) {
    case 105002: // access token expired
    case 105005: // scope not granted
    case 36004004: // auth code invalid
      return 'auth';
    case 36009002:
      return 'throttled';
    case 36009003: // internal error
    case 36009007: // timeout
      return 'transient';
    case 36009004:
      // "Overloaded" covers several request problems; only a bad token is fixed by refreshing it.
      return /token/i.test(message) ? 'auth' : 'signature';
  }
  // Product module (12xxxxxx): the partner refused the data, or the product is gone.
  if (code >= 12_000_000 && code < 13_000_000) return /not (exist|found)|does not exist/i.test(message) ? 'not_found' : 'validation';
  return 'transient';
}

export function tiktokError(code: number, message: string): SyncError {
  return new SyncError(classifyTikTokError(code, message), `TikTok Shop: ${code}${message ? ` — ${message}` : ''}`, String(code));
}

interface Envelope<T> {
  code?: unknown;
  message?: unknown;
  data?: T;
}

/** Decides on `code` (0 = success); HTTP 429 is the rate limit whatever the body says. */
export function parseTikTokEnvelope<T>(status: number, text: string): T {
  let body: Envelope<T>;
  try {
    body = JSON.parse(text);
  } catch {
    if (status === 429) throw new SyncError('throttled', 'TikTok Shop: HTTP 429');
    // A garbled body tells us nothing about whether the call was applied.
    throw new SyncError('unknown_outcome', `TikTok Shop: phản hồi không đọc được (unreadable response, HTTP ${status})`);
  }
  if (!body || typeof body !== 'object' || typeof body.code !== 'number') {
    throw new SyncError('unknown_outcome', 'TikTok Shop: phản hồi không hợp lệ (invalid response)');
  }
  if (status === 429) throw new SyncError('throttled', `TikTok Shop: HTTP 429 — ${String(body.message ?? '')}`, String(body.code));
  if (body.code !== 0) throw tiktokError(body.code, String(body.message ?? ''));
  if (status >= 500) throw new SyncError('transient', `TikTok Shop: HTTP ${status}`);
  return (body.data ?? {}) as T;
}
