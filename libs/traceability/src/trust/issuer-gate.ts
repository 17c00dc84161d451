import { InvalidStateError } from '@tradefloor/core';
import type { ProductEntity } from '@tradefloor/catalog';
import type { EnterpriseEntity } from '@tradefloor/enterprise-profile';

/**
 * Stamps are issued and activated only for what the floor checked: a verified (not suspended)
 * enterprise and a product that passed moderation and is on the floor. Anything else could print
 * "genuine" on goods nobody looked at (security review, issue 18 §1).
 */
export function assertMayStamp(enterprise: EnterpriseEntity, product: ProductEntity): void {
  if (enterprise.status === 'suspended') {
    throw new InvalidStateError('Doanh nghiệp đang bị tạm ngưng, không thể phát hành tem (the enterprise is suspended)', 'ENTERPRISE_SUSPENDED');
  }
  if (enterprise.status !== 'verified') {
    throw new InvalidStateError(
      'Doanh nghiệp cần được sàn xác minh trước khi phát hành tem (the enterprise must be verified before issuing stamps)',
      'ENTERPRISE_NOT_VERIFIED',
    );
  }
  if (product.status !== 'published') {
    throw new InvalidStateError(
      'Sản phẩm cần được sàn duyệt và đang hiển thị trước khi phát hành tem (the product must be approved and published first)',
      'PRODUCT_NOT_PUBLISHED',
    );
  }
}
