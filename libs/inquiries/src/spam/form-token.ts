import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, Clock, type ResolvedConfig, derivedKey } from '@tradefloor/core';
import { createHmac, timingSafeEqual } from 'node:crypto';

export const FORM_TOKEN_TTL_SECONDS = 2 * 3600;

export type FormTokenCheck = 'ok' | 'invalid' | 'expired' | 'too-fast';

/**
 * A signed "form served at" timestamp. Humans need a few seconds to type a question; a bot posting
 * straight away (or replaying an old token) is caught without any state on the server.
 */
@Injectable()
export class FormTokens {
  private readonly key: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly clock: Clock,
  ) {
    this.key = derivedKey(config.encryptionKey, 'tradefloor/inquiries/form-token');
  }

  issue(): string {
    const issued = Math.floor(this.clock.now().getTime() / 1000).toString(36);
    return `${issued}.${this.sign(issued)}`;
  }

  check(token: string | undefined): FormTokenCheck {
    const match = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
    if (!match) return 'invalid';
    const expected = Buffer.from(this.sign(match[1]));
    const given = Buffer.from(match[2]);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
    const age = this.clock.now().getTime() / 1000 - parseInt(match[1], 36);
    if (age < this.config.inquiries.minFillSeconds) return 'too-fast';
    if (age > FORM_TOKEN_TTL_SECONDS) return 'expired';
    return 'ok';
  }

  private sign(value: string): string {
    return createHmac('sha256', this.key).update(value).digest('base64url');
  }
}
