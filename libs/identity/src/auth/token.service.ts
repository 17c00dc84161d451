import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, Clock, UnauthorizedError, type ResolvedConfig } from '@tradefloor/core';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { RefreshTokenEntity } from '../entities/refresh-token.entity';
import type { Role } from '../entities/user.entity';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

interface AccessClaims {
  sub: string;
  role: Role;
  typ: 'access';
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Short-lived JWT access tokens and opaque rotating refresh tokens (`<id>.<secret>`).
 * Presenting a refresh token twice means it leaked: the whole family is revoked.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly clock: Clock,
  ) {}

  async issue(userId: string, role: Role, familyId: string = randomUUID(), manager?: EntityManager): Promise<TokenPair> {
    const accessToken = await this.jwt.signAsync({ sub: userId, role, typ: 'access' } satisfies AccessClaims, {
      expiresIn: this.config.accessTokenTtlSeconds,
    });
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const repo = (manager ?? this.dataSource.manager).getRepository(RefreshTokenEntity);
    await repo.insert({
      id,
      userId,
      familyId,
      tokenHash: sha256(secret),
      expiresAt: new Date(this.clock.now().getTime() + this.config.refreshTokenTtlSeconds * 1000),
    });
    return { accessToken, refreshToken: `${id}.${secret}`, expiresIn: this.config.accessTokenTtlSeconds, tokenType: 'Bearer' };
  }

  async verifyAccess(token: string): Promise<AccessClaims> {
    try {
      const claims = await this.jwt.verifyAsync<AccessClaims>(token);
      if (claims.typ !== 'access') throw new Error('wrong token type');
      return claims;
    } catch {
      throw new UnauthorizedError('Phiên đăng nhập không hợp lệ hoặc đã hết hạn (invalid or expired token)', 'INVALID_TOKEN');
    }
  }

  /**
   * A short-lived ticket (JWT, 10 minutes) that lets a user who signed in correctly accept pending
   * legal documents and then receive tokens, without sending the password again.
   */
  async legalTicket(userId: string): Promise<string> {
    return this.jwt.signAsync({ sub: userId, typ: 'legal-acceptance' }, { expiresIn: 600 });
  }

  async verifyLegalTicket(ticket: string): Promise<string> {
    try {
      const claims = await this.jwt.verifyAsync<{ sub: string; typ: string }>(ticket);
      if (claims.typ !== 'legal-acceptance') throw new Error('wrong token type');
      return claims.sub;
    } catch {
      throw new UnauthorizedError('Phiếu đồng ý điều khoản không hợp lệ hoặc đã hết hạn (invalid or expired acceptance ticket)', 'INVALID_TICKET');
    }
  }

  /** Consumes a refresh token and returns its user id and family; reuse revokes the family. */
  async consume(raw: string, manager: EntityManager): Promise<{ userId: string; familyId: string }> {
    const invalid = new UnauthorizedError('Refresh token không hợp lệ (invalid refresh token)', 'INVALID_REFRESH_TOKEN');
    const [id, secret] = raw.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) throw invalid;
    const repo = manager.getRepository(RefreshTokenEntity);
    const row = await repo.createQueryBuilder('t').setLock('pessimistic_write').where('t.id = :id', { id }).getOne();
    if (!row || !timingSafeEqual(Buffer.from(row.tokenHash), Buffer.from(sha256(secret)))) throw invalid;
    if (row.usedAt || row.revokedAt) {
      await this.revokeFamily(row.familyId, manager);
      throw new UnauthorizedError('Refresh token đã được sử dụng; phiên đã bị thu hồi (refresh token reuse detected)', 'REFRESH_TOKEN_REUSED');
    }
    if (row.expiresAt.getTime() <= this.clock.now().getTime()) throw invalid;
    await repo.update({ id }, { usedAt: this.clock.now() });
    return { userId: row.userId, familyId: row.familyId };
  }

  async revokeFamily(familyId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [familyId]);
  }

  async revokeAllForUser(userId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }

  /** Family of a refresh token, if the token is genuine (for logout). */
  async familyOf(raw: string, userId: string): Promise<string | undefined> {
    const [id, secret] = raw.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) return undefined;
    const row = await this.dataSource.getRepository(RefreshTokenEntity).findOneBy({ id, userId });
    if (!row || row.tokenHash !== sha256(secret)) return undefined;
    return row.familyId;
  }
}
