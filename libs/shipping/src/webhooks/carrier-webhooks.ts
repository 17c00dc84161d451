import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, JobQueue, NotFoundError, ValidationFailedError } from '@tradefloor/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Carriers, SHIPPING_SETTINGS } from '../carriers/carriers';
import { REFRESH_QUEUE, SHIPMENT_QUEUE } from '../shipments/queues';
import type { ShippingSettings } from '../shipping-config';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * The carriers' status webhooks. They are signed by nothing, so a webhook is only a hint: it is
 * recorded, answered at once, and a job asks the carrier for the shipment's status and applies
 * what the carrier confirms. The URL carries the installation's secret (compared in constant time);
 * a wrong one is answered 404 like any unknown path.
 */
@Injectable()
export class CarrierWebhooks {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly carriers: Carriers,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    @Inject(SHIPPING_SETTINGS) private readonly settings: ShippingSettings,
  ) {}

  assertSecret(carrier: string, secret: string): 'ghn' | 'ghtk' {
    const expected = this.settings.webhookSecret;
    const match = expected.length > 0 && timingSafeEqual(digest(String(secret)), digest(expected));
    if (!match || (carrier !== 'ghn' && carrier !== 'ghtk')) throw new NotFoundError();
    return carrier;
  }

  async receive(carrier: 'ghn' | 'ghtk', body: unknown): Promise<void> {
    const hint = this.carriers.port(carrier).parseWebhook(body);
    if (!hint) {
      throw ValidationFailedError.field(carrier === 'ghn' ? 'OrderCode' : 'label_id', 'Thiếu mã vận đơn (shipment code missing)');
    }
    await this.dataSource.transaction(async (m) => {
      const [row] = await m.query(
        `SELECT id, reference, carrier_code FROM shipments WHERE carrier = $1 AND (carrier_code = $2 OR reference = $3)
         ORDER BY (carrier_code = $2) DESC NULLS LAST LIMIT 1`,
        [carrier, hint.code, hint.reference],
      );
      await m.query(
        `INSERT INTO shipment_webhooks (carrier, carrier_code, reference, claimed_status, shipment_id, received_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [carrier, hint.code, hint.reference, hint.claimedStatus, row?.id ?? null, this.clock.now()],
      );
      if (!row) return;
      // Without the carrier's code yet (its answer to our create was lost), the shipment job adopts it.
      if (row.carrier_code) await this.jobs.enqueue(m, REFRESH_QUEUE, { reference: row.reference, source: 'webhook' }, { dedupeKey: row.reference });
      else await this.jobs.enqueue(m, SHIPMENT_QUEUE, { reference: row.reference }, { dedupeKey: row.reference });
    });
  }
}
