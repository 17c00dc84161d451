import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrail, Clock, ValidationFailedError } from '@tradefloor/core';
import { LegalDocuments } from '@tradefloor/legal';
import type { DataSource, EntityManager } from 'typeorm';
import { consentPurposes, type ConsentPurpose } from './consent-purposes';
import type { ConsentChannel, ConsentEventDto, ConsentListDto, ConsentStateDto } from './consent.dto';

interface ConsentRow {
  purpose: string;
  granted: boolean;
  policy_version: string | null;
  channel: ConsentChannel;
  transfer_country: string | null;
  occurred_at: Date;
}

const toEvent = (r: ConsentRow): ConsentEventDto => ({
  purpose: r.purpose,
  granted: r.granted,
  policyVersion: r.policy_version,
  channel: r.channel,
  transferCountry: r.transfer_country,
  occurredAt: r.occurred_at,
});

/** Listeners told after a consent changed (in the same transaction), e.g. partner sharing withdrawn → disconnect. */
export type ConsentListener = (m: EntityManager, userId: string, purpose: ConsentPurpose, granted: boolean) => Promise<void>;

/**
 * The consent ledger: one append-only row per grant or withdrawal (who, purpose, which policy
 * version, when, through which channel, where the data goes). The current state of a purpose is
 * its latest event; no event means not granted (silence is not consent).
 */
@Injectable()
export class Consents {
  private readonly listeners: ConsentListener[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly legal: LegalDocuments,
  ) {}

  onChange(listener: ConsentListener): void {
    this.listeners.push(listener);
  }

  purposes(): ConsentPurpose[] {
    return consentPurposes();
  }

  async list(userId: string): Promise<ConsentListDto> {
    const rows: ConsentRow[] = await this.dataSource.query(
      `SELECT purpose, granted, policy_version, channel, transfer_country, occurred_at FROM consent_events WHERE user_id = $1 ORDER BY id`,
      [userId],
    );
    const latest = new Map(rows.map((r) => [r.purpose, r]));
    const items: ConsentStateDto[] = this.purposes().map((p) => {
      const r = latest.get(p.purpose);
      return {
        purpose: p.purpose,
        label: p.label,
        description: p.description,
        granted: r?.granted ?? false,
        transferCountry: p.transferCountry,
        policyVersion: r?.policy_version ?? null,
        channel: r?.channel ?? null,
        changedAt: r?.occurred_at ?? null,
      };
    });
    return { items, history: rows.map(toEvent) };
  }

  async isGranted(userId: string, purpose: string, m: EntityManager = this.dataSource.manager): Promise<boolean> {
    const [row] = await m.query(`SELECT granted FROM consent_events WHERE user_id = $1 AND purpose = $2 ORDER BY id DESC LIMIT 1`, [userId, purpose]);
    return row?.granted === true;
  }

  /** Appends a grant or withdrawal (a repeat of the current state is still recorded: it is what the person did). */
  async record(userId: string, purposeName: string, granted: boolean, channel: ConsentChannel): Promise<ConsentListDto> {
    const purpose = this.purposes().find((p) => p.purpose === purposeName);
    if (!purpose) throw ValidationFailedError.field('purpose', 'Mục đích không hợp lệ (unknown purpose)');
    // The privacy policy in force when the person decided: what they were told when they consented.
    const policyVersion = `privacy-policy v${(await this.legal.current('privacy-policy')).number}`;
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO consent_events (user_id, purpose, granted, policy_version, channel, transfer_country, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [userId, purpose.purpose, granted, policyVersion, channel, purpose.transferCountry, this.clock.now()],
      );
      if (purpose.transferCountry) {
        // A cross-border transfer of seller data: the grant and its withdrawal are audit events too.
        await this.audit.record(m, {
          action: granted ? 'privacy.transfer-consent.grant' : 'privacy.transfer-consent.withdraw',
          subject: { type: 'user', id: userId },
          after: { purpose: purpose.purpose, country: purpose.transferCountry, policyVersion },
        });
      }
      for (const listener of this.listeners) await listener(m, userId, purpose, granted);
    });
    return this.list(userId);
  }
}
