import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, foldVietnamese, isUuid, NotFoundError, ValidationFailedError, escapeLike } from '@tradefloor/core';
import { In, type DataSource, type SelectQueryBuilder } from 'typeorm';
import { CategoryService } from '../categories/category.service';
import type { BulletinListQuery, EventListQuery } from '../dto/bulletin-query.dto';
import { BulletinEntity } from '../entities/bulletin.entity';
import { parseApiDate, tagKey } from './bulletin-content';

export interface BulletinPage {
  items: BulletinEntity[];
  total: number;
  page: number;
  pageSize: number;
}

/** Reads: public lists and pages show published bulletins only. */
@Injectable()
export class BulletinQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly categories: CategoryService,
    private readonly clock: Clock,
  ) {}

  async list(query: BulletinListQuery): Promise<BulletinPage> {
    const status = query.status ?? 'published';
    const qb = this.repo().createQueryBuilder('b').where('b.status = :status', { status });
    if (query.category) {
      const category = await this.categories.find(query.category);
      if (!category) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
      qb.andWhere('b.category_id = :categoryId', { categoryId: category.id });
    }
    if (query.tag) qb.andWhere('b.tag_keys @> ARRAY[:tagKey]::text[]', { tagKey: tagKey(query.tag) });
    if (query.kind) qb.andWhere('b.kind = :kind', { kind: query.kind });
    const words = foldVietnamese(query.q ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 8);
    words.forEach((word, i) => qb.andWhere(`b.search_text LIKE :w${i} ESCAPE '\\'`, { [`w${i}`]: `%${escapeLike(word)}%` }));
    const q = query.q?.trim();
    if (q && foldVietnamese(q) !== q.toLowerCase()) {
      // The query carries diacritics: exact-diacritic matches first (dừa before dưa, dứa, đũa).
      qb.addOrderBy(`CASE WHEN b.title ILIKE :exact THEN 0 WHEN b.summary ILIKE :exact THEN 1 ELSE 2 END`, 'ASC');
      qb.setParameter('exact', `%${escapeLike(q)}%`);
    }
    qb.addOrderBy(status === 'published' ? 'b.published_at' : 'b.updated_at', 'DESC').addOrderBy('b.id', 'ASC');
    return this.page(qb, query.page, query.pageSize);
  }

  /** Published events overlapping [from, to]; without bounds, those not yet over. */
  async events(query: EventListQuery): Promise<BulletinPage> {
    const from = query.from ? parseApiDate('from', query.from) : query.to ? null : this.clock.now();
    const to = query.to ? parseApiDate('to', query.to) : null;
    if (from && to && to < from) throw ValidationFailedError.field('to', '"to" phải sau "from" ("to" must not be before "from")');
    const qb = this.repo().createQueryBuilder('b').where(`b.status = 'published' AND b.kind = 'event'`);
    if (from) qb.andWhere('b.event_ends_at >= :from', { from });
    if (to) qb.andWhere('b.event_starts_at <= :to', { to });
    qb.orderBy('b.event_starts_at', 'ASC').addOrderBy('b.id', 'ASC');
    return this.page(qb, query.page, query.pageSize);
  }

  /** A published bulletin by slug or id; 404 for anything not public. */
  async getPublished(idOrSlug: string): Promise<BulletinEntity> {
    const where = isUuid(idOrSlug) ? { id: idOrSlug.toLowerCase() } : { slug: idOrSlug };
    const b = await this.repo().findOneBy({ ...where, status: 'published' });
    if (!b) throw new NotFoundError('Bản tin');
    return b;
  }

  /** A bulletin by slug or id in any state (editors and admins preview drafts). */
  async getAny(idOrSlug: string): Promise<BulletinEntity> {
    const b = await this.repo().findOneBy(isUuid(idOrSlug) ? { id: idOrSlug.toLowerCase() } : { slug: idOrSlug });
    if (!b) throw new NotFoundError('Bản tin');
    return b;
  }

  /** These bulletins in any state (other contexts decide what a status means for them, e.g. the open feed's tombstones). */
  async loadMany(ids: string[]): Promise<BulletinEntity[]> {
    return ids.length ? this.repo().findBy({ id: In(ids) }) : [];
  }

  /** Ids of every published bulletin. */
  async publishedIds(): Promise<string[]> {
    return (await this.repo().find({ select: { id: true }, where: { status: 'published' } })).map((b) => b.id);
  }

  latestPublished(limit: number): Promise<BulletinEntity[]> {
    return this.repo().find({ where: { status: 'published' }, order: { publishedAt: 'DESC', id: 'ASC' }, take: limit });
  }

  async sitemapEntries(): Promise<Array<{ slug: string; updatedAt: Date }>> {
    const rows: Array<{ slug: string; updated_at: Date }> = await this.dataSource.query(
      `SELECT slug, updated_at FROM bulletins WHERE status = 'published' ORDER BY published_at DESC LIMIT 50000`,
    );
    return rows.map((r) => ({ slug: r.slug, updatedAt: r.updated_at }));
  }

  private repo() {
    return this.dataSource.getRepository(BulletinEntity);
  }

  private async page(qb: SelectQueryBuilder<BulletinEntity>, page: number, pageSize: number): Promise<BulletinPage> {
    const [items, total] = await qb
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getManyAndCount();
    return { items, total, page, pageSize };
  }
}
