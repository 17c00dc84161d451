import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, isPermanentMailError, JobQueue, JobRegistry, MailSender, PermanentJobError, type JobRecord, type ResolvedConfig } from '@tradefloor/core';
import type { DataSource, EntityManager } from 'typeorm';
import { vietnamTime } from '../notices/seller-notices';

export const COMPLAINT_MAIL_QUEUE = 'trust-safety.complaint-mail';

/**
 * `receipt`: filed (the code and the deadline); `reply`: staff wrote to the complainant;
 * `resolution`: resolved or rejected. The job carries only the complaint's id: the address, the
 * reply and the resolution are read when the mail is sent, so no personal data sits in the jobs table.
 */
export interface ComplaintMailPayload {
  complaintId: string;
  kind: 'receipt' | 'reply' | 'resolution';
}

const LOOKUP_PATH = '/khieu-nai/tra-cuu';

/**
 * Mail to a complainant (who has no account: the address given with the complaint), enqueued in the
 * transaction of the filing, the reply or the resolution — so it goes if and only if that commits.
 */
@Injectable()
export class ComplaintMail implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly registry: JobRegistry,
    private readonly jobs: JobQueue,
    private readonly mail: MailSender,
  ) {}

  onModuleInit(): void {
    this.registry.register<ComplaintMailPayload>(COMPLAINT_MAIL_QUEUE, (job) => this.run(job), { concurrency: 2, maxAttempts: 10 });
  }

  enqueue(m: EntityManager, complaintId: string, kind: ComplaintMailPayload['kind']): Promise<unknown> {
    return this.jobs.enqueue(m, COMPLAINT_MAIL_QUEUE, { complaintId, kind } satisfies ComplaintMailPayload);
  }

  async run(job: JobRecord<ComplaintMailPayload>): Promise<void> {
    const { complaintId, kind } = job.payload;
    const [c]: Array<{ code: string; name: string; email: string; status: string; resolution: string | null; due_at: Date }> = await this.dataSource.query(
      `SELECT code, name, email, status, resolution, due_at FROM complaints WHERE id = $1`,
      [complaintId],
    );
    if (!c) return;
    const lookup = `${this.config.publicBaseUrl}${LOOKUP_PATH}?ma=${encodeURIComponent(c.code)}`;
    let subject: string;
    let body: string[];
    if (kind === 'receipt') {
      subject = `Đã nhận khiếu nại ${c.code} (complaint received)`;
      body = [
        `Sàn đã nhận khiếu nại của bạn. Mã khiếu nại: ${c.code}.`,
        `Hạn trả lời: ${vietnamTime(c.due_at)}.`,
        `Theo dõi khiếu nại (cần mã và email này): ${lookup}`,
        '',
        `(We received your complaint ${c.code}; we answer by ${c.due_at.toISOString()}.)`,
      ];
    } else if (kind === 'reply') {
      const [reply]: Array<{ body: string }> = await this.dataSource.query(
        `SELECT body FROM complaint_replies WHERE complaint_id = $1 AND author = 'staff' ORDER BY created_at DESC, id DESC LIMIT 1`,
        [complaintId],
      );
      if (!reply) return;
      subject = `Trả lời khiếu nại ${c.code} (a reply to your complaint)`;
      body = [
        `Ban quản lý sàn đã trả lời khiếu nại ${c.code}:`,
        '',
        reply.body,
        '',
        `Xem toàn bộ: ${lookup}`,
        '',
        `(Staff replied to your complaint ${c.code}.)`,
      ];
    } else {
      const outcome = c.status === 'resolved' ? 'đã được giải quyết (resolved)' : 'bị từ chối (rejected)';
      subject = `Kết luận khiếu nại ${c.code} (your complaint was concluded)`;
      body = [`Khiếu nại ${c.code} ${outcome}.`, '', `Kết luận: ${c.resolution ?? ''}`, '', `Xem chi tiết: ${lookup}`];
    }
    try {
      await this.mail.send({ to: [c.email], subject, text: [`Chào ${c.name},`, '', ...body].join('\n') });
    } catch (err) {
      if (isPermanentMailError(err)) throw new PermanentJobError((err as Error).message);
      throw err;
    }
  }
}
