import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  APP_CONFIG,
  JobRegistry,
  MailSender,
  PermanentJobError,
  assertPlainAddress,
  isPermanentMailError,
  type JobRecord,
  type ResolvedConfig,
} from '@tradefloor/core';
import { ProductViews } from '@tradefloor/catalog';
import { EnterpriseViews } from '@tradefloor/enterprise-profile';
import { UsersService } from '@tradefloor/identity';
import type { DataSource } from 'typeorm';

export const INQUIRY_NOTIFY_QUEUE = 'inquiries.notify-enterprise';

interface Payload {
  inquiryId: string;
}

/**
 * Emails a new inquiry to the enterprise's address and its owners. Enqueued in the inquiry's own
 * transaction; `notified_at` makes a redelivered job a no-op (a crash between sending and marking
 * can still send twice: mail has no exactly-once).
 */
@Injectable()
export class InquiryNotificationJob implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly registry: JobRegistry,
    private readonly mail: MailSender,
    private readonly products: ProductViews,
    private readonly enterprises: EnterpriseViews,
    private readonly users: UsersService,
  ) {}

  onModuleInit(): void {
    this.registry.register<Payload>(INQUIRY_NOTIFY_QUEUE, (job) => this.run(job), { concurrency: 2, maxAttempts: 10 });
  }

  async run(job: JobRecord<Payload>): Promise<void> {
    const [inquiry] = await this.dataSource.query(
      `SELECT i.id, i.product_id, i.enterprise_id, i.buyer_name, i.buyer_phone, i.quantity, i.message, i.status, i.notified_at
       FROM inquiries i WHERE i.id = $1`,
      [job.payload.inquiryId],
    );
    if (!inquiry || inquiry.notified_at || inquiry.status === 'spam') return;
    const product = await this.products.get(inquiry.product_id);
    const contacts = await this.enterprises.contacts(inquiry.enterprise_id);
    if (!product || !contacts) return;
    const owners = await this.users.contactsOf(contacts.ownerIds);
    const recipients = [
      ...new Set([contacts.email, ...[...owners.values()].map((o) => o.email).sort()].filter((e): e is string => Boolean(e)).map((e) => e.toLowerCase())),
    ].filter((address) => {
      try {
        return Boolean(assertPlainAddress(address));
      } catch {
        return false;
      }
    });
    if (recipients.length) {
      try {
        await this.mail.send({
          to: recipients,
          subject: `Hỏi mua mới: ${product.name}`,
          text: [
            `${product.enterpriseName} có một yêu cầu hỏi mua mới trên ${this.config.publicBaseUrl}.`,
            '',
            `Sản phẩm: ${product.name}`,
            `Số lượng: ${inquiry.quantity} ${product.unit}`,
            `Người hỏi: ${inquiry.buyer_name}${inquiry.buyer_phone ? ` — ${inquiry.buyer_phone}` : ''}`,
            '',
            inquiry.message,
            '',
            `Xem và trả lời: ${this.config.publicBaseUrl}/quan-ly/hoi-mua`,
          ].join('\n'),
        });
      } catch (err) {
        if (isPermanentMailError(err)) throw new PermanentJobError((err as Error).message);
        throw err;
      }
    }
    await this.dataSource.query(`UPDATE inquiries SET notified_at = now() WHERE id = $1`, [inquiry.id]);
  }
}
