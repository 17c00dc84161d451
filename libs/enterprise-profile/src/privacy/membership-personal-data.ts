import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry, type PersonalDataContributor, type PersonalDataRow, type PersonalDataSubject } from '@tradefloor/core';
import type { EntityManager } from 'typeorm';

/**
 * enterprise-profile's part of "my data": the enterprises where the account is a member. An
 * enterprise's legal identity is the business's, not the person's: on deletion the memberships stay
 * and point at the pseudonymised account.
 */
@Injectable()
export class MembershipPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'enterprise-memberships';
  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  export(subject: PersonalDataSubject, m: EntityManager): Promise<PersonalDataRow[]> {
    return m.query(
      `SELECT e.id AS "enterpriseId", e.legal_name AS "legalName", e.display_name AS "displayName", em.role, em.created_at AS "memberSince"
       FROM enterprise_members em JOIN enterprises e ON e.id = em.enterprise_id WHERE em.user_id = $1 ORDER BY em.created_at`,
      [subject.userId],
    );
  }
}
