import type { BatchDto } from './batch.dto';
import type { BatchEntity } from './batch.entity';

export function toBatchDto(b: BatchEntity): BatchDto {
  return {
    id: b.id,
    productId: b.productId,
    enterpriseId: b.enterpriseId,
    lotCode: b.lotCode,
    gtin14: b.gtin14,
    producedAt: b.producedAt,
    expiresAt: b.expiresAt,
    quantity: b.quantity,
    unit: b.unit,
    originCommuneCode: b.originCommuneCode,
    certifications: b.certifications,
    notes: b.notes,
    issuedCount: b.issuedCount,
    createdAt: b.createdAt,
  };
}
