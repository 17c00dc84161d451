import { createHmac } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, JobRegistry, returnedRows, type ResolvedConfig } from '@tradefloor/core';
import type { DataSource } from 'typeorm';

export const PURGE_IDENTITY_QUEUE = 'identity.purge-expired';
const PURGE_INTERVAL_MS = 60 * 60 * 1000;
/** First delay once the free attempts are used up (enough to stop a script, short for a person who mistyped); it doubles with each further attempt. */
const BASE_DELAY_SECONDS = 15;

export interface ThrottleDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

/**
 * Failed sign-ins per account and client (issue 18 §5). The attempt is counted in one upsert
 * BEFORE the password is checked, so parallel guesses cannot slip past the count; after
 * LOGIN_MAX_PER_ACCOUNT attempts each further one waits a doubling delay (capped at the window).
 * Per account AND client: someone failing on purpose from elsewhere slows only themselves, never
 * locks the owner out. Keys are HMACs: neither emails nor addresses are stored.
 */
@Injectable()
export class LoginThrottle implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly registry: JobRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(PURGE_IDENTITY_QUEUE, () => this.purgeExpired().then(() => undefined), { concurrency: 1, maxAttempts: 3 });
    this.registry.every(PURGE_IDENTITY_QUEUE, PURGE_INTERVAL_MS, PURGE_IDENTITY_QUEUE);
  }

  /** A keyed hash, so rate-limit tables hold no email or IP address. */
  keyOf(kind: string, value: string): string {
    return createHmac('sha256', this.config.jwtSecret).update(`${kind}:${value}`).digest('base64url').slice(0, 22);
  }

  /** Counts one attempt for (email, client) unless it must still wait; says whether to verify. */
  async attempt(email: string, ip: string): Promise<ThrottleDecision> {
    const key = `${this.keyOf('login-account', email)}:${this.keyOf('login-ip', ip)}`;
    const free = this.config.loginMaxPerAccount;
    const cap = this.config.loginWindowSeconds;
    // Old values on the right-hand side: a row whose next_at has passed counts this attempt and
    // sets the next wait; one still waiting is refused and left as it was. A quiet window resets.
    const [row] = returnedRows<{ allowed: boolean; wait: string }>(
      await this.dataSource.query(
        `INSERT INTO login_throttle AS t (key, attempts, allowed, next_at, updated_at)
         VALUES ($1, 1, true, now() + CASE WHEN 1 >= $2 THEN make_interval(secs => $3) ELSE interval '0' END, now())
         ON CONFLICT (key) DO UPDATE SET
           allowed = t.next_at <= now(),
           attempts = CASE WHEN t.next_at > now() THEN t.attempts
                           WHEN t.updated_at < now() - make_interval(secs => $4) THEN 1
                           ELSE t.attempts + 1 END,
           next_at = CASE WHEN t.next_at > now() THEN t.next_at
                          WHEN t.updated_at < now() - make_interval(secs => $4) OR t.attempts + 1 < $2 THEN now()
                          ELSE now() + make_interval(secs => LEAST($4, $3 * power(2, t.attempts + 1 - $2))) END,
           updated_at = now()
         RETURNING allowed, EXTRACT(EPOCH FROM (next_at - now())) AS wait`,
        [key, free, BASE_DELAY_SECONDS, cap],
      ),
    );
    return { allowed: row.allowed, retryAfterSeconds: Math.max(1, Math.ceil(Number(row.wait))) };
  }

  /** A successful sign-in clears the account's count for this client. */
  async succeeded(email: string, ip: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_throttle WHERE key = $1`, [`${this.keyOf('login-account', email)}:${this.keyOf('login-ip', ip)}`]);
  }

  /** Hourly: throttle rows quiet for a window, refresh tokens past their expiry (they only grew), spent or expired verification links. */
  async purgeExpired(): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_throttle WHERE updated_at < now() - make_interval(secs => $1) AND next_at < now()`, [
      this.config.loginWindowSeconds,
    ]);
    await this.dataSource.query(`DELETE FROM refresh_tokens WHERE expires_at < now()`);
    await this.dataSource.query(`DELETE FROM email_verification_tokens WHERE expires_at < now() OR used_at IS NOT NULL`);
  }
}
