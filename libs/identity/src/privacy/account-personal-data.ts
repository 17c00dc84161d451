import { randomBytes } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry, type PersonalDataContributor, type PersonalDataRow, type PersonalDataSubject } from '@tradefloor/core';
import type { EntityManager } from 'typeorm';

/** The address a closed account keeps: unique, undeliverable (.invalid), frees the real email for a new registration. */
export const erasedEmail = (pseudonym: string): string => `${pseudonym}@deleted.invalid`;

/** identity's part of "my data": the account itself (erased to a pseudonym on deletion, tokens revoked). */
@Injectable()
export class AccountPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'account';
  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
    this.registry.register(new SignInPersonalData());
  }

  export(subject: PersonalDataSubject, m: EntityManager): Promise<PersonalDataRow[]> {
    return m.query(
      `SELECT id, email, phone, display_name AS "displayName", role, status, email_verified_at AS "emailVerifiedAt", created_at AS "createdAt", updated_at AS "updatedAt"
       FROM users WHERE id = $1`,
      [subject.userId],
    );
  }

  /** The row stays (enterprises, products and audit rows point at its id) but names nobody; no password can match the random hash. */
  async erase(subject: PersonalDataSubject, m: EntityManager): Promise<void> {
    await m.query(`UPDATE users SET email = $2, phone = NULL, display_name = $3, password_hash = $4, status = 'disabled', updated_at = now() WHERE id = $1`, [
      subject.userId,
      erasedEmail(subject.pseudonym),
      subject.pseudonym,
      `erased:${randomBytes(24).toString('hex')}`,
    ]);
    await m.query(`DELETE FROM refresh_tokens WHERE user_id = $1`, [subject.userId]);
    await m.query(`DELETE FROM email_verification_tokens WHERE user_id = $1`, [subject.userId]);
  }
}

/** Sign-in history: each refresh-token family starts at a sign-in; rotations and revocations follow. */
class SignInPersonalData implements PersonalDataContributor {
  readonly section = 'sign-ins';

  export(subject: PersonalDataSubject, m: EntityManager): Promise<PersonalDataRow[]> {
    return m.query(
      `SELECT family_id AS "sessionId", min(created_at) AS "signedInAt", max(created_at) AS "lastRefreshedAt", max(expires_at) AS "expiresAt", max(revoked_at) AS "revokedAt"
       FROM refresh_tokens WHERE user_id = $1 GROUP BY family_id ORDER BY min(created_at)`,
      [subject.userId],
    );
  }
}
