import type { FieldError } from '@tradefloor/core';
import type { EnterpriseKind, LegalForm } from '../entities/enterprise.entity';

export interface LegalIdentity {
  kind: EnterpriseKind;
  legalForm: LegalForm | null;
  legalName: string;
  taxCode: string | null;
  personalId: string | null;
}

/** The fields whose change on a verified enterprise sends it back to verification. */
export const LEGAL_IDENTITY_FIELDS = ['kind', 'legalForm', 'legalName', 'taxCode', 'personalId'] as const;

/**
 * Rules across fields: companies need a legal form, other kinds have none; households give a tax
 * code or (since 1 July 2025) the owner's 12-digit personal ID; every other kind needs a tax code.
 */
export function checkLegalIdentity(id: LegalIdentity): FieldError[] {
  const errors: FieldError[] = [];
  if (id.kind === 'company' && !id.legalForm) {
    errors.push({ field: 'legalForm', message: 'Công ty phải chọn loại hình llc, jsc hoặc partnership (a company needs legalForm)' });
  }
  if (id.kind !== 'company' && id.legalForm) {
    errors.push({ field: 'legalForm', message: 'Chỉ công ty mới có loại hình pháp lý (only companies have a legalForm)' });
  }
  if (id.kind === 'household') {
    if (!id.taxCode && !id.personalId) {
      errors.push({ field: 'taxCode', message: 'Hộ kinh doanh cần mã số thuế hoặc số định danh cá nhân (taxCode or personalId is required)' });
    }
  } else {
    if (!id.taxCode) errors.push({ field: 'taxCode', message: 'Cần mã số thuế (taxCode is required)' });
    if (id.personalId) {
      errors.push({ field: 'personalId', message: 'Chỉ hộ kinh doanh dùng số định danh cá nhân (personalId is for households only)' });
    }
  }
  return errors;
}

export function legalIdentityChanged(before: LegalIdentity, after: LegalIdentity): boolean {
  return LEGAL_IDENTITY_FIELDS.some((f) => (before[f] ?? null) !== (after[f] ?? null));
}
