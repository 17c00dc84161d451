export interface SimFaults {
  /** Share of calls answered with a transient server error (not applied). */
  transientRate: number;
  /** Share of calls answered "rate limited" (not applied). */
  throttleRate: number;
  /** Share of calls applied whose response is lost (connection destroyed). */
  dropRate: number;
  /** Share of calls answered with an unreadable body (not applied). */
  malformedRate: number;
  /** Added latency per call. */
  latencyMs: number;
  /** The next `count` calls are answered 429. */
  burst429: { count: number };
  /**
   * Shopee shop-level calls refused as a whole: `sign` → error_sign, `timestamp` → error_param
   * "Invalid timestamp", `quota` → error_limit (daily quota exhausted). `none` by default.
   */
  shopeeRefuse: 'none' | 'sign' | 'timestamp' | 'quota';
  /** TikTok Shop shop-level calls refused: `sign` → 106001, `timestamp` → 36009004 "Invalid timestamp". */
  tiktokRefuse: 'none' | 'sign' | 'timestamp';
  /**
   * The electronic identity simulator's notifications: `signed` (default), `none` (never sent),
   * `bad-signature`, or `lying` (claims `verified` whatever the session's status).
   */
  eidNotify: 'signed' | 'none' | 'bad-signature' | 'lying';
  /**
   * The carriers' (GHN, GHTK) status webhooks: `normal` (default), `none` (never sent), `duplicate`
   * (each sent twice), `out-of-order` (held until `flushWebhooks()`, then sent newest first), or
   * `lying` (the webhook claims the new status but the carrier's own records keep the old one).
   */
  carrierWebhooks: 'normal' | 'none' | 'duplicate' | 'out-of-order' | 'lying';
}

export const NO_FAULTS: SimFaults = {
  transientRate: 0,
  throttleRate: 0,
  dropRate: 0,
  malformedRate: 0,
  latencyMs: 0,
  burst429: { count: 0 },
  shopeeRefuse: 'none',
  tiktokRefuse: 'none',
  eidNotify: 'signed',
  carrierWebhooks: 'normal',
};

export type FaultDecision = 'none' | 'transient' | 'throttle' | 'drop' | 'malformed';

export function decideFault(f: SimFaults): FaultDecision {
  if (f.burst429.count > 0) {
    f.burst429.count--;
    return 'throttle';
  }
  const r = Math.random();
  let acc = f.throttleRate;
  if (r < acc) return 'throttle';
  acc += f.transientRate;
  if (r < acc) return 'transient';
  acc += f.malformedRate;
  if (r < acc) return 'malformed';
  acc += f.dropRate;
  if (r < acc) return 'drop';
  return 'none';
}

/** A per-shop token bucket like a partner's own limiter. */
export class SimLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly ratePerSecond: number) {}

  take(key: string, now: number): boolean {
    const burst = Math.max(2, this.ratePerSecond / 5);
    const b = this.buckets.get(key) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * this.ratePerSecond);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
