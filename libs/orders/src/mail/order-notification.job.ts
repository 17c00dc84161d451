import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  APP_CONFIG,
  assertPlainAddress,
  isPermanentMailError,
  JobRegistry,
  MailSender,
  PermanentJobError,
  type JobRecord,
  type ResolvedConfig,
} from '@tradefloor/core';
import { EnterpriseViews } from '@tradefloor/enterprise-profile';
import { UsersService } from '@tradefloor/identity';
import type { DataSource } from 'typeorm';
import { ReviewLinks } from '../sub-orders/review-links';
import { orderMail } from './order-mail-text';

export const ORDER_NOTIFY_QUEUE = 'orders.notify';

interface Payload {
  eventId: string;
  side: 'buyer' | 'seller';
}

/**
 * Mails one side (buyer or seller) about one step of a sub-order. Enqueued with the step's own
 * transaction; `buyer_notified_at` / `seller_notified_at` on the history row make a redelivered
 * job a no-op (a crash between sending and marking can still send twice: mail has no exactly-once).
 */
@Injectable()
export class OrderNotificationJob implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly registry: JobRegistry,
    private readonly mail: MailSender,
    private readonly enterprises: EnterpriseViews,
    private readonly users: UsersService,
    private readonly reviewLinks: ReviewLinks,
  ) {}

  onModuleInit(): void {
    this.registry.register<Payload>(ORDER_NOTIFY_QUEUE, (job) => this.run(job), { concurrency: 2, maxAttempts: 10 });
  }

  async run(job: JobRecord<Payload>): Promise<void> {
    const { eventId, side } = job.payload;
    const column = side === 'buyer' ? 'buyer_notified_at' : 'seller_notified_at';
    const [row] = await this.dataSource.query(
      `SELECT e.id, e.from_status, e.to_status, e.action, e.note, e.${column} AS notified_at,
              s.code, s.enterprise_id, s.total_vnd, s.payment_method, s.street, s.recipient_name, s.recipient_phone, s.completed_at,
              o.code AS order_code, o.buyer_name, o.buyer_phone, o.buyer_email
       FROM sub_order_events e JOIN sub_orders s ON s.id = e.sub_order_id JOIN orders o ON o.id = s.order_id
       WHERE e.id = $1`,
      [eventId],
    );
    if (!row || row.notified_at) return;
    const [enterprise] = await this.enterprises.load([row.enterprise_id]);
    const items = await this.dataSource.query(
      `SELECT product_name, quantity, unit, line_total_vnd FROM sub_order_items WHERE sub_order_id = (SELECT sub_order_id FROM sub_order_events WHERE id = $1) ORDER BY position`,
      [eventId],
    );
    const recipients = side === 'buyer' ? (row.buyer_email ? [row.buyer_email as string] : []) : await this.sellerAddresses(row.enterprise_id);
    const to = [...new Set(recipients.map((a) => a.toLowerCase()))].filter((address) => {
      try {
        return Boolean(assertPlainAddress(address));
      } catch {
        return false;
      }
    });
    if (to.length) {
      const message = orderMail(side, {
        baseUrl: this.config.publicBaseUrl,
        enterpriseName: enterprise?.displayName ?? '',
        enterpriseId: row.enterprise_id,
        code: row.code,
        orderCode: row.order_code,
        from: row.from_status,
        to: row.to_status,
        action: row.action,
        note: row.note,
        totalVnd: Number(row.total_vnd),
        paymentMethod: row.payment_method,
        buyerName: row.buyer_name,
        buyerPhone: row.buyer_phone,
        // The buyer's review link (signed, one per sub-order) goes with the "completed" mail only.
        reviewUrl:
          side === 'buyer' && row.to_status === 'completed' && row.completed_at
            ? `${this.config.publicBaseUrl}/danh-gia/${this.reviewLinks.tokenFor(row.code, new Date(row.completed_at))}`
            : undefined,
        address: `${row.recipient_name} — ${row.recipient_phone}, ${row.street}`,
        items: items.map((i: { product_name: string; quantity: number; unit: string; line_total_vnd: string }) => ({
          name: i.product_name,
          quantity: i.quantity,
          unit: i.unit,
          lineTotalVnd: Number(i.line_total_vnd),
        })),
      });
      try {
        await this.mail.send({ to, ...message });
      } catch (err) {
        if (isPermanentMailError(err)) throw new PermanentJobError((err as Error).message);
        throw err;
      }
    }
    await this.dataSource.query(`UPDATE sub_order_events SET ${column} = now() WHERE id = $1`, [eventId]);
  }

  /** The enterprise's contact address and its owners' (as inquiries are notified). */
  private async sellerAddresses(enterpriseId: string): Promise<string[]> {
    const contacts = await this.enterprises.contacts(enterpriseId);
    if (!contacts) return [];
    const owners = await this.users.contactsOf(contacts.ownerIds);
    return [contacts.email, ...[...owners.values()].map((o) => o.email).sort()].filter((e): e is string => Boolean(e));
  }
}
