import { Injectable } from '@nestjs/common';
import { JobQueue } from '@tradefloor/core';
import { EnterpriseViews } from '@tradefloor/enterprise-profile';
import { ACCOUNT_MAIL_QUEUE, type AccountMailPayload } from '@tradefloor/identity';
import type { EntityManager } from 'typeorm';

const VIETNAM_TIME = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' });

/** A time as a Vietnamese reader expects it (Vietnam time, day first). */
export function vietnamTime(at: Date): string {
  return `${VIETNAM_TIME.format(at)} (giờ Việt Nam)`;
}

/**
 * Mail to a seller's owners from the floor's operator (takedowns, account warnings and
 * suspensions). Each owner gets one job on identity's account-mail queue, enqueued in the
 * caller's transaction: the mail goes if and only if the action commits.
 */
@Injectable()
export class SellerNotices {
  constructor(
    private readonly enterprises: EnterpriseViews,
    private readonly jobs: JobQueue,
  ) {}

  /** Enqueues the notice for every owner of the enterprise; returns how many were addressed. */
  async notify(m: EntityManager, enterpriseId: string, subject: string, lines: string[]): Promise<number> {
    const contacts = await this.enterprises.contacts(enterpriseId);
    const text = lines.join('\n');
    for (const userId of contacts?.ownerIds ?? []) {
      await this.jobs.enqueue(m, ACCOUNT_MAIL_QUEUE, { kind: 'notice', userId, subject, text } satisfies AccountMailPayload);
    }
    return contacts?.ownerIds.length ?? 0;
  }
}
