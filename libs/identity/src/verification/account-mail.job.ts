import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, JobRegistry, MailSender, PermanentJobError, isPermanentMailError, type JobRecord, type ResolvedConfig } from '@tradefloor/core';
import type { DataSource } from 'typeorm';

export const ACCOUNT_MAIL_QUEUE = 'identity.account-mail';

/**
 * `verify`: a new account's verification link; `already-registered`: someone used the address of
 * an existing account; `notice`: a message the floor's operator sends the account's holder (a
 * takedown of their listing, a warning or suspension of their seller account), written by the
 * context that enqueues it and addressed here from the user id.
 */
export type AccountMailPayload = { kind: 'verify' | 'already-registered'; userId: string } | { kind: 'notice'; userId: string; subject: string; text: string };

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** Path of the web page a verification link opens (the token travels in its query string, which logs redact). */
export const VERIFY_PAGE_PATH = '/xac-minh-email';

/**
 * Sends account mail (the one queue for mail addressed to an account). A verification job carries
 * only the user id: a verification token is created when the mail is sent, so no usable token ever
 * sits in the jobs table; a notice carries its text (nothing secret). A redelivered job sends a second,
 * equally valid link (mail has no exactly-once); one already verified gets nothing.
 */
@Injectable()
export class AccountMailJob implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly registry: JobRegistry,
    private readonly mail: MailSender,
  ) {}

  onModuleInit(): void {
    this.registry.register<AccountMailPayload>(ACCOUNT_MAIL_QUEUE, (job) => this.run(job), { concurrency: 2, maxAttempts: 10 });
  }

  async run(job: JobRecord<AccountMailPayload>): Promise<void> {
    const [user]: Array<{ email: string; display_name: string; email_verified_at: Date | null }> = await this.dataSource.query(
      `SELECT email, display_name, email_verified_at FROM users WHERE id = $1`,
      [job.payload.userId],
    );
    if (!user) return;
    const p = job.payload;
    const message =
      p.kind === 'verify'
        ? await this.verificationMail(p.userId, user)
        : p.kind === 'notice'
          ? { subject: p.subject, text: `Chào ${user.display_name},\n\n${p.text}` }
          : this.noticeMail(user);
    if (!message) return;
    try {
      await this.mail.send({ to: [user.email], ...message });
    } catch (err) {
      if (isPermanentMailError(err)) throw new PermanentJobError((err as Error).message);
      throw err;
    }
  }

  private async verificationMail(userId: string, user: { display_name: string; email_verified_at: Date | null }) {
    if (user.email_verified_at) return undefined;
    const token = randomBytes(32).toString('base64url');
    // Database time, like the check when the link is followed (several processes, one clock).
    await this.dataSource.query(`INSERT INTO email_verification_tokens (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`, [
      sha256(token),
      userId,
      this.config.emailVerificationTtlSeconds,
    ]);
    const hours = Math.round(this.config.emailVerificationTtlSeconds / 3600);
    return {
      subject: 'Xác minh địa chỉ email của bạn (verify your email address)',
      text: [
        `Chào ${user.display_name},`,
        '',
        `Bạn vừa đăng ký tài khoản trên ${this.config.publicBaseUrl}. Mở liên kết sau để xác minh email (hiệu lực ${hours} giờ, dùng một lần):`,
        `${this.config.publicBaseUrl}${VERIFY_PAGE_PATH}?token=${token}`,
        '',
        'Nếu không phải bạn đăng ký, hãy bỏ qua thư này.',
        '(You registered an account; open the link to verify your email. If it was not you, ignore this mail.)',
      ].join('\n'),
    };
  }

  private noticeMail(user: { display_name: string }) {
    return {
      subject: 'Có người thử đăng ký bằng email của bạn (someone tried to register with your address)',
      text: [
        `Chào ${user.display_name},`,
        '',
        `Ai đó vừa thử đăng ký một tài khoản mới trên ${this.config.publicBaseUrl} bằng địa chỉ email này, đã có tài khoản.`,
        'Không có gì thay đổi với tài khoản của bạn. Nếu đó là bạn và bạn quên mật khẩu, hãy đăng nhập hoặc liên hệ quản trị viên.',
        '',
        '(Someone tried to register with your address, which already has an account. Nothing changed.)',
      ].join('\n'),
    };
  }
}
