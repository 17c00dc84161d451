import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, JobQueue, JobRegistry, PermanentJobError, RetryJobLaterError, type JobRecord } from '@tradefloor/core';
import { EnterpriseViews } from '@tradefloor/enterprise-profile';
import type { DataSource, EntityManager } from 'typeorm';
import { CarrierAccounts } from '../accounts/carrier-accounts.service';
import { CarrierError } from '../carriers/carrier-http';
import type { CarrierAccount, CarrierCreateInput, CarrierPort } from '../carriers/carrier.port';
import { Carriers, SHIPPING_SETTINGS } from '../carriers/carriers';
import { LegacyAddresses } from '../carriers/legacy-address';
import type { ShippingSettings } from '../shipping-config';
import { isFinal, mapCarrierStatus } from '../statuses';
import { POLL_QUEUE, REFRESH_QUEUE, SHIPMENT_QUEUE } from './queues';
import { ShipmentStore, type ShipmentRow, type StatusSource } from './shipment-store';

/** Namespace of the per-shipment advisory locks ("SH"). */
const LOCK_NS = 0x5348;

interface ShipmentPayload {
  reference: string;
}
interface RefreshPayload {
  reference: string;
  source?: 'webhook' | 'poll';
}

/**
 * The durable work of the context. Every handler of one shipment runs under a session advisory
 * lock on its reference (a second one waits its turn), so "look up, else create" can never race
 * with itself. Delivery is at-least-once; each step is idempotent:
 * - create: GHN is asked for the reference's shipment before creating (a retried job after a lost
 *   answer adopts it); GHTK refuses a repeated `order.id` with ORDER_ID_EXIST, whose label we adopt;
 * - cancel: asked of the carrier, then the carrier's status decides;
 * - refresh: applies only what the carrier's detail call says, forward only.
 */
@Injectable()
export class ShipmentJobs implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: JobRegistry,
    private readonly queue: JobQueue,
    private readonly store: ShipmentStore,
    private readonly accounts: CarrierAccounts,
    private readonly carriers: Carriers,
    private readonly addresses: LegacyAddresses,
    private readonly enterprises: EnterpriseViews,
    private readonly clock: Clock,
    @Inject(SHIPPING_SETTINGS) private readonly settings: ShippingSettings,
  ) {}

  onModuleInit(): void {
    const options = {
      concurrency: this.settings.concurrency,
      maxAttempts: this.settings.maxAttempts,
      backoffBaseMs: this.settings.backoffBaseMs,
      backoffMaxMs: this.settings.backoffMaxMs,
    };
    this.registry.register<ShipmentPayload>(SHIPMENT_QUEUE, (job) => this.shipment(job), options);
    this.registry.register<RefreshPayload>(REFRESH_QUEUE, (job) => this.refresh(job), options);
    this.registry.register(POLL_QUEUE, () => this.poll(), { concurrency: 1 });
    this.registry.every(POLL_QUEUE, this.settings.pollIntervalSeconds * 1000, POLL_QUEUE);
  }

  /** Runs `fn` holding the shipment's lock, on the lock's own connection (one connection per job). */
  private async locked(reference: string, fn: (db: EntityManager) => Promise<void>): Promise<void> {
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    try {
      const [{ ok }] = await qr.query(`SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok`, [LOCK_NS, reference]);
      if (!ok) throw new RetryJobLaterError(200, 'shipment busy');
      try {
        await fn(qr.manager);
      } finally {
        await qr.query(`SELECT pg_advisory_unlock($1, hashtext($2))`, [LOCK_NS, reference]);
      }
    } finally {
      await qr.release();
    }
  }

  private async context(row: ShipmentRow): Promise<{ port: CarrierPort; account: CarrierAccount; pickup: { name?: string; phone?: string } }> {
    const carrier = row.carrier as 'ghn' | 'ghtk';
    const configured = (await this.accounts.open(row.enterprise_id)).get(carrier);
    if (!configured?.account) throw new CarrierError('auth', 'Doanh nghiệp đã gỡ tài khoản hãng vận chuyển (carrier account removed)');
    return {
      port: this.carriers.port(carrier),
      account: configured.account,
      pickup: { name: configured.settings.pickupName, phone: configured.settings.pickupPhone },
    };
  }

  /**
   * Runs `fn`; a carrier error is written on the shipment, and a permanent one dead-letters the job.
   * A shipment that will not be created now (a permanent error, or the last attempt) needs a person.
   */
  private async guard(db: EntityManager, row: ShipmentRow, fn: () => Promise<void>, lastAttempt = false): Promise<void> {
    try {
      await fn();
    } catch (err) {
      if (!(err instanceof CarrierError)) throw err;
      await db.query(`UPDATE shipments SET last_error = $2 WHERE id = $1`, [row.id, err.message.slice(0, 500)]);
      if (err.retryable && !lastAttempt) throw err;
      if (!row.carrier_code) await this.tx(db, row.reference, (m, r) => this.store.needsAttention(m, r, notCreated(err.message)));
      if (err.retryable) throw err;
      throw new PermanentJobError(err.message);
    }
  }

  private async tx(db: EntityManager, reference: string, fn: (m: EntityManager, row: ShipmentRow) => Promise<void>): Promise<void> {
    await db.transaction(async (m) => {
      const row = await this.store.lock(m, reference);
      if (row) await fn(m, row);
    });
  }

  async shipment(job: JobRecord<ShipmentPayload>): Promise<void> {
    const { reference } = job.payload;
    await this.locked(reference, async (db) => {
      const row = await this.store.load(db, reference);
      if (!row || row.carrier === 'seller' || isFinal(row.status)) return;
      await this.guard(
        db,
        row,
        async () => {
          const { port, account, pickup } = await this.context(row);
          let code = row.carrier_code;
          if (!code) {
            // GHN documents no duplicate check: always ask first. GHTK's ORDER_ID_EXIST makes create safe to repeat.
            const found = port.code === 'ghn' || row.cancel_requested ? await port.find(account, reference) : null;
            if (!found && row.cancel_requested) {
              await this.tx(db, reference, (m, r) => this.store.move(m, r, 'cancelled', null, 'cancel').then(() => undefined));
              return;
            }
            const shipment = found ?? (await this.create(db, row, port, account, pickup));
            code = shipment.code;
            await this.tx(db, reference, async (m, r) => {
              await m.query(`UPDATE shipments SET carrier_code = $2, fee_vnd = COALESCE($3, fee_vnd), checked_at = $4, updated_at = $4 WHERE id = $1`, [
                r.id,
                shipment.code,
                shipment.feeVnd ?? null,
                this.clock.now(),
              ]);
              await this.store.move(m, r, mapCarrierStatus(port.code, shipment.rawStatus), shipment.rawStatus, 'carrier');
            });
          }
          const [current] = await db.query(`SELECT cancel_requested, status FROM shipments WHERE id = $1`, [row.id]);
          if (current?.cancel_requested && current.status !== 'cancelled') await this.cancelAt(db, port, account, reference, code);
        },
        job.attempts >= job.maxAttempts,
      );
    });
  }

  private async cancelAt(db: EntityManager, port: CarrierPort, account: CarrierAccount, reference: string, code: string): Promise<void> {
    const answer = await port.cancel(account, code);
    // The carrier's own status decides (a refusal may mean "already cancelled").
    const now = await port.status(account, code);
    const status = mapCarrierStatus(port.code, now.rawStatus);
    await this.tx(db, reference, async (m, r) => {
      await this.store.move(m, r, status, now.rawStatus, 'cancel');
      if (status !== 'cancelled') {
        const why = answer.outcome === 'refused' ? (answer.message ?? '') : '';
        await m.query(`UPDATE shipments SET cancel_requested = false, last_error = $2 WHERE id = $1`, [
          r.id,
          `Hãng vận chuyển không hủy được vận đơn (the carrier refused to cancel)${why ? `: ${why}` : ''}`.slice(0, 500),
        ]);
      }
    });
  }

  /**
   * A create whose answer was lost may still be applied by the carrier later (it was in flight):
   * before looking it up again we wait longer than a request can take, so the lookup sees it.
   */
  private async create(db: EntityManager, row: ShipmentRow, port: CarrierPort, account: CarrierAccount, pickup: { name?: string; phone?: string }) {
    try {
      return await port.create(account, await this.createInput(row, pickup));
    } catch (err) {
      if (!(err instanceof CarrierError) || err.kind !== 'unknown_outcome') throw err;
      await db.query(`UPDATE shipments SET last_error = $2 WHERE id = $1`, [row.id, err.message.slice(0, 500)]);
      throw new RetryJobLaterError(2 * this.settings.httpTimeoutMs + 1000, err.message);
    }
  }

  private async createInput(row: ShipmentRow, pickup: { name?: string; phone?: string }): Promise<CarrierCreateInput> {
    const req = row.request;
    const [from, to] = await Promise.all([this.addresses.toCarrier(req.from, 'from'), this.addresses.toCarrier(req.to, 'to')]);
    const [enterprise] = await this.enterprises.load([row.enterprise_id]);
    return {
      reference: row.reference,
      from,
      to,
      weightGrams: req.weightGrams,
      codAmountVnd: req.codAmountVnd,
      declaredValueVnd: req.declaredValueVnd,
      sender: { name: req.from.name ?? pickup.name ?? enterprise?.displayName ?? 'TradeFloor', phone: req.from.phone ?? pickup.phone ?? '' },
      recipient: { name: req.to.name, phone: req.to.phone },
      items: req.items,
      ...(req.note ? { note: req.note } : {}),
    };
  }

  async refresh(job: JobRecord<RefreshPayload>): Promise<void> {
    const { reference } = job.payload;
    const source: StatusSource = job.payload.source === 'webhook' ? 'webhook' : 'poll';
    await this.locked(reference, async (db) => {
      const row = await this.store.load(db, reference);
      if (!row || row.carrier === 'seller' || isFinal(row.status) || !row.carrier_code) return;
      const code = row.carrier_code;
      await this.guard(db, row, async () => {
        const { port, account } = await this.context(row);
        const now = await port.status(account, code);
        await this.tx(db, reference, async (m, r) => {
          await this.store.move(m, r, mapCarrierStatus(port.code, now.rawStatus), now.rawStatus, source);
          await m.query(`UPDATE shipments SET checked_at = $2 WHERE id = $1`, [r.id, this.clock.now()]);
        });
      });
    });
  }

  /**
   * Shipments in progress not checked for `staleSeconds` get a refresh (webhooks can be lost);
   * carrier shipments still not created after `createAlertSeconds` (the create's answer keeps
   * getting lost, or the carrier keeps failing) need a person.
   */
  async poll(): Promise<void> {
    const before = new Date(this.clock.now().getTime() - this.settings.staleSeconds * 1000);
    const uncreatedSince = new Date(this.clock.now().getTime() - this.settings.createAlertSeconds * 1000);
    await this.dataSource.transaction(async (m) => {
      const uncreated: ShipmentRow[] = await m.query(
        `SELECT * FROM shipments
         WHERE carrier IN ('ghn','ghtk') AND carrier_code IS NULL AND status = 'requested' AND attention_at IS NULL AND NOT cancel_requested
           AND created_at < $1
         ORDER BY created_at LIMIT 500 FOR UPDATE SKIP LOCKED`,
        [uncreatedSince],
      );
      for (const r of uncreated) await this.store.needsAttention(m, r, notCreated(r.last_error));
    });
    await this.dataSource.transaction(async (m) => {
      const rows: Array<{ reference: string }> = await m.query(
        `SELECT reference FROM shipments
         WHERE carrier IN ('ghn','ghtk') AND carrier_code IS NOT NULL AND status NOT IN ('delivered','returned','cancelled','lost')
           AND (checked_at IS NULL OR checked_at < $1)
         ORDER BY checked_at NULLS FIRST LIMIT 500`,
        [before],
      );
      for (const r of rows) await this.queue.enqueue(m, REFRESH_QUEUE, { reference: r.reference, source: 'poll' }, { dedupeKey: r.reference });
    });
  }
}

/** What seller and buyer read when a carrier shipment could not be created. */
function notCreated(cause: string | null): string {
  return `chưa tạo được vận đơn ở hãng vận chuyển (shipment not created)${cause ? `: ${cause}` : ''}`.slice(0, 500);
}
