import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { APP_CONFIG, type ResolvedConfig } from '@tradefloor/core';
import type { IncomingMessage } from 'node:http';
import { MAX_IMPORT_BYTES } from './product-import.service';

/** The one route that takes a raw CSV body (Fastify's route pattern). */
export const CSV_IMPORT_ROUTE = '/api/v1/enterprises/:id/products/import';

interface FastifyLike {
  hasContentTypeParser(type: string): boolean;
  addContentTypeParser(
    type: string,
    parser: (req: { routeOptions?: { url?: string } }, payload: IncomingMessage, done: (err: Error | null, body?: Buffer) => void) => void,
  ): void;
}

class PayloadTooLargeError extends Error {
  readonly statusCode = 413;
  constructor() {
    super('Request body is too large');
  }
}

/**
 * Lets the import accept a raw `text/csv` body up to the import limit. Fastify's content-type
 * parsers are server-wide, so the larger limit is applied to the import route only: elsewhere a
 * `text/csv` body gets the server's ordinary limit (issue 18 §8: it used to raise every route's
 * limit to 5 MiB, e.g. anonymous registration).
 */
@Injectable()
export class CsvBodyParser implements OnModuleInit {
  constructor(
    private readonly host: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  onModuleInit(): void {
    const instance = this.host.httpAdapter?.getInstance?.() as FastifyLike | undefined;
    if (!instance?.addContentTypeParser || instance.hasContentTypeParser('text/csv')) return;
    instance.addContentTypeParser('text/csv', (req, payload, done) => {
      const limit = req.routeOptions?.url === CSV_IMPORT_ROUTE ? MAX_IMPORT_BYTES + 1 : this.config.bodyLimitBytes;
      readLimited(payload, limit).then(
        (body) => done(null, body),
        (err: Error) => done(err),
      );
    });
  }
}

/** Reads a body, refusing it (413) as soon as its declared or received size passes `limit`. */
function readLimited(payload: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(payload.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      payload.resume();
      reject(new PayloadTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    payload.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        payload.removeAllListeners('data');
        payload.resume();
        reject(new PayloadTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    payload.on('end', () => resolve(Buffer.concat(chunks)));
    payload.on('error', reject);
  });
}
