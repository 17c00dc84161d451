import { Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { IDENTITY_CALLBACK_PATH } from './seller-identity.service';

const MAX_NOTIFICATION_BYTES = 1024 * 1024;

export type IdentityRawBodyRequest = FastifyRequest & { tfIdentityRawBody?: Buffer };

/** The identity service signs the exact bytes it sends: keep them for the notification route only. */
@Injectable()
export class IdentityRawBodyCapture implements OnModuleInit {
  constructor(@Optional() private readonly host?: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.host?.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify?.addHook) return; // worker role: no HTTP server
    fastify.addHook('preParsing', async (req, _reply, payload) => {
      if (req.url.split('?')[0] !== IDENTITY_CALLBACK_PATH) return payload;
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of payload) {
        size += (chunk as Buffer).length;
        if (size > MAX_NOTIFICATION_BYTES) break;
        chunks.push(chunk as Buffer);
      }
      const raw = Buffer.concat(chunks);
      (req as IdentityRawBodyRequest).tfIdentityRawBody = raw;
      const replay = Readable.from([raw]) as Readable & { receivedEncodedLength?: number };
      replay.receivedEncodedLength = raw.length;
      return replay;
    });
  }
}
