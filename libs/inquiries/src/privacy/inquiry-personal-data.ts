import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry, type PersonalDataContributor, type PersonalDataRow, type PersonalDataSubject } from '@tradefloor/core';
import { EnterpriseAccess } from '@tradefloor/enterprise-profile';
import type { EntityManager } from 'typeorm';

const COLUMNS = `id, product_id AS "productId", enterprise_id AS "enterpriseId", buyer_name AS "buyerName", buyer_phone AS "buyerPhone",
  quantity, message, status, created_at AS "createdAt"`;

/**
 * inquiries' part of "my data": inquiries the account sent (on deletion the name and phone are
 * erased; the message stays with the seller who received it) and inquiries received by the
 * enterprises where it is a member.
 */
@Injectable()
export class InquiryPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'inquiries-sent';
  constructor(
    private readonly registry: PersonalDataRegistry,
    private readonly access: EnterpriseAccess,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
    this.registry.register({
      section: 'inquiries-received',
      export: async (subject, m) => {
        const enterpriseIds = await this.access.managedEnterpriseIds(subject.userId);
        if (!enterpriseIds.length) return [];
        return m.query(`SELECT ${COLUMNS} FROM inquiries WHERE enterprise_id = ANY($1::uuid[]) ORDER BY created_at`, [enterpriseIds]);
      },
    });
  }

  export(subject: PersonalDataSubject, m: EntityManager): Promise<PersonalDataRow[]> {
    return m.query(`SELECT ${COLUMNS} FROM inquiries WHERE buyer_user_id = $1 ORDER BY created_at`, [subject.userId]);
  }

  async erase(subject: PersonalDataSubject, m: EntityManager): Promise<void> {
    await m.query(`UPDATE inquiries SET buyer_name = $2, buyer_phone = NULL, updated_at = now() WHERE buyer_user_id = $1`, [subject.userId, subject.pseudonym]);
  }
}
