import { Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { captureRawBody } from '@tradefloor/core';
import type { FastifyInstance } from 'fastify';
import { CHANNELS } from '../channels/registry';

export type { RawBodyRequest } from '@tradefloor/core';

/** The route every channel's webhook receiver answers on. */
export const pushPath = (channel: string) => `/api/v1/channels/${channel}/push`;
const MAX_PUSH_BYTES = 1024 * 1024;

/** Webhook signatures cover the exact bytes received, so the push routes keep their raw body (core's `captureRawBody`). */
@Injectable()
export class RawBodyCapture implements OnModuleInit {
  private readonly paths = new Set(CHANNELS.filter((c) => c.kind === 'push' && c.webhook).map((c) => pushPath(c.name)));

  constructor(@Optional() private readonly host?: HttpAdapterHost) {}

  onModuleInit(): void {
    captureRawBody(this.host?.httpAdapter?.getInstance?.() as FastifyInstance | undefined, (path) => this.paths.has(path), MAX_PUSH_BYTES);
  }
}
