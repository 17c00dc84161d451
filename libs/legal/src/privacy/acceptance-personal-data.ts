import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry, type PersonalDataContributor, type PersonalDataRow, type PersonalDataSubject } from '@tradefloor/core';
import type { EntityManager } from 'typeorm';

/**
 * legal's part of "my data": which versions of which documents the account accepted, when and
 * through which channel. Nothing is erased on deletion: the rows name no person once the account
 * is pseudonymised, and they are the operator's evidence of what the account agreed to.
 */
@Injectable()
export class AcceptancePersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'legal-acceptances';
  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  export(subject: PersonalDataSubject, m: EntityManager): Promise<PersonalDataRow[]> {
    return m.query(`SELECT document, version, channel, accepted_at AS "acceptedAt" FROM legal_acceptances WHERE user_id = $1 ORDER BY accepted_at, document`, [
      subject.userId,
    ]);
  }
}
