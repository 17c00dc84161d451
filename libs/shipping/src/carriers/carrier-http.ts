/**
 * Why a carrier call failed: `transient` (not applied: retry), `unknown_outcome` (the answer was
 * lost: the call may have been applied — look it up before doing it again), `auth` (the
 * enterprise's token or shop is refused), `rejected` (the carrier refused the content).
 */
export type CarrierErrorKind = 'transient' | 'unknown_outcome' | 'auth' | 'rejected';

export class CarrierError extends Error {
  constructor(
    readonly kind: CarrierErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'CarrierError';
  }

  get retryable(): boolean {
    return this.kind === 'transient' || this.kind === 'unknown_outcome';
  }
}

export interface CarrierResponse {
  status: number;
  body: Record<string, unknown>;
}

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * One HTTP call to a carrier, bounded in time. Network failures, 429, 5xx and unreadable bodies
 * are classified; any other answer is returned for the adapter to read. Never logs the headers
 * (they carry the token).
 */
export async function carrierCall(
  carrier: string,
  timeoutMs: number,
  url: string,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
): Promise<CarrierResponse> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    text = await res.text();
  } catch (err) {
    const code = (err as { cause?: { code?: string } }).cause?.code;
    if (code && NOT_SENT.has(code)) throw new CarrierError('transient', `${carrier}: không kết nối được (cannot connect: ${code})`);
    const reason = (err as Error).name === 'TimeoutError' ? 'timeout' : (code ?? (err as Error).name);
    throw new CarrierError('unknown_outcome', `${carrier}: mất phản hồi (response lost: ${reason})`);
  }
  if (res.status === 429) throw new CarrierError('transient', `${carrier}: quá nhiều yêu cầu (rate limited)`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (res.status >= 500 || !body || typeof body !== 'object') {
    throw new CarrierError('transient', `${carrier}: lỗi máy chủ (server error ${res.status})`);
  }
  if (res.status === 401 || res.status === 403) throw new CarrierError('auth', `${carrier}: tài khoản bị từ chối (credentials refused)`);
  return { status: res.status, body: body as Record<string, unknown> };
}
