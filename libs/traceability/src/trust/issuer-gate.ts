import { DomainError } from '@tradefloor/core';
import type { ProductEntity } from '@tradefloor/catalog';
import type { EnterpriseEntity } from '@tradefloor/enterprise-profile';

/**
 * Stamps are issued and activated only for what the floor checked: a verified (not suspended)
 * enterprise and a product that passed moderation and is on the floor. Anything else could print
 * "genuine" on goods nobody looked at (security review, issue 18 §1).
 */
export function assertMayStamp(enterprise: EnterpriseEntity, product: ProductEntity, field = 'count'): void {
  if (enterprise.status === 'suspended') {
    throw stampRefused('ENTERPRISE_SUSPENDED', 'Doanh nghiệp đang bị tạm ngưng, không thể phát hành tem (the enterprise is suspended)', field);
  }
  if (enterprise.status !== 'verified') {
    throw stampRefused(
      'ENTERPRISE_NOT_VERIFIED',
      'Doanh nghiệp cần được sàn xác minh trước khi phát hành tem (the enterprise must be verified before issuing stamps)',
      field,
    );
  }
  if (product.status !== 'published') {
    throw stampRefused(
      'PRODUCT_NOT_PUBLISHED',
      'Sản phẩm cần được sàn duyệt và đang hiển thị trước khi phát hành tem (the product must be approved and published first)',
      field,
    );
  }
}

/** A 409 that also names the form field, so the back-office form shows it next to the input. */
export function stampRefused(code: string, message: string, field: string): DomainError {
  return new DomainError(code, message, 409, [{ field, message }]);
}
