import type { INestApplicationContext } from '@nestjs/common';
import { UsersService, toPrincipal, type Principal } from '@tradefloor/identity';
import { BatchesService, StampIssuer, StampLifecycle, TraceEvents, type BatchEntity } from '@tradefloor/traceability';
import { DataSource } from 'typeorm';
import type { PlannedBatch, TracedProduct } from './trace-plan';

const HOUR_MS = 3_600_000;
const LOST_ROLL_REASON = 'Cuộn tem bị thất lạc trong khi vận chuyển';

export interface BatchWriteReport {
  batchesCreated: number;
  eventsRecorded: number;
  stampsIssued: number;
  stampsActivated: number;
  stampsRevoked: number;
}

/** A lot as stored, with its plan: the scan history is drawn from both. */
export interface SeededBatch {
  id: string;
  productSlug: string;
  lotCode: string;
  gtin14: string | null;
  producedAt: string;
  plan: PlannedBatch;
}

/** `YYYY-MM-DD` plus `days`. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The instant `hours` after midnight in Vietnam of `day`. */
export function vietnamHour(day: string, hours: number): Date {
  return new Date(Date.parse(`${day}T00:00:00+07:00`) + hours * HOUR_MS);
}

/**
 * Writes traced products through the traceability services, acting as each enterprise's owner:
 * the same validation, locking and serial generation as the back office. Keyed by (product, lot
 * code), trace events by business step, stamps by the planned count: a rerun writes nothing.
 */
export class BatchWriter {
  private readonly dataSource: DataSource;
  private readonly batches: BatchesService;
  private readonly issuer: StampIssuer;
  private readonly lifecycle: StampLifecycle;
  private readonly events: TraceEvents;
  private readonly users: UsersService;
  private readonly owners = new Map<string, Principal>();
  readonly report: BatchWriteReport = { batchesCreated: 0, eventsRecorded: 0, stampsIssued: 0, stampsActivated: 0, stampsRevoked: 0 };

  constructor(
    app: INestApplicationContext,
    private readonly now: Date,
  ) {
    this.dataSource = app.get(DataSource);
    this.batches = app.get(BatchesService);
    this.issuer = app.get(StampIssuer);
    this.lifecycle = app.get(StampLifecycle);
    this.events = app.get(TraceEvents);
    this.users = app.get(UsersService);
  }

  async write(product: TracedProduct, today: string): Promise<SeededBatch[]> {
    const owner = await this.owner(product.ownerEmail);
    const [row] = await this.dataSource.query(`SELECT id FROM products WHERE slug = $1`, [product.productSlug]);
    if (!row) throw new Error(`demo product ${product.productSlug} is missing: run the base seed first`);
    const existing = new Map((await this.batches.listForProduct(owner, row.id)).map((b) => [b.lotCode, b]));
    const out: SeededBatch[] = [];
    for (const plan of product.batches) {
      let batch = existing.get(plan.lotCode);
      if (!batch) {
        batch = await this.create(owner, row.id, product, plan, today);
        this.report.batchesCreated++;
      }
      await this.recordEvents(owner, batch, plan);
      await this.stamp(owner, batch, plan);
      out.push({ id: batch.id, productSlug: product.productSlug, lotCode: batch.lotCode, gtin14: batch.gtin14, producedAt: batch.producedAt, plan });
    }
    return out;
  }

  private async owner(email: string): Promise<Principal> {
    let principal = this.owners.get(email);
    if (!principal) {
      const user = await this.users.findByEmail(email);
      if (!user) throw new Error(`demo account ${email} is missing: run the base seed first`);
      principal = toPrincipal(user);
      this.owners.set(email, principal);
    }
    return principal;
  }

  private create(owner: Principal, productId: string, product: TracedProduct, plan: PlannedBatch, today: string): Promise<BatchEntity> {
    const producedAt = addDays(today, -plan.producedDaysAgo);
    return this.batches.create(owner, {
      productId,
      lotCode: plan.lotCode,
      producedAt,
      expiresAt: plan.shelfLifeDays === null ? undefined : addDays(producedAt, plan.shelfLifeDays),
      quantity: plan.quantity,
      unit: product.unit,
      originCommuneCode: product.originCommuneCode,
      certifications: product.certifications,
      notes: plan.notes,
    });
  }

  /** Planned events whose business step the lot does not have yet, dated from its production day. */
  private async recordEvents(owner: Principal, batch: BatchEntity, plan: PlannedBatch): Promise<void> {
    const recorded = new Set((await this.events.forBatch(batch.id)).map((e) => e.bizStep));
    for (const e of plan.events) {
      const at = vietnamHour(batch.producedAt, e.atHour);
      if (recorded.has(e.bizStep) || at > this.now) continue;
      await this.events.record(owner, batch.id, {
        type: e.type,
        bizStep: e.bizStep,
        eventTime: at.toISOString(),
        eventTimeZoneOffset: '+07:00',
        place: e.place,
        communeCode: e.communeCode ?? undefined,
        actor: e.actor ?? undefined,
        note: e.note ?? undefined,
      });
      this.report.eventsRecorded++;
    }
  }

  /**
   * Issues the missing stamps, activates them, revokes a lost roll, then dates the stamps back to
   * the lot's packing and shipping: the services stamp "now", but this is a lot's past.
   */
  private async stamp(owner: Principal, batch: BatchEntity, plan: PlannedBatch): Promise<void> {
    if (batch.issuedCount < plan.stamps) {
      this.report.stampsIssued += (await this.issuer.issue(owner, batch.id, plan.stamps - batch.issuedCount)).issued;
    }
    this.report.stampsActivated += await this.lifecycle.activate(owner, batch.id, {});
    if (plan.revokedRoll > 0) {
      this.report.stampsRevoked += await this.lifecycle.revoke(owner, {
        batchId: batch.id,
        fromSeq: plan.stamps - plan.revokedRoll + 1,
        toSeq: plan.stamps,
        reason: LOST_ROLL_REASON,
      });
    }
    const packing = plan.events.find((e) => e.bizStep === 'packing')!;
    const harvest = vietnamHour(batch.producedAt, plan.events[0].atHour);
    const packed = vietnamHour(batch.producedAt, packing.atHour);
    const revoked = vietnamHour(batch.producedAt, plan.revokedAtHour);
    await this.dataSource.query(
      `UPDATE trace_stamps SET issued_at = $2, activated_at = CASE WHEN activated_at IS NOT NULL THEN $3::timestamptz END,
              revoked_at = CASE WHEN revoked_at IS NOT NULL THEN $4::timestamptz END
       WHERE batch_id = $1 AND issued_at > $2`,
      [batch.id, packed, new Date(packed.getTime() + HOUR_MS), revoked],
    );
    await this.dataSource.query(`UPDATE trace_batches SET created_at = $2, updated_at = $2 WHERE id = $1 AND created_at > $2`, [batch.id, harvest]);
  }
}
