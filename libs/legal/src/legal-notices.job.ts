import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, JobQueue, JobRegistry, vietnamDate, type JobRecord, type ResolvedConfig } from '@tradefloor/core';
import { ACCOUNT_MAIL_QUEUE, UsersService, type AccountMailPayload } from '@tradefloor/identity';
import type { DataSource } from 'typeorm';
import { LEGAL_EFFECT_QUEUE, LEGAL_NOTIFY_QUEUE, LegalDocuments } from './legal-documents.service';

export interface LegalNotifyPayload {
  versionId: string;
  /** The last user id of the previous batch (null: the first batch). */
  after: string | null;
}

/**
 * Mails every active account with a verified email about a material version, in batches: each job
 * queues one account mail per user of its batch (identity's `ACCOUNT_MAIL_QUEUE`, deduplicated per
 * version and user while pending) and the job for the next batch, in one transaction. Also runs the
 * minute sweep that drops cached pages once a version takes effect (its banner goes).
 */
@Injectable()
export class LegalNoticesJob implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly registry: JobRegistry,
    private readonly jobs: JobQueue,
    private readonly users: UsersService,
    private readonly legal: LegalDocuments,
  ) {}

  onModuleInit(): void {
    this.registry.register<LegalNotifyPayload>(LEGAL_NOTIFY_QUEUE, (job) => this.notify(job), { concurrency: 1, maxAttempts: 10 });
    this.registry.register(LEGAL_EFFECT_QUEUE, async () => void (await this.legal.noticeEffects()), { concurrency: 1 });
    this.registry.every(LEGAL_EFFECT_QUEUE, 60_000, LEGAL_EFFECT_QUEUE);
  }

  async notify(job: JobRecord<LegalNotifyPayload>): Promise<void> {
    const version = await this.legal.versionById(job.payload.versionId);
    if (!version) return;
    const batch = this.legal.settings.mailBatch;
    const ids = await this.users.activeVerifiedIds(job.payload.after, batch);
    const link = `${this.config.publicBaseUrl}${version.url}`;
    const day = vietnamDate(version.effectiveAt);
    const mail = {
      subject: `Thay đổi ${version.title} từ ngày ${day} (changes to the ${version.document} from ${day})`,
      text: [
        `${version.title} có phiên bản mới (số ${version.number}), có hiệu lực từ ngày ${day}.`,
        '',
        `Tóm tắt thay đổi: ${version.summary}`,
        '',
        `Xem toàn văn và phần thay đổi: ${link}`,
        'Bạn sẽ được đề nghị đồng ý phiên bản mới khi đăng nhập sau ngày có hiệu lực.',
        '',
        `(A new version of the ${version.document} takes effect on ${day}; read it and what changed at the link above.)`,
      ].join('\n'),
    };
    await this.dataSource.transaction(async (m) => {
      for (const userId of ids) {
        await this.jobs.enqueue(m, ACCOUNT_MAIL_QUEUE, { kind: 'notice', userId, ...mail } satisfies AccountMailPayload, {
          dedupeKey: `legal:${job.payload.versionId}:${userId}`,
        });
      }
      const last = ids.at(-1);
      if (ids.length === batch && last) {
        await this.jobs.enqueue(m, LEGAL_NOTIFY_QUEUE, { versionId: job.payload.versionId, after: last } satisfies LegalNotifyPayload, {
          dedupeKey: `${job.payload.versionId}:${last}`,
        });
      }
    });
  }
}
