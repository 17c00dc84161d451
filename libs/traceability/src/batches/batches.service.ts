import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConflictError, ValidationFailedError, type FieldError } from '@tradefloor/core';
import { ProductAccess, ProductViews } from '@tradefloor/catalog';
import { EnterpriseAccess, ReferenceData } from '@tradefloor/enterprise-profile';
import type { Principal } from '@tradefloor/identity';
import type { DataSource } from 'typeorm';
import { isValidLotCode } from '../codes/digital-link';
import { toGtin14 } from '../codes/gtin';
import type { CreateBatchDto } from './batch.dto';
import { BatchEntity } from './batch.entity';

/** A batch with the name of its product, for an enterprise-wide list. */
export interface EnterpriseBatch {
  batch: BatchEntity;
  productName: string;
}

function isRealDate(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

@Injectable()
export class BatchesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly products: ProductAccess,
    private readonly reference: ReferenceData,
    private readonly enterprises: EnterpriseAccess,
    private readonly views: ProductViews,
  ) {}

  async create(principal: Principal, dto: CreateBatchDto): Promise<BatchEntity> {
    const { product, enterprise } = await this.products.assertCanManage(principal, dto.productId);
    const errors: FieldError[] = [];
    if (!isValidLotCode(dto.lotCode)) errors.push({ field: 'lotCode', message: 'Mã lô không hợp lệ (invalid lot code)' });
    if (!isRealDate(dto.producedAt)) errors.push({ field: 'producedAt', message: 'Ngày không tồn tại (no such date)' });
    if (dto.expiresAt !== undefined) {
      if (!isRealDate(dto.expiresAt)) errors.push({ field: 'expiresAt', message: 'Ngày không tồn tại (no such date)' });
      else if (dto.expiresAt < dto.producedAt) {
        errors.push({ field: 'expiresAt', message: 'Hạn dùng phải sau ngày sản xuất (expiry must not precede production)' });
      }
    }
    if (!(dto.quantity > 0)) errors.push({ field: 'quantity', message: 'Số lượng phải lớn hơn 0 (quantity must be positive)' });
    if (dto.originCommuneCode && !(await this.reference.commune(dto.originCommuneCode))) {
      errors.push({ field: 'originCommuneCode', message: 'Không có xã/phường này (unknown commune)' });
    }
    if (errors.length) throw new ValidationFailedError(errors);

    const repo = this.dataSource.getRepository(BatchEntity);
    if (await repo.existsBy({ productId: product.id, lotCode: dto.lotCode })) throw this.duplicateLot();
    try {
      return await repo.save(
        repo.create({
          productId: product.id,
          enterpriseId: enterprise.id,
          lotCode: dto.lotCode,
          gtin14: toGtin14(product.gtin),
          producedAt: dto.producedAt,
          expiresAt: dto.expiresAt ?? null,
          quantity: dto.quantity,
          unit: dto.unit,
          originCommuneCode: dto.originCommuneCode ?? null,
          certifications: (dto.certifications ?? []).map((c) => (c.name ? { type: c.type, name: c.name } : { type: c.type })),
          notes: dto.notes || null,
          issuedCount: 0,
          createdBy: principal.id,
        }),
      );
    } catch (err) {
      // Two requests racing for the same lot code: the unique index decides.
      if ((err as { code?: string }).code === '23505') throw this.duplicateLot();
      throw err;
    }
  }

  async listForProduct(principal: Principal, productId: string): Promise<BatchEntity[]> {
    await this.products.assertCanManage(principal, productId);
    return this.dataSource.getRepository(BatchEntity).find({ where: { productId }, order: { producedAt: 'DESC', createdAt: 'DESC' } });
  }

  /** Every batch of an enterprise's products, newest first, a page at a time. */
  async listForEnterprise(
    principal: Principal,
    enterpriseId: string,
    page: { page: number; pageSize: number },
  ): Promise<{ items: EnterpriseBatch[]; total: number }> {
    const enterprise = await this.enterprises.assertCanManage(principal, enterpriseId);
    const [batches, total] = await this.dataSource.getRepository(BatchEntity).findAndCount({
      where: { enterpriseId: enterprise.id },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
    });
    const names = new Map((await this.views.load([...new Set(batches.map((b) => b.productId))])).map((p) => [p.id, p.name]));
    return { items: batches.map((batch) => ({ batch, productName: names.get(batch.productId) ?? '' })), total };
  }

  /**
   * The latest batches of a product for its public page: lot code and dates are printed on the
   * package anyway; the caller shows them only for products the public may see.
   */
  async recentPublic(productId: string, limit = 5): Promise<Array<{ lotCode: string; producedAt: string; expiresAt: string | null; stamped: boolean }>> {
    const rows = await this.dataSource.getRepository(BatchEntity).find({ where: { productId }, order: { producedAt: 'DESC', createdAt: 'DESC' }, take: limit });
    return rows.map((b) => ({ lotCode: b.lotCode, producedAt: b.producedAt, expiresAt: b.expiresAt, stamped: b.issuedCount > 0 }));
  }

  private duplicateLot(): ConflictError {
    return new ConflictError('Mã lô đã tồn tại cho sản phẩm này (lot code already used for this product)', 'LOT_CODE_TAKEN', [
      { field: 'lotCode', message: 'Mã lô đã tồn tại (lot code taken)' },
    ]);
  }
}
