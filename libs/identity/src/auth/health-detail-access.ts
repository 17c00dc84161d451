import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HealthChecks } from '@tradefloor/core';
import type { DataSource } from 'typeorm';
import { UserEntity } from '../entities/user.entity';
import { TokenService } from './token.service';

/**
 * Lets `/health/ready` show its details (backend errors, queue depths) to an active administrator's
 * bearer token only; core knows no users, so identity supplies the check (issue 18 §8).
 */
@Injectable()
export class HealthDetailAccess implements OnModuleInit {
  constructor(
    private readonly checks: HealthChecks,
    private readonly tokens: TokenService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.checks.authorizeDetails(async (authorization) => {
      if (!authorization?.startsWith('Bearer ')) return false;
      const claims = await this.tokens.verifyAccess(authorization.slice(7).trim());
      const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: claims.sub });
      return user?.status === 'active' && user.role === 'admin';
    });
  }
}
