import { Injectable } from '@nestjs/common';
import { DomainError } from '@tradefloor/core';
import type { EntityManager } from 'typeorm';

/** A version of a legal document (terms of use, privacy policy…) a user accepts. */
export interface LegalVersionRef {
  document: string;
  version: number;
}

/** A version the user has not accepted yet, with its title for the answer. */
export interface PendingLegalVersion extends LegalVersionRef {
  title: string;
}

export type LegalChannel = 'web' | 'api';

/**
 * What the legal documents context provides to sign-up and sign-in. The legal lib depends on this
 * one, so it registers its provider here at start-up (no cycle), like `EnterpriseProductsDirectory`.
 */
export interface LegalAcceptanceProvider {
  /** Records, inside the registration's transaction, the versions a new user accepted by ticking the box. */
  acceptAtRegistration(manager: EntityManager, userId: string, channel: LegalChannel): Promise<void>;
  /** Material versions in force the user has not accepted (empty: nothing to ask). */
  pending(userId: string): Promise<PendingLegalVersion[]>;
  /** Records acceptances of pending versions (a stale or unknown version is a 400). */
  accept(userId: string, versions: LegalVersionRef[], channel: LegalChannel): Promise<void>;
}

/** Sign-in and refresh answer this while a material version in force is not accepted (403). */
export class LegalAcceptanceRequiredError extends DomainError {
  constructor(
    readonly pending: PendingLegalVersion[],
    ticket: string,
  ) {
    super(
      'LEGAL_ACCEPTANCE_REQUIRED',
      'Cần đồng ý phiên bản mới của điều khoản trước khi tiếp tục (accept the new version of the legal documents to continue)',
      403,
      pending.map((p) => ({ field: p.document, message: `${p.version}: ${p.title}` })),
      { 'X-Legal-Acceptance-Ticket': ticket },
    );
  }
}

@Injectable()
export class LegalAcceptanceGate {
  private provider: LegalAcceptanceProvider | undefined;

  register(provider: LegalAcceptanceProvider): void {
    this.provider = provider;
  }

  async acceptAtRegistration(manager: EntityManager, userId: string, channel: LegalChannel): Promise<void> {
    await this.provider?.acceptAtRegistration(manager, userId, channel);
  }

  async pending(userId: string): Promise<PendingLegalVersion[]> {
    return this.provider ? this.provider.pending(userId) : [];
  }

  async accept(userId: string, versions: LegalVersionRef[], channel: LegalChannel): Promise<void> {
    if (this.provider) await this.provider.accept(userId, versions, channel);
  }
}
