import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProductViews } from '@tradefloor/catalog';
import {
  APP_CONFIG,
  Clock,
  type FieldError,
  isUuid,
  JobQueue,
  LOGGER,
  normalizeVietnameseMobile,
  NotFoundError,
  RateLimiter,
  type ResolvedConfig,
  TooManyRequestsError,
  ValidationFailedError,
} from '@tradefloor/core';
import type { Principal } from '@tradefloor/identity';
import type { Logger } from 'pino';
import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { CreateInquiryDto } from '../dto/inquiry-input.dto';
import type { InquiryReceiptDto } from '../dto/inquiry-output.dto';
import { INQUIRY_NOTIFY_QUEUE } from '../mail/inquiry-notification.job';
import { ClientFingerprints, type ClientInfo } from '../spam/client-fingerprint';
import { FormTokens } from '../spam/form-token';
import { isLinkHeavy } from '../spam/message-rules';

const DUPLICATE_WINDOW_MS = 3600_000;

export const FORM_TOO_FAST = 'Bạn gửi hơi nhanh — vui lòng kiểm tra lại nội dung rồi gửi lại (sent too quickly, please check and send again)';
export const FORM_EXPIRED = 'Biểu mẫu đã hết hạn, vui lòng gửi lại (form expired, please send again)';

/**
 * Accepts buyer inquiries. Spam defences, cheapest first: honeypot (silently dropped: the bot gets
 * an ordinary receipt and learns nothing), signed form time (too fast or forged → 400, so a human
 * can simply send again), per-client and per-phone rate limits (429), duplicate suppression (same
 * sender, product and message within an hour → the first inquiry's receipt), link-heavy messages
 * stored as `spam` without notifying anyone.
 */
@Injectable()
export class InquirySubmissions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly products: ProductViews,
    private readonly jobs: JobQueue,
    private readonly limiter: RateLimiter,
    private readonly tokens: FormTokens,
    private readonly fingerprints: ClientFingerprints,
  ) {}

  async submit(productId: string, input: CreateInquiryDto, caller: Principal | undefined, client: ClientInfo): Promise<InquiryReceiptDto> {
    const product = isUuid(productId) ? await this.products.get(productId) : undefined;
    if (!product?.visible) throw new NotFoundError('Sản phẩm', 'PRODUCT_NOT_FOUND');

    if (input.website?.trim()) {
      this.logger.info({ productId }, 'inquiry honeypot filled: dropped');
      return { reference: randomUUID(), received: true };
    }

    const problems: FieldError[] = [];
    if (!caller && !input.buyerName) problems.push({ field: 'buyerName', message: 'Cần họ tên (name required)' });
    if (!caller && !input.buyerPhone) problems.push({ field: 'buyerPhone', message: 'Cần số điện thoại (phone required)' });
    if (!caller || input.formToken !== undefined) {
      const check = this.tokens.check(input.formToken);
      if (check === 'too-fast') problems.push({ field: 'formToken', message: FORM_TOO_FAST });
      else if (check !== 'ok') problems.push({ field: 'formToken', message: FORM_EXPIRED });
    }
    if (problems.length) throw new ValidationFailedError(problems);

    const phone = input.buyerPhone ? normalizeVietnameseMobile(input.buyerPhone) : null;
    const fingerprint = this.fingerprints.of(client);
    await this.enforceLimits(caller ? `inquiry:user:${caller.id}` : `inquiry:client:${fingerprint.clientHash}`, phone);

    const buyerName = input.buyerName ?? caller!.displayName;
    const spam = isLinkHeavy(input.message);
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      // Serialises identical submissions so a double-click cannot slip past the duplicate check.
      const sender = phone ?? `user:${caller!.id}`;
      const dedupe = createHash('sha256').update(`${productId}\n${sender}\n${input.message}`).digest();
      await m.query('SELECT pg_advisory_xact_lock($1)', [dedupe.readBigInt64BE(0).toString()]);
      const [existing] = await m.query(
        `SELECT id FROM inquiries
         WHERE product_id = $1 AND message = $2 AND created_at > $3
           AND (buyer_phone = $4 OR ($4::text IS NULL AND buyer_user_id = $5))
         LIMIT 1`,
        [productId, input.message, new Date(now.getTime() - DUPLICATE_WINDOW_MS), phone, caller?.id ?? null],
      );
      if (existing) return { reference: existing.id as string, received: true };

      const [row] = await m.query(
        `INSERT INTO inquiries (product_id, enterprise_id, buyer_user_id, buyer_name, buyer_phone, quantity, message, status,
                                client_hash, user_agent_hash, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id`,
        [
          productId,
          product.enterpriseId,
          caller?.id ?? null,
          buyerName,
          phone,
          input.quantity,
          input.message,
          spam ? 'spam' : 'new',
          fingerprint.clientHash,
          fingerprint.userAgentHash,
          now,
        ],
      );
      if (!spam) await this.jobs.enqueue(m, INQUIRY_NOTIFY_QUEUE, { inquiryId: row.id });
      return { reference: row.id as string, received: true };
    });
  }

  /** Both limits count every attempt, so a blocked sender stays blocked for the whole window. */
  private async enforceLimits(clientKey: string, phone: string | null): Promise<void> {
    const { maxPerClient, maxPerPhone, windowSeconds } = this.config.inquiries;
    const byClient = await this.limiter.hit(clientKey, maxPerClient, windowSeconds);
    const byPhone = phone ? await this.limiter.hit(`inquiry:phone:${phone}`, maxPerPhone, windowSeconds) : undefined;
    const blocked = [byClient, byPhone].filter((r) => r && !r.allowed);
    if (blocked.length) throw new TooManyRequestsError(Math.max(...blocked.map((r) => r!.retryAfterSeconds)));
  }
}
