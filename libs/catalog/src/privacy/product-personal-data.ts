import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry, type PersonalDataContributor, type PersonalDataRow, type PersonalDataSubject } from '@tradefloor/core';
import { EnterpriseAccess } from '@tradefloor/enterprise-profile';
import type { EntityManager } from 'typeorm';

/**
 * catalog's part of "my data": the products of the enterprises where the account is a member
 * (a product does not record which member wrote it; they belong to the enterprise and stay on deletion).
 */
@Injectable()
export class ProductPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'products';
  constructor(
    private readonly registry: PersonalDataRegistry,
    private readonly access: EnterpriseAccess,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async export(subject: PersonalDataSubject, m: EntityManager): Promise<PersonalDataRow[]> {
    const enterpriseIds = await this.access.managedEnterpriseIds(subject.userId);
    if (!enterpriseIds.length) return [];
    return m.query(
      `SELECT id, enterprise_id AS "enterpriseId", sku, name, status, created_at AS "createdAt" FROM products WHERE enterprise_id = ANY($1::uuid[]) ORDER BY created_at`,
      [enterpriseIds],
    );
  }
}
