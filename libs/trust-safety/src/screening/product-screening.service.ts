import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ProductScreeningGate,
  type ProductScreeningCheck,
  type ProductScreeningDto,
  type ScreenedProduct,
  type ScreeningMatchDto,
  type ScreeningOverride,
} from '@tradefloor/catalog';
import { AuditTrail, Clock, ConflictError, JobRegistry, requestContext } from '@tradefloor/core';
import type { DataSource, EntityManager } from 'typeorm';
import { SCREENING_RESCREEN_QUEUE, ScreeningTerms } from './screening-terms.service';

const RESCREEN_BATCH = 100;

interface ScreeningRow {
  product_id: string;
  revision: number;
  list_version: string;
  matches: ScreeningMatchDto[];
  texts: Record<string, string>;
  prohibited: boolean;
  screened_at: Date;
  override_reason: string | null;
  overridden_by: string | null;
  overridden_at: Date | null;
}

export const SCREENING_PROHIBITED = 'SCREENING_PROHIBITED';

interface ScreeningResult {
  version: number;
  matches: ScreeningMatchDto[];
  texts: Record<string, string>;
}

/**
 * Screens products against the term lists at the moderation steps (registered with catalog's
 * {@link ProductScreeningGate}): when a product enters the queue (submission, resubmission, an
 * edit that sends it back) and again when it is approved, in the same transaction. The latest
 * screening of each product is kept in `product_screenings` with its matches and the text of the
 * fields that matched (for highlighting).
 */
@Injectable()
export class ProductScreening implements ProductScreeningCheck, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gate: ProductScreeningGate,
    private readonly terms: ScreeningTerms,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly registry: JobRegistry,
  ) {}

  onModuleInit(): void {
    this.gate.use(this);
    this.registry.register(SCREENING_RESCREEN_QUEUE, () => this.rescreenQueue().then(() => undefined), { concurrency: 1, maxAttempts: 5 });
  }

  /**
   * The lists changed: screens again, in batches of 100 (one transaction each), every product
   * awaiting moderation whose stored screening is of an older list version or revision. Returns how
   * many were screened. A redelivered or repeated job finds them current and skips them.
   */
  async rescreenQueue(): Promise<number> {
    let after: string | null = null;
    let screened = 0;
    for (;;) {
      const batch = await this.gate.awaitingModeration(after, RESCREEN_BATCH);
      if (!batch.length) return screened;
      screened += await this.dataSource.transaction(async (m) => {
        const { version } = await this.terms.matcher(m);
        const current: Array<{ product_id: string; list_version: number; revision: number }> = await m.query(
          `SELECT product_id, list_version, revision FROM product_screenings WHERE product_id = ANY($1::uuid[])`,
          [batch.map((p) => p.id)],
        );
        const fresh = new Set(current.filter((c) => Number(c.list_version) >= version).map((c) => `${c.product_id}:${c.revision}`));
        let n = 0;
        for (const product of batch) {
          if (fresh.has(`${product.id}:${product.revision}`)) continue;
          await this.save(m, product, await this.run(m, product));
          n++;
        }
        return n;
      });
      after = batch[batch.length - 1].id;
    }
  }

  async screen(m: EntityManager, product: ScreenedProduct): Promise<void> {
    await this.save(m, product, await this.run(m, product));
  }

  async beforeApprove(m: EntityManager, product: ScreenedProduct, override: ScreeningOverride | undefined): Promise<void> {
    const result = await this.run(m, product);
    const prohibited = result.matches.filter((x) => x.severity === 'prohibited');
    if (prohibited.length && !override) {
      // The refusal rolls the approval back; the queue must still show what the current list found,
      // so this screening is stored on a connection of its own (the approval never wrote the row).
      await this.save(this.dataSource.manager, product, result);
      const terms = [...new Set(prohibited.map((x) => x.term))];
      throw new ConflictError(
        `Sản phẩm chứa từ bị cấm (${terms.map((t) => `"${t}"`).join(', ')}); chỉ duyệt được khi ghi rõ lý do bỏ qua (prohibited terms matched; approve only with overrideScreening and overrideReason)`,
        SCREENING_PROHIBITED,
        prohibited.map((x) => ({ field: x.field, message: `Từ bị cấm "${x.term}": "${x.text}" (prohibited term)` })),
      );
    }
    await this.save(m, product, result, prohibited.length && override ? override : undefined);
    if (!prohibited.length || !override) return;
    await this.audit.record(m, {
      action: 'product.screening-override',
      subject: { type: 'product', id: product.id },
      after: {
        revision: product.revision,
        reason: override.reason,
        terms: [...new Set(prohibited.map((x) => x.term))],
        matches: prohibited.map((x) => ({ field: x.field, text: x.text })),
      },
    });
  }

  async findings(productIds: string[]): Promise<Map<string, ProductScreeningDto>> {
    const rows: ScreeningRow[] = await this.dataSource.query(`SELECT * FROM product_screenings WHERE product_id = ANY($1::uuid[])`, [productIds]);
    return new Map(rows.map((r) => [r.product_id, toDto(r)]));
  }

  /** Screens every field with the current list. */
  private async run(m: EntityManager, product: ScreenedProduct): Promise<ScreeningResult> {
    const { version, matcher } = await this.terms.matcher(m);
    const matches: ScreeningMatchDto[] = [];
    const texts: Record<string, string> = {};
    for (const [field, text] of Object.entries(product.fields)) {
      const found = matcher.match(text);
      if (!found.length) continue;
      texts[field] = text;
      for (const f of found) matches.push({ term: f.term, severity: f.severity, field, start: f.start, end: f.end, text: f.text });
    }
    return { version, matches, texts };
  }

  /** Keeps the latest screening of the product (an override given for an earlier one lapses). */
  private async save(m: EntityManager, product: ScreenedProduct, r: ScreeningResult, override?: ScreeningOverride): Promise<void> {
    await m.query(
      `INSERT INTO product_screenings (product_id, revision, list_version, matches, texts, prohibited, screened_at, override_reason, overridden_by, overridden_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (product_id) DO UPDATE SET revision = $2, list_version = $3, matches = $4, texts = $5, prohibited = $6, screened_at = $7,
         override_reason = $8, overridden_by = $9, overridden_at = $10`,
      [
        product.id,
        product.revision,
        r.version,
        JSON.stringify(r.matches),
        JSON.stringify(r.texts),
        r.matches.some((x) => x.severity === 'prohibited'),
        this.clock.now(),
        override?.reason ?? null,
        override ? (requestContext.current()?.actor?.id ?? null) : null,
        override ? this.clock.now() : null,
      ],
    );
  }
}

function toDto(r: ScreeningRow): ProductScreeningDto {
  return {
    revision: r.revision,
    screenedAt: r.screened_at,
    prohibited: r.prohibited,
    matches: r.matches,
    texts: r.texts,
    override: r.override_reason ? { reason: r.override_reason, by: r.overridden_by, at: r.overridden_at as Date } : null,
  };
}
