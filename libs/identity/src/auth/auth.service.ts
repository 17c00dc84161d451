import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  APP_CONFIG,
  JobQueue,
  RateLimiter,
  TooManyRequestsError,
  UnauthorizedError,
  normalizeVietnameseMobile,
  returnedRows,
  type ResolvedConfig,
} from '@tradefloor/core';
import type { DataSource } from 'typeorm';
import type { LoginDto, RegisterDto } from '../dto/auth.dto';
import { UserEntity } from '../entities/user.entity';
import { ACCOUNT_MAIL_QUEUE, type AccountMailPayload } from '../verification/account-mail.job';
import { LegalAcceptanceGate, LegalAcceptanceRequiredError, type LegalChannel, type LegalVersionRef } from './legal-acceptance-gate';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { TokenService, type TokenPair } from './token.service';

/** What a registration answers, new email or taken (web and API say the same). */
export const REGISTRATION_ACCEPTED =
  'Đã nhận đăng ký. Kiểm tra hộp thư để xác minh email trước khi đăng bán hoặc cập nhật thông tin (registration received: check your mailbox to verify your email)';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly limiter: RateLimiter,
    private readonly throttle: LoginThrottle,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly legal: LegalAcceptanceGate,
  ) {}

  /**
   * Self-registration (issue 18 §6). Limited per client (a keyed hash of the address, counted in
   * PostgreSQL so every replica shares it). The answer never says whether the email is taken: a
   * new account gets a verification mail, the owner of an existing one a notice that someone tried;
   * both cost one password hash, so timing does not tell either.
   */
  async register(dto: RegisterDto, ip: string, channel: LegalChannel = 'api'): Promise<void> {
    const perIp = await this.limiter.hit(
      `register:ip:${this.throttle.keyOf('register-ip', ip)}`,
      this.config.registerMaxPerIp,
      this.config.registerWindowSeconds,
    );
    if (!perIp.allowed) throw new TooManyRequestsError(perIp.retryAfterSeconds);
    const passwordHash = await this.hasher.hash(dto.password);
    await this.dataSource.transaction(async (m) => {
      // ON CONFLICT: two registrations of one address at once end like one that finds it taken.
      const [created] = returnedRows<{ id: string }>(
        await m.query(
          `INSERT INTO users (email, phone, display_name, password_hash, role, status, email_verified_at)
           VALUES ($1, $2, $3, $4, $5, 'active', NULL) ON CONFLICT (email) DO NOTHING RETURNING id`,
          [dto.email, dto.phone ? normalizeVietnameseMobile(dto.phone) : null, dto.displayName, passwordHash, dto.role],
        ),
      );
      if (created) {
        // The DTO requires the explicit acceptance; the versions in force are recorded with the account.
        await this.legal.acceptAtRegistration(m, created.id, channel);
        await this.jobs.enqueue(m, ACCOUNT_MAIL_QUEUE, { kind: 'verify', userId: created.id } satisfies AccountMailPayload);
        return;
      }
      const [existing] = await m.query(`SELECT id FROM users WHERE email = $1`, [dto.email]);
      // Notices for one address coalesce while one is queued; the per-client limit bounds the rest.
      await this.jobs.enqueue(m, ACCOUNT_MAIL_QUEUE, { kind: 'already-registered', userId: existing.id } satisfies AccountMailPayload, {
        dedupeKey: `already-registered:${existing.id}`,
      });
    });
  }

  async login(dto: LoginDto, ip: string): Promise<TokenPair> {
    const window = this.config.loginWindowSeconds;
    // Rate-limit keys are stored in PostgreSQL: keep only a keyed hash of the address, never the IP itself.
    const perIp = await this.limiter.hit(`login:ip:${this.throttle.keyOf('login-ip', ip)}`, this.config.loginMaxPerIp, window);
    if (!perIp.allowed) throw new TooManyRequestsError(perIp.retryAfterSeconds);
    // Counted before the (slow) password check, in one statement: parallel guesses cannot pass it.
    const account = await this.throttle.attempt(dto.email, ip);
    if (!account.allowed) throw new TooManyRequestsError(account.retryAfterSeconds);

    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: dto.email })
      .getOne();
    const ok = await this.hasher.verify(user?.passwordHash, dto.password);
    if (!ok || !user) {
      throw new UnauthorizedError('Email hoặc mật khẩu không đúng (wrong email or password)', 'INVALID_CREDENTIALS');
    }
    if (user.status !== 'active') {
      throw new UnauthorizedError('Tài khoản đã bị khoá (account disabled)', 'ACCOUNT_DISABLED');
    }
    await this.throttle.succeeded(dto.email, ip);
    await this.requireLegalAcceptance(user.id);
    return this.tokens.issue(user.id, user.role);
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    // Reuse detection must persist even though the request fails, so revocation commits first.
    const consumed = await this.dataSource.transaction(async (m) => {
      try {
        return { ok: true as const, value: await this.tokens.consume(refreshToken, m) };
      } catch (err) {
        return { ok: false as const, err };
      }
    });
    if (!consumed.ok) throw consumed.err;
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: consumed.value.userId });
    if (!user || user.status !== 'active') {
      await this.tokens.revokeFamily(consumed.value.familyId);
      throw new UnauthorizedError('Tài khoản đã bị khoá (account disabled)', 'ACCOUNT_DISABLED');
    }
    await this.requireLegalAcceptance(user.id);
    return this.tokens.issue(user.id, user.role, consumed.value.familyId);
  }

  /**
   * After a correct sign-in answered LEGAL_ACCEPTANCE_REQUIRED: records the acceptances the ticket's
   * holder sends and, once nothing is pending, issues tokens as the sign-in would have.
   */
  async acceptLegalAndSignIn(ticket: string, versions: LegalVersionRef[], channel: LegalChannel): Promise<TokenPair> {
    const userId = await this.tokens.verifyLegalTicket(ticket);
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user || user.status !== 'active') throw new UnauthorizedError('Tài khoản đã bị khoá (account disabled)', 'ACCOUNT_DISABLED');
    await this.legal.accept(userId, versions, channel);
    await this.requireLegalAcceptance(userId);
    return this.tokens.issue(user.id, user.role);
  }

  /** A material version in force that the user has not accepted stops sign-in and refresh (403 with a ticket). */
  private async requireLegalAcceptance(userId: string): Promise<void> {
    const pending = await this.legal.pending(userId);
    if (pending.length) throw new LegalAcceptanceRequiredError(pending, await this.tokens.legalTicket(userId));
  }

  async logout(userId: string, refreshToken?: string): Promise<void> {
    if (!refreshToken) {
      await this.tokens.revokeAllForUser(userId);
      return;
    }
    const family = await this.tokens.familyOf(refreshToken, userId);
    if (family) await this.tokens.revokeFamily(family);
  }
}
