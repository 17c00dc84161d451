import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry, type PersonalDataContributor, type PersonalDataRow, type PersonalDataSubject } from '@tradefloor/core';
import { Shipping } from '@tradefloor/shipping';
import type { EntityManager } from 'typeorm';

/**
 * The buyer's carrier shipments in "my data" (section `shipments`): libs/shipping keeps the
 * recipient's name, phone and address in each shipment's request, and only the orders context
 * knows which shipments (references = sub-order codes) are the account's. On account deletion the
 * shipments of closed sub-orders are pseudonymised like the sub-orders themselves (open ones keep
 * the recipient: the parcel is still on its way); retention deletes them with the sub-order.
 */
@Injectable()
export class ShipmentPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'shipments';
  constructor(
    private readonly registry: PersonalDataRegistry,
    private readonly shipping: Shipping,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async export(subject: PersonalDataSubject, m: EntityManager): Promise<PersonalDataRow[]> {
    return (await this.shipping.personalData(await this.codes(subject, m, false), m)) as PersonalDataRow[];
  }

  async erase(subject: PersonalDataSubject, m: EntityManager): Promise<void> {
    await this.shipping.pseudonymise(m, await this.codes(subject, m, true), subject.pseudonym);
  }

  private async codes(subject: PersonalDataSubject, m: EntityManager, closedOnly: boolean): Promise<string[]> {
    const rows: Array<{ code: string }> = await m.query(
      `SELECT s.code FROM sub_orders s JOIN orders o ON o.id = s.order_id
       WHERE o.buyer_user_id = $1 AND s.shipping_carrier <> 'seller' ${closedOnly ? 'AND s.closed_at IS NOT NULL' : ''}`,
      [subject.userId],
    );
    return rows.map((r) => r.code);
  }
}
