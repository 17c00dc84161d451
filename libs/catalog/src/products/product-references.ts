import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FieldError } from '@tradefloor/core';
import { ReferenceData } from '@tradefloor/enterprise-profile';
import type { DataSource } from 'typeorm';
import type { CertificationDto } from '../dto/product-input.dto';
import { CategoryEntity } from '../entities/category.entity';
import type { Certification } from '../entities/product.entity';
import { isUuid } from '@tradefloor/core';

/**
 * Checks of product input that need the database (category, commune) or several fields
 * (price range). Any category node is accepted: a product may sit in a group that has no
 * sub-groups (community tourism) or in a sub-group.
 */
@Injectable()
export class ProductReferences {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reference: ReferenceData,
  ) {}

  async check(input: { categoryId?: string; originCommuneCode?: string; priceVnd: number; priceMaxVnd: number | null }): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    if (input.categoryId !== undefined && !(await this.categoryExists(input.categoryId))) {
      errors.push({ field: 'categoryId', message: 'Danh mục không tồn tại (unknown category)' });
    }
    if (input.originCommuneCode !== undefined && !(await this.reference.commune(input.originCommuneCode))) {
      errors.push({ field: 'originCommuneCode', message: 'Mã xã/phường không tồn tại (unknown commune)' });
    }
    if (input.priceMaxVnd !== null && input.priceMaxVnd < input.priceVnd) {
      errors.push({ field: 'priceMaxVnd', message: 'Giá tối đa phải ≥ giá (priceMaxVnd must be ≥ priceVnd)' });
    }
    return errors;
  }

  async categoryExists(id: string): Promise<boolean> {
    return isUuid(id) && (await this.dataSource.getRepository(CategoryEntity).existsBy({ id }));
  }
}

/** Certifications as stored: `name` only where given, one entry per type (per name for `other`). */
export function normalizeCertifications(input: CertificationDto[] | undefined): Certification[] {
  const out: Certification[] = [];
  const seen = new Set<string>();
  for (const c of input ?? []) {
    const name = c.name?.trim() || undefined;
    const key = c.type === 'other' ? `other:${name?.toLowerCase()}` : c.type;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(name ? { type: c.type, name } : { type: c.type });
  }
  return out;
}
