import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EnterpriseVerification, type EnterpriseHold, type EnterpriseHoldSource, type EnterpriseStatus } from '@tradefloor/enterprise-profile';
import type { EntityManager } from 'typeorm';

/**
 * The decisions of this context that keep an enterprise suspended, registered with
 * enterprise-profile's {@link EnterpriseVerification}: a takedown of the enterprise not yet
 * reinstated, a suspended or closed seller account, an identity hide. While any is in force the
 * administrators' plain "reinstate" is refused (409 `ENTERPRISE_HELD`), and lifting one hold
 * brings the enterprise back only when no other remains.
 */
@Injectable()
export class EnterpriseHolds implements EnterpriseHoldSource, OnModuleInit {
  constructor(private readonly verification: EnterpriseVerification) {}

  onModuleInit(): void {
    this.verification.useHolds(this);
  }

  async holdsOf(m: EntityManager, enterpriseId: string): Promise<EnterpriseHold[]> {
    const rows: Array<{ kind: string; reference: string; previous_status: EnterpriseStatus; since: Date }> = await m.query(
      `SELECT 'takedown' AS kind, id::text AS reference, previous_status, created_at AS since FROM takedowns
        WHERE subject_type = 'enterprise' AND subject_id = $1 AND status <> 'reinstated'
       UNION ALL
       SELECT 'account-' || state, state, previous_status, updated_at FROM seller_accounts
        WHERE enterprise_id = $1 AND state IN ('suspended', 'closed') AND previous_status IS NOT NULL
       UNION ALL
       SELECT 'identity-hidden', 'identity', hidden_status, hidden_at FROM seller_identities
        WHERE enterprise_id = $1 AND hidden_status IS NOT NULL
       ORDER BY since`,
      [enterpriseId],
    );
    // The oldest hold knows the status the enterprise had before it was first held.
    return rows.map((r) => ({ kind: r.kind, reference: r.reference, previousStatus: r.previous_status }));
  }
}
