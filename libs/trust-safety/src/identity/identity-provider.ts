import type { DocumentKind, IdentityMethod } from './identity.dto';

/** The identity a provider established: the document, never a picture of it. */
export interface ProvenDocument {
  kind: DocumentKind;
  number: string;
  /** YYYY-MM-DD, or null when the document does not expire. */
  expiresOn: string | null;
  holderName: string;
}

/** Where a started proof stands, as the provider says now. */
export type ProofOutcome = { status: 'pending' } | { status: 'verified'; document: ProvenDocument } | { status: 'failed'; reason: string };

export interface ProofStart {
  requestId: string;
  enterpriseId: string;
  /** Where the seller's browser comes back after the provider's pages. */
  returnUrl: string;
  /** Where the provider posts its (signed) notification. */
  callbackUrl: string;
}

/** What starting a proof gave: the provider's reference and, for an interactive service, where the seller goes. */
export interface ProofSession {
  externalRef: string | null;
  redirectUrl: string | null;
}

/**
 * The port through which a seller proves who they are. Two kinds plug in: `staff_review` (the
 * seller submits the document's particulars and provincial staff check the original — the
 * decision is a person's, so `outcome` stays pending until staff decide) and `electronic` (an
 * electronic identity service such as VNeID once it publishes a contract; today the simulator in
 * apps/partner-sim): a session the seller is redirected to, a signed notification that is only a
 * hint, and a status the floor re-fetches.
 */
export abstract class IdentityProofProvider {
  abstract readonly method: IdentityMethod;
  /** Whether the installation has this provider configured. */
  abstract readonly available: boolean;
  abstract start(input: ProofStart): Promise<ProofSession>;
  /** The provider's current answer for a session (re-fetched; never taken from a notification). */
  abstract outcome(externalRef: string): Promise<ProofOutcome>;
  /** Checks a notification's signature over its exact bytes; returns the session it names, or null. */
  abstract readNotification(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): string | null;
}

export const IDENTITY_PROVIDERS = Symbol('IDENTITY_PROVIDERS');
