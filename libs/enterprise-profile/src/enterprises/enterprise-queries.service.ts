import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NotFoundError, escapeLike, likeWords } from '@tradefloor/core';
import type { Principal } from '@tradefloor/identity';
import { In, type DataSource, type SelectQueryBuilder } from 'typeorm';
import { EnterpriseAccess } from '../access/enterprise-access.service';
import type { EnterpriseKind, EnterpriseStatus } from '../entities/enterprise.entity';
import { CommuneEntity } from '../entities/commune.entity';
import { EnterpriseMemberEntity, type MemberRole } from '../entities/enterprise-member.entity';
import { EnterpriseEntity } from '../entities/enterprise.entity';

export interface EnterpriseFilter {
  page: number;
  pageSize: number;
  kind?: EnterpriseKind;
  commune?: string;
  q?: string;
  status?: EnterpriseStatus;
}

/** A commune of the public directory and how many verified enterprises it has. */
export interface CommuneCount {
  code: string;
  name: string;
  count: number;
}

export interface EnterprisePage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Reads: the public directory (verified only), the verification queue, a member's enterprises. */
@Injectable()
export class EnterpriseQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: EnterpriseAccess,
  ) {}

  /** Verified enterprises; `q` matches every word on the folded names, exact diacritics ranked first. */
  publicList(filter: EnterpriseFilter): Promise<EnterprisePage<EnterpriseEntity>> {
    const qb = this.filtered({ ...filter, status: 'verified' });
    if (filter.q) qb.addOrderBy(`(e.display_name ILIKE :exact OR e.legal_name ILIKE :exact)`, 'DESC').setParameter('exact', `%${escapeLike(filter.q)}%`);
    qb.addOrderBy('e.display_name', 'ASC').addOrderBy('e.id', 'ASC');
    return this.page(qb, filter);
  }

  /**
   * The directory's commune choices: communes with verified enterprises matching the other filters
   * (kind, name), each with how many, in alphabetical order of the folded name.
   */
  publicCommunes(filter: Pick<EnterpriseFilter, 'kind' | 'q'>): Promise<CommuneCount[]> {
    return this.filtered({ kind: filter.kind, q: filter.q, status: 'verified' })
      .innerJoin(CommuneEntity, 'c', 'c.code = e.commune_code')
      .select('c.code', 'code')
      .addSelect('c.name', 'name')
      .addSelect('count(*)::int', 'count')
      .groupBy('c.code')
      .orderBy('c.name_folded')
      .addOrderBy('c.code')
      .getRawMany<CommuneCount>();
  }

  /** The admins' list; oldest submission first (the verification queue). */
  adminList(filter: EnterpriseFilter): Promise<EnterprisePage<EnterpriseEntity>> {
    const qb = this.filtered(filter).addOrderBy('COALESCE(e.submitted_at, e.created_at)', 'ASC').addOrderBy('e.id', 'ASC');
    return this.page(qb, filter);
  }

  async publicBySlug(slug: string): Promise<EnterpriseEntity> {
    const e = /^[a-z0-9-]{1,100}$/.test(slug) ? await this.dataSource.getRepository(EnterpriseEntity).findOneBy({ slug, status: 'verified' }) : null;
    if (!e) throw new NotFoundError('Doanh nghiệp', 'ENTERPRISE_NOT_FOUND');
    return e;
  }

  /** Any status, for its members and admins (404 unknown, 403 someone else's). */
  async managed(principal: Principal, id: string): Promise<{ enterprise: EnterpriseEntity; role?: MemberRole }> {
    const enterprise = await this.access.assertCanManage(principal, id);
    const member = await this.dataSource.getRepository(EnterpriseMemberEntity).findOneBy({ enterpriseId: id, userId: principal.id });
    return { enterprise, role: member?.role };
  }

  /** Every enterprise the user is a member of, any status, newest first. */
  async mine(userId: string): Promise<Array<{ enterprise: EnterpriseEntity; role: MemberRole }>> {
    const memberships = await this.dataSource.getRepository(EnterpriseMemberEntity).findBy({ userId });
    if (!memberships.length) return [];
    const roles = new Map(memberships.map((m) => [m.enterpriseId, m.role]));
    const enterprises = await this.dataSource
      .getRepository(EnterpriseEntity)
      .find({ where: { id: In([...roles.keys()]) }, order: { createdAt: 'DESC', id: 'ASC' } });
    return enterprises.map((enterprise) => ({ enterprise, role: roles.get(enterprise.id) as MemberRole }));
  }

  private filtered(filter: Omit<EnterpriseFilter, 'page' | 'pageSize'>): SelectQueryBuilder<EnterpriseEntity> {
    const qb = this.dataSource.getRepository(EnterpriseEntity).createQueryBuilder('e');
    if (filter.status) qb.andWhere('e.status = :status', { status: filter.status });
    if (filter.kind) qb.andWhere('e.kind = :kind', { kind: filter.kind });
    if (filter.commune) qb.andWhere('e.commune_code = :commune', { commune: filter.commune });
    likeWords(filter.q).forEach((word, i) => {
      qb.andWhere(`e.name_folded LIKE '%' || tf_fold(:w${i}) || '%'`, { [`w${i}`]: word });
    });
    return qb;
  }

  private async page(qb: SelectQueryBuilder<EnterpriseEntity>, filter: EnterpriseFilter): Promise<EnterprisePage<EnterpriseEntity>> {
    const [items, total] = await qb
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    return { items, total, page: filter.page, pageSize: filter.pageSize };
  }
}
