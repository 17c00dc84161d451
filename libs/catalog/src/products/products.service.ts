import { ProductScreeningGate } from './product-screening-gate';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, Clock, ConflictError, DomainEvents, InvalidStateError, ValidationFailedError, type ResolvedConfig } from '@tradefloor/core';
import { EnterpriseAccess } from '@tradefloor/enterprise-profile';
import type { Principal } from '@tradefloor/identity';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import { ProductAccess } from '../access/product-access.service';
import type { CreateProductDto, ProductFieldsDto, UpdateProductDto } from '../dto/product-input.dto';
import { ProductEntity, type Certification } from '../entities/product.entity';
import { sanitizeDescription } from '../text/sanitize-description';
import { normalizeCertifications, ProductReferences } from './product-references';
import { allocateProductSlug } from './product-slugs';

/**
 * Reviewed content: what a moderator approves. Certifications (incl. "typical rural industrial",
 * counted in official statistics) and the GTIN (stamps vouch for it) are reviewed like the text
 * (issue 18 §7); price, stock and the like are not.
 */
const CONTENT_FIELDS = ['name', 'description', 'categoryId', 'gtin', 'certifications'] as const;

/** A slug clash between concurrent writers is retried this many times (each retry picks a fresh slug). */
const SLUG_RETRIES = 3;

export function skuTakenError(): ConflictError {
  return new ConflictError('Mã SKU đã được dùng trong doanh nghiệp (SKU already used in this enterprise)', 'SKU_TAKEN', [
    { field: 'sku', message: 'Mã SKU đã tồn tại (duplicate SKU)' },
  ]);
}

/** A reviewed field's value for comparison: certifications as a set (order and key order do not count). */
function reviewedValue(value: unknown): unknown {
  if (!Array.isArray(value)) return value ?? null;
  return (value as Certification[])
    .map((c) => `${c.type}:${c.name ?? ''}`)
    .sort()
    .join('|');
}

function constraintOf(err: unknown): string | undefined {
  return err instanceof QueryFailedError ? (err as unknown as { constraint?: string }).constraint : undefined;
}

/** Creating and editing products; every write publishes `product.changed` in its transaction. */
@Injectable()
export class ProductsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly enterprises: EnterpriseAccess,
    private readonly access: ProductAccess,
    private readonly references: ProductReferences,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly screening: ProductScreeningGate,
  ) {}

  async create(principal: Principal, dto: CreateProductDto): Promise<ProductEntity> {
    await this.enterprises.assertCanManage(principal, dto.enterpriseId);
    const errors = await this.references.check({ ...dto, priceMaxVnd: dto.priceMaxVnd ?? null });
    if (errors.length) throw new ValidationFailedError(errors);
    return this.withSlugRetry(() =>
      this.dataSource.transaction(async (m) => {
        if (await m.getRepository(ProductEntity).existsBy({ enterpriseId: dto.enterpriseId, sku: dto.sku })) throw skuTakenError();
        const product = await this.insert(m, dto.enterpriseId, dto);
        return product;
      }),
    );
  }

  /** Inserts a draft product (also used by the CSV import, inside its transaction). */
  async insert(m: EntityManager, enterpriseId: string, dto: ProductFieldsDto): Promise<ProductEntity> {
    const repo = m.getRepository(ProductEntity);
    const product = repo.create({
      enterpriseId,
      categoryId: dto.categoryId,
      name: dto.name,
      slug: await allocateProductSlug(m, dto.name),
      description: sanitizeDescription(dto.description),
      sku: dto.sku,
      gtin: dto.gtin ?? null,
      priceVnd: dto.priceVnd,
      priceMaxVnd: dto.priceMaxVnd ?? null,
      unit: dto.unit,
      minOrderQuantity: dto.minOrderQuantity ?? 1,
      stockQuantity: dto.stockQuantity,
      weightGrams: dto.weightGrams ?? null,
      originCommuneCode: dto.originCommuneCode,
      certifications: normalizeCertifications(dto.certifications),
      status: 'draft',
      rejectionReason: null,
      submittedAt: null,
      publishedAt: null,
    });
    await repo.save(product);
    await this.events.publish(m, 'product.changed', { productId: product.id });
    return product;
  }

  async update(principal: Principal, id: string, dto: UpdateProductDto): Promise<ProductEntity> {
    await this.access.assertCanManage(principal, id);
    return this.withSlugRetry(() =>
      this.dataSource.transaction(async (m) => {
        const repo = m.getRepository(ProductEntity);
        const p = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!p) throw new InvalidStateError('Sản phẩm đã bị xoá (product gone)');
        if (p.status === 'archived')
          throw new InvalidStateError('Sản phẩm đã lưu trữ, không sửa được (archived products cannot be edited)', 'PRODUCT_ARCHIVED');
        const priceVnd = dto.priceVnd ?? p.priceVnd;
        const priceMaxVnd = dto.priceMaxVnd === undefined ? p.priceMaxVnd : dto.priceMaxVnd;
        const errors = await this.references.check({
          categoryId: dto.categoryId,
          originCommuneCode: dto.originCommuneCode,
          priceVnd,
          priceMaxVnd,
        });
        if (errors.length) throw new ValidationFailedError(errors);
        if (dto.sku !== undefined && dto.sku !== p.sku && (await repo.existsBy({ enterpriseId: p.enterpriseId, sku: dto.sku }))) throw skuTakenError();

        const description = dto.description === undefined ? undefined : sanitizeDescription(dto.description);
        const certifications = dto.certifications === undefined ? undefined : normalizeCertifications(dto.certifications);
        const next = { name: dto.name, description, categoryId: dto.categoryId, gtin: dto.gtin, certifications };
        const contentChanged = CONTENT_FIELDS.some((f) => next[f] !== undefined && reviewedValue(next[f]) !== reviewedValue(p[f]));
        if (dto.name !== undefined && dto.name !== p.name && !p.publishedAt) {
          // Slugs are stable once a product has been published (links, partner listings).
          p.slug = await allocateProductSlug(m, dto.name, p.id);
        }
        Object.assign(p, {
          ...(dto.name !== undefined && { name: dto.name }),
          ...(description !== undefined && { description }),
          ...(dto.categoryId !== undefined && { categoryId: dto.categoryId }),
          ...(dto.sku !== undefined && { sku: dto.sku }),
          ...(dto.gtin !== undefined && { gtin: dto.gtin }),
          ...(dto.unit !== undefined && { unit: dto.unit }),
          ...(dto.stockQuantity !== undefined && { stockQuantity: dto.stockQuantity }),
          ...(dto.minOrderQuantity !== undefined && { minOrderQuantity: dto.minOrderQuantity }),
          ...(dto.weightGrams !== undefined && { weightGrams: dto.weightGrams }),
          ...(dto.originCommuneCode !== undefined && { originCommuneCode: dto.originCommuneCode }),
          ...(certifications !== undefined && { certifications }),
          priceVnd,
          priceMaxVnd,
        });
        if (contentChanged) this.contentEdited(p);
        await repo.save(p);
        // Edited content back in the moderation queue is screened again.
        if (contentChanged && p.status === 'pending_review') await this.screening.screen(m, p);
        await this.events.publish(m, 'product.changed', { productId: p.id });
        return p;
      }),
    );
  }

  /**
   * A change of reviewed content (fields above, images) makes a new revision (issue 18 §7):
   * - waiting for review (`pending_review`): back to `draft`, so no moderator approves content they
   *   never saw; the seller submits again (a moderator may also pin the revision they approve);
   * - published, with PRODUCT_EDITS_REQUIRE_REVIEW=true: back to the moderation queue. Default:
   *   applied at once.
   */
  contentEdited(p: ProductEntity): void {
    p.revision += 1;
    if (p.status === 'pending_review') {
      p.status = 'draft';
      p.submittedAt = null;
    } else if (this.config.productEditsRequireReview && p.status === 'published') {
      p.status = 'pending_review';
      p.submittedAt = this.clock.now();
    }
  }

  /** Runs `work` again (at most SLUG_RETRIES times) when a concurrent writer took the same slug first; maps the SKU constraint to 409. */
  private async withSlugRetry<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (err) {
        const constraint = constraintOf(err);
        if (constraint === 'products_slug_key' && attempt < SLUG_RETRIES) continue;
        if (constraint === 'products_enterprise_id_sku_key') throw skuTakenError();
        throw err;
      }
    }
  }
}
