import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { APP_CONFIG } from '../config/app-config';
import type { ResolvedConfig } from '../runtime/infrastructure';
import { JobRegistry } from '../jobs/job-registry';
import { LOGGER } from '../logging/logger';

export const RETENTION_QUEUE = 'core.retention';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * One kind of data kept only for a period, registered by the context that owns its table (so no
 * context deletes another's rows): `purge` deletes, in the given transaction, what is older than
 * `olderThan` and returns how many rows (or files) went.
 */
export interface RetentionPurger {
  /** Stable name, e.g. `inquiries`; the period is `RETENTION_DAYS_<KIND>` (upper case, `-` → `_`). */
  kind: string;
  /** What it is, for the admin page and the privacy policy. */
  description: string;
  defaultDays: number;
  purge(olderThan: Date, m: EntityManager): Promise<number>;
}

export interface RetentionRule {
  kind: string;
  description: string;
  days: number;
  envVar: string;
}

export interface RetentionRun {
  ranAt: Date;
  counts: Record<string, number>;
}

/** The env variable of a kind's period. */
export const retentionEnvVar = (kind: string): string => `RETENTION_DAYS_${kind.toUpperCase().replace(/-/g, '_')}`;

/**
 * The retention schedule: the contexts register their purgers; a daily durable job runs each (its
 * own transaction), logs the counts (kinds and numbers only, no personal data) and records the run
 * in `retention_runs`.
 */
@Injectable()
export class RetentionSchedule implements OnModuleInit {
  private readonly purgers = new Map<string, RetentionPurger>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly registry: JobRegistry,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register(RETENTION_QUEUE, () => this.run().then(() => undefined), { concurrency: 1, maxAttempts: 3 });
    this.registry.every(RETENTION_QUEUE, DAY_MS, RETENTION_QUEUE);
  }

  register(purger: RetentionPurger): void {
    if (this.purgers.has(purger.kind)) throw new Error(`retention kind ${purger.kind} registered twice`);
    this.purgers.set(purger.kind, purger);
  }

  /** Every kind with its period (from `RETENTION_DAYS_<KIND>`, 1–36,500 days, else the default). */
  rules(): RetentionRule[] {
    return [...this.purgers.values()]
      .map((p) => ({
        kind: p.kind,
        description: p.description,
        envVar: retentionEnvVar(p.kind),
        days: this.config.env.int(retentionEnvVar(p.kind), p.defaultDays, 1, 36_500),
      }))
      .sort((a, b) => a.kind.localeCompare(b.kind));
  }

  /** Purges every kind by the injected Clock; records and returns the counts. */
  async run(): Promise<RetentionRun> {
    const ranAt = this.clock.now();
    const counts: Record<string, number> = {};
    for (const rule of this.rules()) {
      const olderThan = new Date(ranAt.getTime() - rule.days * DAY_MS);
      counts[rule.kind] = await this.dataSource.transaction((m) => this.purgers.get(rule.kind)!.purge(olderThan, m));
    }
    await this.dataSource.query(`INSERT INTO retention_runs (ran_at, counts) VALUES ($1, $2::jsonb)`, [ranAt, JSON.stringify(counts)]);
    this.logger.info({ retention: counts }, 'retention: purged');
    return { ranAt, counts };
  }

  /** The latest run, for the admin page and health. */
  async lastRun(): Promise<RetentionRun | null> {
    const [row] = await this.dataSource.query(`SELECT ran_at, counts FROM retention_runs ORDER BY ran_at DESC, id DESC LIMIT 1`);
    return row ? { ranAt: row.ran_at, counts: row.counts } : null;
  }
}
