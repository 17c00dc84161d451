import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobRegistry } from '@tradefloor/core';
import { OcopCertificates } from './ocop-certificates.service';

export const OCOP_EXPIRE_QUEUE = 'ocop.expire';
/** Hourly: the job is idempotent, so running it more often than daily only shortens the delay. */
export const OCOP_EXPIRE_INTERVAL_MS = 60 * 60 * 1000;

/** Registers the recurring expiry of OCOP certificates (valid_until before today, Vietnam date). */
@Injectable()
export class OcopExpiryJob implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly certificates: OcopCertificates,
  ) {}

  onModuleInit(): void {
    this.registry.register(
      OCOP_EXPIRE_QUEUE,
      async () => {
        await this.certificates.expireDue();
      },
      { concurrency: 1 },
    );
    this.registry.every(OCOP_EXPIRE_QUEUE, OCOP_EXPIRE_INTERVAL_MS, OCOP_EXPIRE_QUEUE);
  }
}
