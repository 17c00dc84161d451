import { SyncError, type PartnerHttp, type PartnerRequest, type PartnerResponse } from '../channels/channel.types';

export interface PartnerHttpOptions {
  timeoutMs: number;
  /** Waits for a rate-limit slot (skipped for unmetered calls). */
  acquire?: () => Promise<void>;
  /** Runs right before each request goes out (renews the listing lease). */
  beforeSend?: () => Promise<void>;
  /** Counts requests (benchmarks, tests). */
  onSend?: (req: PartnerRequest) => void;
}

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** fetch with the engine's rules: paced, bounded in time, and every network failure classified. */
export function createPartnerHttp(options: PartnerHttpOptions): PartnerHttp {
  return {
    async send(req: PartnerRequest): Promise<PartnerResponse> {
      if (!req.unmetered && options.acquire) await options.acquire();
      if (options.beforeSend) await options.beforeSend();
      options.onSend?.(req);
      let res: Response;
      try {
        res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body, signal: AbortSignal.timeout(options.timeoutMs) });
        return { status: res.status, text: await res.text() };
      } catch (err) {
        const code = (err as { cause?: { code?: string } }).cause?.code;
        if (code && NOT_SENT.has(code)) throw new SyncError('transient', `Không kết nối được đối tác (cannot reach partner: ${code})`);
        // The request may have reached the partner: only a lookup tells whether it was applied.
        const reason = (err as Error).name === 'TimeoutError' ? 'timeout' : (code ?? (err as Error).message);
        throw new SyncError('unknown_outcome', `Mất phản hồi từ đối tác (response lost: ${reason})`);
      }
    },
  };
}
