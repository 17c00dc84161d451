import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { richTextToPlain } from '@tradefloor/core';
import { MoreThan, type DataSource, type EntityManager } from 'typeorm';
import type { ProductScreeningDto } from '../dto/product-output.dto';
import { ProductEntity } from '../entities/product.entity';

/** The text of a product that a screening reads: one plain-text value per field. */
export interface ScreenedProduct {
  id: string;
  enterpriseId: string;
  revision: number;
  fields: Record<string, string>;
}

/** An approver's explicit decision to publish despite a prohibited match, with the reason (audited). */
export interface ScreeningOverride {
  reason: string;
}

/**
 * What a content screening (trust and safety's keyword lists) does at the moderation steps. It
 * registers itself with {@link ProductScreeningGate}; catalog does not depend on it.
 */
export interface ProductScreeningCheck {
  /** In the write's transaction, whenever a product enters the moderation queue with new content. */
  screen(m: EntityManager, product: ScreenedProduct): Promise<void>;
  /** In the approval's transaction: screens again with the current list and throws to refuse. */
  beforeApprove(m: EntityManager, product: ScreenedProduct, override: ScreeningOverride | undefined): Promise<void>;
  /** The stored findings of these products, for the moderation queue. */
  findings(productIds: string[]): Promise<Map<string, ProductScreeningDto>>;
}

/** Plain text of each reviewed text field of a product. */
export function screenedProduct(p: ProductEntity): ScreenedProduct {
  const fields: Record<string, string> = { name: p.name, description: richTextToPlain(p.description), sku: p.sku, unit: p.unit };
  p.certifications.forEach((c, i) => {
    if (c.name) fields[`certifications.${i}.name`] = c.name;
  });
  return { id: p.id, enterpriseId: p.enterpriseId, revision: p.revision, fields };
}

/**
 * The moderation steps' hook for content screening. Without a registered check (a composition
 * without trust and safety) products are not screened and approval is not gated.
 */
@Injectable()
export class ProductScreeningGate {
  private check: ProductScreeningCheck | undefined;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The moderation queue's products (`pending_review`) in id order after `afterId`, as screened text: for re-screening when the lists change. */
  async awaitingModeration(afterId: string | null, limit: number): Promise<ScreenedProduct[]> {
    const rows = await this.dataSource.getRepository(ProductEntity).find({
      where: afterId ? { status: 'pending_review', id: MoreThan(afterId) } : { status: 'pending_review' },
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.map(screenedProduct);
  }

  use(check: ProductScreeningCheck): void {
    this.check = check;
  }

  async screen(m: EntityManager, p: ProductEntity): Promise<void> {
    await this.check?.screen(m, screenedProduct(p));
  }

  async beforeApprove(m: EntityManager, p: ProductEntity, override: ScreeningOverride | undefined): Promise<void> {
    await this.check?.beforeApprove(m, screenedProduct(p), override);
  }

  async findings(productIds: string[]): Promise<Map<string, ProductScreeningDto>> {
    return this.check && productIds.length ? this.check.findings(productIds) : new Map();
  }
}
