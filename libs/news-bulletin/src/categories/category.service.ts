import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConflictError, DomainEvents, isUuid, NotFoundError, slugify, ValidationFailedError } from '@tradefloor/core';
import type { DataSource, EntityManager } from 'typeorm';
import { QueryFailedError } from 'typeorm';
import type { CreateCategoryDto, UpdateCategoryDto } from '../dto/category-input.dto';
import { BulletinCategoryEntity } from '../entities/bulletin-category.entity';

/** Bulletin categories (Tin tức, OCOP, …), managed by admins. */
@Injectable()
export class CategoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
  ) {}

  list(): Promise<BulletinCategoryEntity[]> {
    return this.dataSource.getRepository(BulletinCategoryEntity).find({ order: { position: 'ASC', name: 'ASC' } });
  }

  async map(): Promise<Map<string, BulletinCategoryEntity>> {
    return new Map((await this.list()).map((c) => [c.id, c]));
  }

  /** By slug or id; null when unknown. */
  async find(slugOrId: string): Promise<BulletinCategoryEntity | null> {
    const repo = this.dataSource.getRepository(BulletinCategoryEntity);
    return isUuid(slugOrId) ? repo.findOneBy({ id: slugOrId }) : repo.findOneBy({ slug: slugOrId });
  }

  /** Validates a categoryId given in a bulletin write (400 naming the field when unknown). */
  async assertExists(m: EntityManager, id: string): Promise<void> {
    const found = await m.getRepository(BulletinCategoryEntity).existsBy({ id });
    if (!found) throw ValidationFailedError.field('categoryId', 'Chuyên mục không tồn tại (unknown category)');
  }

  async create(dto: CreateCategoryDto): Promise<BulletinCategoryEntity> {
    const slug = dto.slug ?? slugify(dto.name);
    if (!slug) throw ValidationFailedError.field('slug', 'Không tạo được slug từ tên (cannot derive a slug from the name)');
    const repo = this.dataSource.getRepository(BulletinCategoryEntity);
    const position = dto.position ?? ((await repo.maximum('position')) ?? 0) + 1;
    return this.saving(repo.create({ slug, name: dto.name, description: dto.description ?? null, position }));
  }

  async update(id: string, dto: UpdateCategoryDto): Promise<BulletinCategoryEntity> {
    const repo = this.dataSource.getRepository(BulletinCategoryEntity);
    const c = await repo.findOneBy({ id });
    if (!c) throw new NotFoundError('Chuyên mục');
    const nulls = (['name', 'slug', 'position'] as const).filter((f) => dto[f] === null);
    if (nulls.length) throw new ValidationFailedError(nulls.map((field) => ({ field, message: 'Không được để trống (must not be null)' })));
    if (dto.name !== undefined) c.name = dto.name;
    if (dto.slug !== undefined) c.slug = dto.slug;
    if (dto.description !== undefined) c.description = dto.description ?? null;
    if (dto.position !== undefined) c.position = dto.position;
    return this.saving(c);
  }

  async remove(id: string): Promise<void> {
    const repo = this.dataSource.getRepository(BulletinCategoryEntity);
    if (!(await repo.existsBy({ id }))) throw new NotFoundError('Chuyên mục');
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM bulletins WHERE category_id = $1`, [id]);
    if (n > 0) throw new ConflictError(`Chuyên mục đang có ${n} bản tin (category still has bulletins)`, 'CATEGORY_IN_USE');
    await this.dataSource.transaction(async (m) => {
      await m.getRepository(BulletinCategoryEntity).delete({ id });
      await this.events.publish(m, 'bulletin-category.changed', { categoryId: id });
    });
  }

  /** Saves the category and tells the pages listing categories, in one transaction. */
  private async saving(category: BulletinCategoryEntity): Promise<BulletinCategoryEntity> {
    try {
      return await this.dataSource.transaction(async (m) => {
        const saved = await m.getRepository(BulletinCategoryEntity).save(category);
        await this.events.publish(m, 'bulletin-category.changed', { categoryId: saved.id });
        return saved;
      });
    } catch (err) {
      if (err instanceof QueryFailedError && (err as unknown as { constraint?: string }).constraint === 'bulletin_categories_slug_key') {
        throw new ConflictError('Slug chuyên mục đã tồn tại (category slug already exists)', 'CATEGORY_SLUG_TAKEN', [
          { field: 'slug', message: 'Đã tồn tại (already exists)' },
        ]);
      }
      throw err;
    }
  }
}
