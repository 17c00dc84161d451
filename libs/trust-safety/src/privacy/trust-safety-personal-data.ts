import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry, type PersonalDataContributor, type PersonalDataRow, type PersonalDataSubject } from '@tradefloor/core';
import type { EntityManager } from 'typeorm';

/**
 * trust-safety's part of "my data": complaints filed with the account's email (erased to the
 * pseudonym on deletion; the complaint itself stays, it concerns a third party) and the audit
 * events the account caused or that concern it. Audit rows are append-only and hash-chained: they
 * are never changed; after deletion their actor id points at the pseudonymised account.
 */
@Injectable()
export class TrustSafetyPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'complaints';
  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
    this.registry.register({
      section: 'audit-events',
      export: (subject, m) =>
        m.query(
          `SELECT seq, occurred_at AS "occurredAt", actor_id AS "actorId", actor_role AS "actorRole", action, subject_type AS "subjectType", subject_id AS "subjectId", before, after
           FROM audit_events WHERE actor_id = $1 OR (subject_type = 'user' AND subject_id = $2) ORDER BY seq`,
          [subject.userId, subject.userId],
        ),
    });
  }

  export(subject: PersonalDataSubject, m: EntityManager): Promise<PersonalDataRow[]> {
    return m.query(
      `SELECT code, kind, subject_type AS "subjectType", subject_id AS "subjectId", name, email, phone, message, status, resolution, created_at AS "createdAt"
       FROM complaints WHERE lower(email) = lower($1) ORDER BY created_at`,
      [subject.email],
    );
  }

  async erase(subject: PersonalDataSubject, m: EntityManager): Promise<void> {
    await m.query(`UPDATE complaints SET name = $2, email = $3, phone = NULL WHERE lower(email) = lower($1)`, [
      subject.email,
      subject.pseudonym,
      `${subject.pseudonym}@deleted.invalid`,
    ]);
  }
}
