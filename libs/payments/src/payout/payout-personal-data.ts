import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry, type PersonalDataContributor, type PersonalDataRow, type PersonalDataSubject } from '@tradefloor/core';
import { EnterpriseAccess } from '@tradefloor/enterprise-profile';
import type { EntityManager } from 'typeorm';
import { PayoutAccounts } from './payout-accounts.service';

/**
 * payments' part of "my data": the payout accounts of the enterprises the account is a member of
 * (a household's account usually carries the owner's own name). On deletion the account stays
 * with the enterprise (it is the enterprise's, and enterprise-profile decides the enterprise's
 * fate); only the link to who last changed it is removed.
 */
@Injectable()
export class PayoutAccountPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'payout-accounts';

  constructor(
    private readonly registry: PersonalDataRegistry,
    private readonly access: EnterpriseAccess,
    private readonly accounts: PayoutAccounts,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async export(subject: PersonalDataSubject): Promise<PersonalDataRow[]> {
    const rows: PersonalDataRow[] = [];
    for (const enterpriseId of await this.access.managedEnterpriseIds(subject.userId)) {
      const account = await this.accounts.forPayment(enterpriseId);
      if (account)
        rows.push({
          enterpriseId,
          bankBin: account.bankBin,
          bank: account.bankShortName,
          accountNumber: account.accountNumber,
          accountHolder: account.accountHolder,
        });
    }
    return rows;
  }

  async erase(subject: PersonalDataSubject, m: EntityManager): Promise<void> {
    await m.query(`UPDATE payout_accounts SET updated_by = NULL WHERE updated_by = $1`, [subject.userId]);
  }
}
