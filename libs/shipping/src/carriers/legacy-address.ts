import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@tradefloor/core';
import { CommuneDirectory, ReferenceData } from '@tradefloor/enterprise-profile';
import type { CarrierAddress } from './carrier.port';

export interface TwoLevelAddress {
  provinceCode: string;
  communeCode: string;
  street?: string;
}

/**
 * The mapping layer between our addresses (two levels since July 2025: province + commune codes)
 * and the carriers' three levels (province → district → ward, pre-2025 names). A commune made of
 * several former units maps to the unit that kept its code, else to the first one in the open
 * data set's order; the carrier routes by that unit. Whether GHN and GHTK accept today's units
 * directly is an open question (docs/partners/ghn.md, ghtk.md).
 */
@Injectable()
export class LegacyAddresses {
  constructor(
    private readonly reference: ReferenceData,
    private readonly communes: CommuneDirectory,
  ) {}

  async toCarrier(a: TwoLevelAddress, field: string): Promise<CarrierAddress> {
    const problems = await this.reference.checkAddress(a.provinceCode, a.communeCode, field);
    if (problems.length) throw new ValidationFailedError(problems);
    const [commune, province, units] = await Promise.all([
      this.reference.commune(a.communeCode),
      this.reference.province(a.provinceCode),
      this.communes.legacyUnitsOf(a.communeCode),
    ]);
    const old = units[0];
    if (!old) {
      throw ValidationFailedError.field(
        `${field}.communeCode`,
        'Chưa có ánh xạ địa chỉ cũ cho xã/phường này, hãy chọn "người bán tự giao" (no carrier mapping for this commune yet)',
      );
    }
    return {
      street: (a.street ?? '').trim(),
      wardName: old.name,
      districtName: old.districtName,
      provinceName: old.provinceName,
      communeName: commune!.name,
      currentProvinceName: province!.name,
    };
  }
}
