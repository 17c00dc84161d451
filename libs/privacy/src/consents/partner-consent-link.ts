import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobQueue, JobRegistry, NotFoundError } from '@tradefloor/core';
import { EnterpriseAccess } from '@tradefloor/enterprise-profile';
import { toPrincipal, UsersService } from '@tradefloor/identity';
import { ConnectionsService, SharingConsentGate } from '@tradefloor/partner-sync';
import { partnerPurpose } from './consent-purposes';
import { Consents } from './consents.service';

export const PARTNER_CONSENT_WITHDRAWN_QUEUE = 'privacy.partner-consent-withdrawn';

/**
 * Ties the consent ledger to partner-sync: connecting a marketplace asks the ledger (or records the
 * consent given with the request); withdrawing `partner_sharing:<channel>` enqueues — in the
 * withdrawal's transaction — a job that disconnects that channel for every enterprise the person
 * manages, through partner-sync's unlist-first disconnect.
 */
@Injectable()
export class PartnerConsentLink implements OnModuleInit {
  constructor(
    private readonly consents: Consents,
    private readonly gate: SharingConsentGate,
    private readonly connections: ConnectionsService,
    private readonly access: EnterpriseAccess,
    private readonly users: UsersService,
    private readonly jobs: JobQueue,
    private readonly registry: JobRegistry,
  ) {}

  onModuleInit(): void {
    this.gate.use({
      isGranted: (userId, channel) => this.consents.isGranted(userId, partnerPurpose(channel)),
      grant: async (userId, channel, via) => {
        await this.consents.record(userId, partnerPurpose(channel), true, via);
      },
    });
    this.consents.onChange(async (m, userId, purpose, granted) => {
      if (granted || !purpose.channel) return;
      await this.jobs.enqueue(m, PARTNER_CONSENT_WITHDRAWN_QUEUE, { userId, channel: purpose.channel }, { dedupeKey: `${userId}:${purpose.channel}` });
    });
    this.registry.register<{ userId: string; channel: string }>(
      PARTNER_CONSENT_WITHDRAWN_QUEUE,
      (job) => this.disconnect(job.payload.userId, job.payload.channel),
      {
        concurrency: 1,
        maxAttempts: 8,
      },
    );
  }

  /** Idempotent: a channel already disconnected (or never connected) is skipped. */
  private async disconnect(userId: string, channel: string): Promise<void> {
    const user = await this.users.get(userId);
    if (!user) return;
    // Consent given again since: nothing to do.
    if (await this.consents.isGranted(userId, partnerPurpose(channel))) return;
    for (const enterpriseId of await this.access.managedEnterpriseIds(userId)) {
      try {
        await this.connections.disconnect(toPrincipal(user), enterpriseId, channel);
      } catch (err) {
        if (!(err instanceof NotFoundError)) throw err;
      }
    }
  }
}
