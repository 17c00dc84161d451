import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  APP_CONFIG,
  Clock,
  DomainEvents,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  ValidationFailedError,
  type ResolvedConfig,
} from '@tradefloor/core';
import type { Principal } from '@tradefloor/identity';
import type { DataSource, EntityManager } from 'typeorm';
import { CategoryService } from '../categories/category.service';
import type { CreateBulletinDto, UpdateBulletinDto } from '../dto/bulletin-input.dto';
import { BulletinRevisionEntity } from '../entities/bulletin-revision.entity';
import { BulletinEntity } from '../entities/bulletin.entity';
import { applyEvent, normalizeTags, sanitizeBody, searchText } from './bulletin-content';
import { retryOnSlugConflict, uniqueSlug } from './slug';

/** Fields that can be left out of a PATCH but never cleared (authorByline, coverImageUrl and event can be null). */
const REQUIRED_ON_UPDATE = ['title', 'summary', 'body', 'categoryId', 'kind', 'tags', 'relatedEnterpriseIds', 'relatedProductIds'] as const;

function rejectNulls(dto: UpdateBulletinDto): void {
  const nulls = REQUIRED_ON_UPDATE.filter((f) => dto[f] === null);
  if (nulls.length) {
    throw new ValidationFailedError(nulls.map((field) => ({ field, message: 'Không được để trống (must not be null)' })));
  }
}

/** Writing bulletins: create and edit, each stored as a revision. */
@Injectable()
export class BulletinService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly categories: CategoryService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly events: DomainEvents,
  ) {}

  async create(actor: Principal, dto: CreateBulletinDto): Promise<BulletinEntity> {
    return retryOnSlugConflict(() =>
      this.dataSource.transaction(async (m) => {
        await this.categories.assertExists(m, dto.categoryId);
        const now = this.clock.now();
        const b = m.getRepository(BulletinEntity).create({
          status: 'draft',
          title: dto.title,
          summary: dto.summary,
          body: sanitizeBody(dto.body),
          categoryId: dto.categoryId,
          authorByline: dto.authorByline || null,
          coverImageUrl: dto.coverImageUrl ?? null,
          relatedEnterpriseIds: dto.relatedEnterpriseIds ?? [],
          relatedProductIds: dto.relatedProductIds ?? [],
          publishAt: null,
          publishedAt: null,
          archivedAt: null,
          rejectionReason: null,
          viewCount: 0,
          revision: 0,
          createdBy: actor.id,
          createdAt: now,
        });
        const { tags, keys } = normalizeTags(dto.tags ?? []);
        b.tags = tags;
        b.tagKeys = keys;
        applyEvent(b, dto.kind ?? 'article', dto.event);
        b.slug = await uniqueSlug(m, dto.title, null);
        return this.saveWithRevision(m, actor, b, 'create');
      }),
    );
  }

  async update(actor: Principal, id: string, dto: UpdateBulletinDto): Promise<BulletinEntity> {
    return retryOnSlugConflict(() =>
      this.dataSource.transaction(async (m) => {
        rejectNulls(dto);
        const b = await this.lock(m, id);
        if (b.status === 'archived') {
          throw new InvalidStateError('Bản tin đã lưu trữ, không thể sửa (archived bulletins cannot be edited)', 'BULLETIN_ARCHIVED');
        }
        this.assertEditorMayChange(actor, b);
        if (dto.categoryId !== undefined) {
          await this.categories.assertExists(m, dto.categoryId);
          b.categoryId = dto.categoryId;
        }
        if (dto.title !== undefined && dto.title !== b.title) {
          b.title = dto.title;
          // The URL is stable once the bulletin has been public.
          if (!b.publishedAt) b.slug = await uniqueSlug(m, dto.title, b.id);
        }
        if (dto.summary !== undefined) b.summary = dto.summary;
        if (dto.body !== undefined) b.body = sanitizeBody(dto.body);
        if (dto.authorByline !== undefined) b.authorByline = dto.authorByline || null;
        if (dto.coverImageUrl !== undefined) b.coverImageUrl = dto.coverImageUrl ?? null;
        if (dto.relatedEnterpriseIds !== undefined) b.relatedEnterpriseIds = dto.relatedEnterpriseIds;
        if (dto.relatedProductIds !== undefined) b.relatedProductIds = dto.relatedProductIds;
        if (dto.tags !== undefined) {
          const { tags, keys } = normalizeTags(dto.tags);
          b.tags = tags;
          b.tagKeys = keys;
        }
        if (dto.kind !== undefined || dto.event !== undefined) applyEvent(b, dto.kind ?? b.kind, dto.event);
        if (b.status === 'pending_approval') {
          // Issue 18 §7: the admin must not approve a text they never saw; the editor asks again.
          b.status = 'draft';
          b.publishAt = null;
        }
        return this.saveWithRevision(m, actor, b, 'update');
      }),
    );
  }

  /** Any bulletin, whatever its state (editors and admins). */
  async get(id: string): Promise<BulletinEntity> {
    const b = await this.dataSource.getRepository(BulletinEntity).findOneBy({ id });
    if (!b) throw new NotFoundError('Bản tin');
    return b;
  }

  async revisions(id: string): Promise<BulletinRevisionEntity[]> {
    await this.get(id);
    return this.dataSource.getRepository(BulletinRevisionEntity).find({ where: { bulletinId: id }, order: { revision: 'DESC' } });
  }

  /**
   * With BULLETIN_REQUIRE_APPROVAL, what is public (or approved to become public) changes only with
   * an admin: editors cannot edit, re-publish or archive published and scheduled bulletins.
   */
  assertEditorMayChange(actor: Principal, b: BulletinEntity): void {
    if (this.config.bulletinRequireApproval && actor.role !== 'admin' && (b.status === 'published' || b.status === 'scheduled')) {
      throw new ForbiddenError(
        'Bản tin đã được duyệt; chỉ quản trị viên được thay đổi (approved bulletins can only be changed by an admin)',
        'APPROVAL_REQUIRED',
      );
    }
  }

  async lock(m: EntityManager, id: string): Promise<BulletinEntity> {
    const b = await m.getRepository(BulletinEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!b) throw new NotFoundError('Bản tin');
    return b;
  }

  private async saveWithRevision(m: EntityManager, actor: Principal, b: BulletinEntity, action: 'create' | 'update'): Promise<BulletinEntity> {
    const now = this.clock.now();
    b.revision += 1;
    b.updatedAt = now;
    b.updatedBy = actor.id;
    b.searchText = searchText(b);
    const saved = await m.getRepository(BulletinEntity).save(b);
    await m.getRepository(BulletinRevisionEntity).insert({
      bulletinId: saved.id,
      revision: saved.revision,
      action,
      title: saved.title,
      summary: saved.summary,
      body: saved.body,
      editorId: actor.id,
      editorName: actor.displayName,
      createdAt: now,
    });
    // Drafts are not public: only an edit of a published bulletin changes what readers see.
    if (saved.status === 'published') await this.events.publish(m, 'bulletin.changed', { bulletinId: saved.id });
    return saved;
  }
}
