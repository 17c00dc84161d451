import { Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';

export const SHOPEE_PUSH_PATH = '/api/v1/channels/shopee/push';
const MAX_PUSH_BYTES = 1024 * 1024;

export type RawBodyRequest = FastifyRequest & { tfRawBody?: Buffer };

/**
 * Webhook signatures cover the exact bytes received, so the push route keeps its raw body. Only
 * that path is touched: other routes keep Fastify's parsing unchanged.
 */
@Injectable()
export class RawBodyCapture implements OnModuleInit {
  constructor(@Optional() private readonly host?: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.host?.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify?.addHook) return; // worker role: no HTTP server
    fastify.addHook('preParsing', async (req, _reply, payload) => {
      if (req.url.split('?')[0] !== SHOPEE_PUSH_PATH) return payload;
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
