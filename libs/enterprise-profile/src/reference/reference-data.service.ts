import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FieldError } from '@tradefloor/core';
import type { DataSource } from 'typeorm';
import { CommuneEntity, ProvinceEntity } from '../entities/commune.entity';

/** Provinces and communes (reference data); validation of address codes for every context. */
@Injectable()
export class ReferenceData {
  // Only hits are cached: a commune loaded later from a file must be accepted without a restart.
  private readonly communeCache = new Map<string, CommuneEntity>();
  private readonly provinceCache = new Map<string, ProvinceEntity>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async commune(code: string): Promise<CommuneEntity | null> {
    if (typeof code !== 'string' || !/^\d{5}$/.test(code)) return null;
    const cached = this.communeCache.get(code);
    if (cached) return cached;
    const found = await this.dataSource.getRepository(CommuneEntity).findOneBy({ code });
    if (found) this.communeCache.set(code, found);
    return found;
  }

  async province(code: string): Promise<ProvinceEntity | null> {
    if (typeof code !== 'string' || !/^\d{2}$/.test(code)) return null;
    const cached = this.provinceCache.get(code);
    if (cached) return cached;
    const found = await this.dataSource.getRepository(ProvinceEntity).findOneBy({ code });
    if (found) this.provinceCache.set(code, found);
    return found;
  }

  /** Field errors for an address given as province + commune codes (empty when valid). */
  async checkAddress(provinceCode: string, communeCode: string, prefix = 'address'): Promise<FieldError[]> {
    const province = await this.province(provinceCode);
    if (!province) return [{ field: `${prefix}.provinceCode`, message: 'Tỉnh/thành không tồn tại (unknown province)' }];
    const commune = await this.commune(communeCode);
    if (!commune) return [{ field: `${prefix}.communeCode`, message: 'Xã/phường không tồn tại (unknown commune)' }];
    if (commune.provinceCode !== province.code) {
      return [{ field: `${prefix}.communeCode`, message: 'Xã/phường không thuộc tỉnh đã chọn (commune is not in this province)' }];
    }
    return [];
  }

  /** Forgets cached lookups (after loading a province file). */
  clearCache(): void {
    this.communeCache.clear();
    this.provinceCache.clear();
  }
}
