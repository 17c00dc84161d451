import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, MoreThan, type DataSource, type EntityManager, type FindOptionsSelect } from 'typeorm';
import { EnterpriseMemberEntity } from '../entities/enterprise-member.entity';
import { ENTERPRISE_STATUSES, EnterpriseEntity, type EnterpriseKind, type EnterpriseStatus } from '../entities/enterprise.entity';
import { isPublic } from '../enterprises/enterprise-lifecycle';

/** What other contexts (the search index) read of an enterprise: its public face, no legal identity. */
export interface EnterpriseView {
  id: string;
  slug: string;
  displayName: string;
  kind: EnterpriseKind;
  status: EnterpriseStatus;
  /** Shown to the public (verified); the lifecycle decides, not the reader. */
  public: boolean;
  communeCode: string;
  provinceCode: string;
  /** Sanitised HTML, as stored. */
  description: string;
  /** Published on the public profile too (the open feed names the seller by it). */
  legalName: string;
  taxCode: string | null;
}

export interface EnterpriseContacts {
  email: string | null;
  ownerIds: string[];
}

const PUBLIC_STATUSES = ENTERPRISE_STATUSES.filter(isPublic);

const COLUMNS: FindOptionsSelect<EnterpriseEntity> = {
  id: true,
  slug: true,
  displayName: true,
  kind: true,
  status: true,
  communeCode: true,
  provinceCode: true,
  description: true,
  legalName: true,
  taxCode: true,
};

/**
 * The enterprise read model for other contexts, as the catalog's ProductViews is the catalog's:
 * one query per batch of ids, never one per enterprise.
 */
@Injectable()
export class EnterpriseViews {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Views of these enterprises (any status). `db`: a transaction to read in (default: the pool). */
  async load(ids: string[], db: DataSource | EntityManager = this.dataSource): Promise<EnterpriseView[]> {
    if (!ids.length) return [];
    return (await db.getRepository(EnterpriseEntity).find({ select: COLUMNS, where: { id: In(ids) } })).map(toView);
  }

  /** The view of the enterprise with this slug (any status). */
  async bySlug(slug: string): Promise<EnterpriseView | undefined> {
    const found = slug.length <= 200 ? await this.repo().findOne({ select: COLUMNS, where: { slug } }) : null;
    return found ? toView(found) : undefined;
  }

  /** How many enterprises are public. */
  countPublic(): Promise<number> {
    return this.repo().countBy({ status: In(PUBLIC_STATUSES) });
  }

  /** Ids of every public enterprise in id order, `batchSize` at a time. */
  async *publicIds(batchSize = 10_000): AsyncGenerator<string[]> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.repo().find({
        select: { id: true },
        where: { id: MoreThan(after), status: In(PUBLIC_STATUSES) },
        order: { id: 'ASC' },
        take: batchSize,
      });
      if (!rows.length) return;
      yield rows.map((r) => r.id);
      after = rows[rows.length - 1].id;
    }
  }

  /** Every enterprise (any status) in id order, `batchSize` at a time — for full reindexing. */
  async *stream(batchSize = 1000): AsyncGenerator<EnterpriseView[]> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.repo().find({ select: COLUMNS, where: { id: MoreThan(after) }, order: { id: 'ASC' }, take: batchSize });
      if (!rows.length) return;
      yield rows.map(toView);
      after = rows[rows.length - 1].id;
    }
  }

  /**
   * Where to write to an enterprise (inquiry notifications): its contact email and the user ids of
   * its owners (identity holds their addresses). Undefined when the enterprise does not exist.
   */
  async contacts(enterpriseId: string): Promise<EnterpriseContacts | undefined> {
    const enterprise = await this.repo().findOne({ select: { id: true, email: true }, where: { id: enterpriseId } });
    if (!enterprise) return undefined;
    const owners = await this.dataSource.getRepository(EnterpriseMemberEntity).find({ select: { userId: true }, where: { enterpriseId, role: 'owner' } });
    return { email: enterprise.email, ownerIds: owners.map((o) => o.userId) };
  }

  /** Whether any enterprise exists (every product belongs to one, so none means an empty floor). */
  async any(): Promise<boolean> {
    return this.repo().exists();
  }

  private repo() {
    return this.dataSource.getRepository(EnterpriseEntity);
  }
}

function toView(e: EnterpriseEntity): EnterpriseView {
  return {
    id: e.id,
    slug: e.slug,
    displayName: e.displayName,
    kind: e.kind,
    status: e.status,
    public: isPublic(e.status),
    communeCode: e.communeCode,
    provinceCode: e.provinceCode,
    description: e.description,
    legalName: e.legalName,
    taxCode: e.taxCode,
  };
}
