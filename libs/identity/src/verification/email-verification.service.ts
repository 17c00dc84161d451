import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobQueue, RateLimiter, TooManyRequestsError, ValidationFailedError, returnedRows } from '@tradefloor/core';
import type { DataSource } from 'typeorm';
import { LoginThrottle } from '../auth/login-throttle';
import { ACCOUNT_MAIL_QUEUE, sha256, type AccountMailPayload } from './account-mail.job';

/** Verification mails one account may ask for per hour (each is a mail we send on its behalf). */
export const RESEND_MAX_PER_HOUR = 3;

/** Email verification of self-registered accounts (issue 18 §6): sign-in works, writes wait for it. */
@Injectable()
export class EmailVerification {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly limiter: RateLimiter,
    private readonly throttle: LoginThrottle,
  ) {}

  /** Spends a token: single use, before its expiry. Unknown, used and expired tokens all get the same 400. */
  async verify(token: string): Promise<void> {
    const verified = await this.dataSource.transaction(async (m) => {
      const [row] = returnedRows<{ user_id: string }>(
        await m.query(
          `UPDATE email_verification_tokens SET used_at = now()
           WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
          [sha256(token)],
        ),
      );
      if (!row) return false;
      await m.query(`UPDATE users SET email_verified_at = now() WHERE id = $1 AND email_verified_at IS NULL`, [row.user_id]);
      // The other links mailed to this account are of no further use.
      await m.query(`DELETE FROM email_verification_tokens WHERE user_id = $1 AND used_at IS NULL`, [row.user_id]);
      return true;
    });
    if (!verified) {
      throw ValidationFailedError.field('token', 'Liên kết xác minh không hợp lệ, đã dùng hoặc đã hết hạn (invalid, used or expired verification link)');
    }
  }

  /** Mails a new link to a signed-in, unverified account; limited per account, so it cannot be used to spam. */
  async resend(userId: string): Promise<void> {
    const [user]: Array<{ email_verified_at: Date | null }> = await this.dataSource.query(`SELECT email_verified_at FROM users WHERE id = $1`, [userId]);
    if (!user || user.email_verified_at) return;
    const limit = await this.limiter.hit(`verify-resend:${this.throttle.keyOf('verify-resend', userId)}`, RESEND_MAX_PER_HOUR, 3600);
    if (!limit.allowed) throw new TooManyRequestsError(limit.retryAfterSeconds);
    await this.jobs.enqueueNow(ACCOUNT_MAIL_QUEUE, { kind: 'verify', userId } satisfies AccountMailPayload);
  }
}
