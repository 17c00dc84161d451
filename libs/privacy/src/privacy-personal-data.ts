import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry, type PersonalDataContributor, type PersonalDataRow, type PersonalDataSubject } from '@tradefloor/core';
import type { EntityManager } from 'typeorm';

/** privacy's own part of "my data": the consent ledger (kept on deletion: it proves what was agreed, under the anonymous id). */
@Injectable()
export class PrivacyPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'consents';
  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  export(subject: PersonalDataSubject, m: EntityManager): Promise<PersonalDataRow[]> {
    return m.query(
      `SELECT purpose, granted, policy_version AS "policyVersion", channel, transfer_country AS "transferCountry", occurred_at AS "occurredAt"
       FROM consent_events WHERE user_id = $1 ORDER BY id`,
      [subject.userId],
    );
  }
}
