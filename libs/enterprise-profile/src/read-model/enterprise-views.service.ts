import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, MoreThan, type DataSource, type FindOptionsSelect } from 'typeorm';
import { EnterpriseEntity, type EnterpriseKind, type EnterpriseStatus } from '../entities/enterprise.entity';
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
}

const COLUMNS: FindOptionsSelect<EnterpriseEntity> = {
  id: true,
  slug: true,
  displayName: true,
  kind: true,
  status: true,
  communeCode: true,
  provinceCode: true,
  description: true,
};

/**
 * The enterprise read model for other contexts, as the catalog's ProductViews is the catalog's:
 * one query per batch of ids, never one per enterprise.
 */
@Injectable()
export class EnterpriseViews {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async load(ids: string[]): Promise<EnterpriseView[]> {
    if (!ids.length) return [];
    return (await this.repo().find({ select: COLUMNS, where: { id: In(ids) } })).map(toView);
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
  };
}
