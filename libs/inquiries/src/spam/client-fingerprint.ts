import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type ResolvedConfig, derivedKey } from '@tradefloor/core';
import { createHmac } from 'node:crypto';

export interface ClientInfo {
  /** req.ip (honours TRUST_PROXY). Only its keyed hash is kept. */
  ip: string;
  userAgent?: string;
}

export interface ClientFingerprint {
  clientHash: string;
  userAgentHash: string | null;
}

/**
 * Keyed hashes of who sent an inquiry: enough to rate-limit and to spot one source of spam,
 * never the raw address. The key is derived from ENCRYPTION_KEY, so hashes cannot be recomputed elsewhere.
 */
@Injectable()
export class ClientFingerprints {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: ResolvedConfig) {
    this.key = derivedKey(config.encryptionKey, 'tradefloor/inquiries/client');
  }

  of(info: ClientInfo): ClientFingerprint {
    return {
      clientHash: this.hmac(`ip:${info.ip}`),
      userAgentHash: info.userAgent ? this.hmac(`ua:${info.userAgent.slice(0, 512)}`) : null,
    };
  }

  private hmac(value: string): string {
    return createHmac('sha256', this.key).update(value).digest('hex').slice(0, 32);
  }
}
