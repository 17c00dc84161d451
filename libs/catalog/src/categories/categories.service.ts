import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainEvents, NotFoundError } from '@tradefloor/core';
import type { DataSource } from 'typeorm';
import { CategoryEntity, type OcopGroup } from '../entities/category.entity';
import { ProductViews } from '../read-model/product-views.service';

export interface CategoryNode {
  id: string;
  parentId: string | null;
  slug: string;
  name: string;
  ocopGroup: OcopGroup | null;
  sortOrder: number;
  children: CategoryNode[];
}

/** The category tree (six OCOP groups with sub-groups, plus general agricultural categories). */
@Injectable()
export class CategoriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
    private readonly views: ProductViews,
  ) {}

  async tree(): Promise<CategoryNode[]> {
    const all = await this.dataSource.getRepository(CategoryEntity).find({ order: { sortOrder: 'ASC', name: 'ASC' } });
    const nodes = new Map<string, CategoryNode>(
      all.map((c) => [c.id, { id: c.id, parentId: c.parentId, slug: c.slug, name: c.name, ocopGroup: c.ocopGroup, sortOrder: c.sortOrder, children: [] }]),
    );
    const roots: CategoryNode[] = [];
    for (const node of nodes.values()) {
      const parent = node.parentId ? nodes.get(node.parentId) : undefined;
      (parent ? parent.children : roots).push(node);
    }
    return roots;
  }

  /** Renames a category (slug unchanged); products in it and below are re-indexed. */
  async rename(id: string, name: string): Promise<CategoryEntity> {
    const renamed = await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(CategoryEntity);
      const category = await repo.findOneBy({ id });
      if (!category) throw new NotFoundError('Danh mục', 'CATEGORY_NOT_FOUND');
      category.name = name;
      await repo.save(category);
      await this.events.publish(m, 'category.changed', { categoryId: id });
      return category;
    });
    this.views.forgetCategories();
    return renamed;
  }
}
