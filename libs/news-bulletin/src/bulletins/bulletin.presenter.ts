import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type ResolvedConfig } from '@tradefloor/core';
import { CategoryService } from '../categories/category.service';
import type { BulletinDto, BulletinListDto } from '../dto/bulletin-output.dto';
import type { BulletinEntity } from '../entities/bulletin.entity';
import type { BulletinPage } from './bulletin-query.service';
import { toBulletinDto, toSummaryDto } from './bulletin.mapper';

/** Turns entities into response DTOs (category names, absolute URLs). */
@Injectable()
export class BulletinPresenter {
  constructor(
    private readonly categories: CategoryService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  async one(b: BulletinEntity): Promise<BulletinDto> {
    return toBulletinDto(b, await this.categories.map(), this.config.publicBaseUrl);
  }

  async page(p: BulletinPage): Promise<BulletinListDto> {
    const categories = await this.categories.map();
    return { ...p, items: p.items.map((b) => toSummaryDto(b, categories, this.config.publicBaseUrl)) };
  }
}
