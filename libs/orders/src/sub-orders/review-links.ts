import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, Clock, derivedKey, NotFoundError, type ResolvedConfig } from '@tradefloor/core';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** How long the review link in the "completed" mail works. */
export const REVIEW_LINK_DAYS = 60;
const DAY_MS = 86_400_000;

/**
 * The review link of a completed sub-order: `<payload>.<mac>` where the payload (base64url) is the
 * sub-order code and the expiry (completion + REVIEW_LINK_DAYS) and the mac a keyed HMAC-SHA256 of
 * it. Nothing is stored: the link is the same every time it is computed for one sub-order (one per
 * sub-order), cannot be guessed or altered without the key, and says nothing about the buyer.
 * Whoever holds it may review that sub-order's lines once each — the holder is the buyer the mail went to.
 */
@Injectable()
export class ReviewLinks {
  private readonly key: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: ResolvedConfig,
    private readonly clock: Clock,
  ) {
    this.key = derivedKey(config.encryptionKey, 'tradefloor/orders/review-links');
  }

  /** The token of a sub-order completed at `completedAt`. */
  tokenFor(subOrderCode: string, completedAt: Date): string {
    const expires = Math.floor((completedAt.getTime() + REVIEW_LINK_DAYS * DAY_MS) / 1000);
    const payload = Buffer.from(`${subOrderCode}.${expires}`).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The sub-order code of a valid, unexpired token; undefined for anything else. */
  verify(token: string): string | undefined {
    const m = /^([A-Za-z0-9_-]{8,80})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!m) return undefined;
    const expected = Buffer.from(this.mac(m[1]));
    const given = Buffer.from(m[2]);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    const [code, expires] = Buffer.from(m[1], 'base64url').toString().split('.');
    if (!code || !(Number(expires) * 1000 > this.clock.now().getTime())) return undefined;
    return code;
  }

  /**
   * The completed sub-order a token opens: its code, its order's code and the buyer's account (null
   * for a guest); 404 `REVIEW_LINK_NOT_FOUND` for a wrong, altered or expired token, or a sub-order
   * that is not completed — never saying which.
   */
  async open(token: string): Promise<{ orderCode: string; subOrderCode: string; buyerUserId: string | null }> {
    const notFound = new NotFoundError('Liên kết đánh giá', 'REVIEW_LINK_NOT_FOUND');
    const code = this.verify(token);
    if (!code) throw notFound;
    const [row]: Array<{ order_code: string; buyer_user_id: string | null }> = await this.dataSource.query(
      `SELECT o.code AS order_code, o.buyer_user_id FROM sub_orders s JOIN orders o ON o.id = s.order_id WHERE s.code = $1 AND s.status = 'completed'`,
      [code],
    );
    if (!row) throw notFound;
    return { orderCode: row.order_code, subOrderCode: code, buyerUserId: row.buyer_user_id };
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
