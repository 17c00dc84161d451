import { Injectable } from '@nestjs/common';
import { IdentityProofProvider, type ProofOutcome, type ProofSession } from './identity-provider';

/** Staff review: nothing leaves the floor; the request waits in the staff queue and a person decides. */
@Injectable()
export class StaffReviewProvider extends IdentityProofProvider {
  readonly method = 'staff_review' as const;
  readonly available = true;

  async start(): Promise<ProofSession> {
    return { externalRef: null, redirectUrl: null };
  }

  async outcome(): Promise<ProofOutcome> {
    return { status: 'pending' };
  }

  readNotification(): string | null {
    return null;
  }
}
