import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Whose data: the account id and, read before anything is erased, its email (complaints are filed by email). */
export interface PersonalDataSubject {
  userId: string;
  email: string;
  /** Stable pseudonym (`user-<hash>`) that erased records keep instead of the person's identity. */
  pseudonym: string;
}

/** One row of an export section: plain JSON values (dates as Date or ISO strings). */
export type PersonalDataRow = Record<string, unknown>;

/**
 * A context's part in the data subject's rights (PDP Law 91/2025): what it holds about an account
 * (`export`, one section of the archive) and how it erases it (`erase`, optional — records the law
 * or other people's rights require to keep are pseudonymised instead of deleted). A context
 * registers one contributor from its module's `onModuleInit`; libs/privacy builds the archive and
 * runs the erasure from every registered contributor, so a new context plugs in with one provider.
 */
export interface PersonalDataContributor {
  /** Section name: file name in the archive (`<section>.json`, `<section>.csv`), unique. */
  readonly section: string;
  export(subject: PersonalDataSubject, manager: EntityManager): Promise<PersonalDataRow[]>;
  /** Runs inside the account-deletion transaction. */
  erase?(subject: PersonalDataSubject, manager: EntityManager): Promise<void>;
}

/** The registry of contributors (global, in CoreModule). */
@Injectable()
export class PersonalDataRegistry {
  private readonly contributors = new Map<string, PersonalDataContributor>();

  register(contributor: PersonalDataContributor): void {
    if (this.contributors.has(contributor.section)) throw new Error(`personal data section "${contributor.section}" registered twice`);
    this.contributors.set(contributor.section, contributor);
  }

  all(): PersonalDataContributor[] {
    return [...this.contributors.values()].sort((a, b) => a.section.localeCompare(b.section));
  }
}
