import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  APP_CONFIG,
  ConflictError,
  RateLimiter,
  TooManyRequestsError,
  UnauthorizedError,
  normalizeVietnameseMobile,
  type ResolvedConfig,
} from '@tradefloor/core';
import type { DataSource } from 'typeorm';
import type { LoginDto, RegisterDto } from '../dto/auth.dto';
import { UserEntity } from '../entities/user.entity';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { TokenService, type TokenPair } from './token.service';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly limiter: RateLimiter,
    private readonly throttle: LoginThrottle,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  async register(dto: RegisterDto): Promise<UserEntity> {
    const repo = this.dataSource.getRepository(UserEntity);
    if (await repo.existsBy({ email: dto.email })) {
      throw new ConflictError('Email đã được đăng ký (email already registered)', 'EMAIL_TAKEN', [
        { field: 'email', message: 'Email đã được đăng ký (email already registered)' },
      ]);
    }
    const passwordHash = await this.hasher.hash(dto.password);
    const user = repo.create({
      email: dto.email,
      phone: dto.phone ? normalizeVietnameseMobile(dto.phone) : null,
      displayName: dto.displayName,
      passwordHash,
      role: dto.role,
      status: 'active',
    });
    await repo.insert(user);
    return repo.findOneByOrFail({ id: user.id });
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
    return this.tokens.issue(user.id, user.role, consumed.value.familyId);
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
