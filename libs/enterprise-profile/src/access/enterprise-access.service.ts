import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ForbiddenError, isUuid, NotFoundError } from '@tradefloor/core';
import type { Principal } from '@tradefloor/identity';
import type { DataSource, EntityManager } from 'typeorm';
import { EnterpriseMemberEntity } from '../entities/enterprise-member.entity';
import { EnterpriseEntity } from '../entities/enterprise.entity';

/**
 * The one place that decides who may write an enterprise's data: its members (owner, staff)
 * and admins. Every context that writes enterprise-owned data asks here.
 */
@Injectable()
export class EnterpriseAccess {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Returns the enterprise if `principal` may manage it; 404 if it does not exist, 403 otherwise. */
  async assertCanManage(principal: Principal, enterpriseId: string, manager?: EntityManager): Promise<EnterpriseEntity> {
    if (!isUuid(enterpriseId)) throw new NotFoundError('Doanh nghiệp', 'ENTERPRISE_NOT_FOUND');
    const m = manager ?? this.dataSource.manager;
    const enterprise = await m.getRepository(EnterpriseEntity).findOneBy({ id: enterpriseId });
    if (!enterprise) throw new NotFoundError('Doanh nghiệp', 'ENTERPRISE_NOT_FOUND');
    if (principal.role === 'admin') return enterprise;
    if (principal.role === 'business' && (await this.isMember(principal.id, enterpriseId, m))) return enterprise;
    throw new ForbiddenError('Bạn không quản lý doanh nghiệp này (not a member of this enterprise)');
  }

  async isMember(userId: string, enterpriseId: string, manager?: EntityManager): Promise<boolean> {
    return (manager ?? this.dataSource.manager).getRepository(EnterpriseMemberEntity).existsBy({ userId, enterpriseId });
  }

  /** Ids of the enterprises a user is a member of. */
  async managedEnterpriseIds(userId: string): Promise<string[]> {
    const rows = await this.dataSource.getRepository(EnterpriseMemberEntity).findBy({ userId });
    return rows.map((r) => r.enterpriseId);
  }
}
