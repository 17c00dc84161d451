import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CommuneEntity } from '../entities/commune.entity';

/** Provinces and communes (reference data); validation of address codes for every context. */
@Injectable()
export class ReferenceData {
  private readonly communeCache = new Map<string, CommuneEntity | null>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async commune(code: string): Promise<CommuneEntity | null> {
    if (!/^\d{5}$/.test(code)) return null;
    if (!this.communeCache.has(code)) {
      this.communeCache.set(code, await this.dataSource.getRepository(CommuneEntity).findOneBy({ code }));
    }
    return this.communeCache.get(code) ?? null;
  }

  /** Forgets cached lookups (after loading a province file). */
  clearCache(): void {
    this.communeCache.clear();
  }
}
