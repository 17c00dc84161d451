import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry, type PersonalDataContributor, type PersonalDataRow, type PersonalDataSubject } from '@tradefloor/core';
import type { EntityManager } from 'typeorm';

/** news-bulletin's part of "my data": bulletins the account wrote (published ones stay, the author becomes the pseudonymised account). */
@Injectable()
export class BulletinPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'bulletins-authored';
  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  export(subject: PersonalDataSubject, m: EntityManager): Promise<PersonalDataRow[]> {
    return m.query(
      `SELECT id, kind, status, slug, title, created_at AS "createdAt", published_at AS "publishedAt" FROM bulletins WHERE created_by = $1 ORDER BY created_at`,
      [subject.userId],
    );
  }
}
