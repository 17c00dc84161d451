import { Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { captureRawBody } from '@tradefloor/core';
import type { FastifyInstance } from 'fastify';
import { IDENTITY_CALLBACK_PATH } from './seller-identity.service';

/** Bounded like the partner webhooks: a larger body is cut, so its signature fails. */
const MAX_NOTIFICATION_BYTES = 1024 * 1024;

/** The identity service signs the exact bytes it sends: keep them for the notification route only. */
@Injectable()
export class IdentityRawBodyCapture implements OnModuleInit {
  constructor(@Optional() private readonly host?: HttpAdapterHost) {}

  onModuleInit(): void {
    captureRawBody(this.host?.httpAdapter?.getInstance?.() as FastifyInstance | undefined, (path) => path === IDENTITY_CALLBACK_PATH, MAX_NOTIFICATION_BYTES);
  }
}
