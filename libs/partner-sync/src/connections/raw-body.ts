import { Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { CHANNELS } from '../channels/registry';

/** The route every channel's webhook receiver answers on. */
export const pushPath = (channel: string) => `/api/v1/channels/${channel}/push`;
const MAX_PUSH_BYTES = 1024 * 1024;

export type RawBodyRequest = FastifyRequest & { tfRawBody?: Buffer };

/**
 * Webhook signatures cover the exact bytes received, so the push routes keep their raw body. Only
 * those paths are touched: other routes keep Fastify's parsing unchanged.
 */
@Injectable()
export class RawBodyCapture implements OnModuleInit {
  private readonly paths = new Set(CHANNELS.filter((c) => c.kind === 'push' && c.webhook).map((c) => pushPath(c.name)));

  constructor(@Optional() private readonly host?: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.host?.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify?.addHook) return; // worker role: no HTTP server
    fastify.addHook('preParsing', async (req, _reply, payload) => {
      if (!this.paths.has(req.url.split('?')[0])) return payload;
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of payload) {
        size += (chunk as Buffer).length;
        if (size > MAX_PUSH_BYTES) break;
        chunks.push(chunk as Buffer);
      }
      const raw = Buffer.concat(chunks);
      (req as RawBodyRequest).tfRawBody = raw;
      const replay = Readable.from([raw]) as Readable & { receivedEncodedLength?: number };
      replay.receivedEncodedLength = raw.length;
      return replay;
    });
  }
}
