import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';

/** A request whose exact body bytes were kept (`captureRawBody`). */
export type RawBodyRequest = FastifyRequest & { tfRawBody?: Buffer };

/**
 * Webhook signatures cover the exact bytes received: for the paths `wanted` accepts, the body is
 * read once (up to `maxBytes`), kept as `tfRawBody`, and replayed to Fastify's parser. Other
 * routes keep Fastify's parsing unchanged. Without an HTTP server (worker role) it does nothing.
 */
export function captureRawBody(fastify: FastifyInstance | undefined, wanted: (path: string) => boolean, maxBytes: number): void {
  if (!fastify?.addHook) return;
  fastify.addHook('preParsing', async (req, _reply, payload) => {
    if (!wanted(req.url.split('?')[0])) return payload;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of payload) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) break;
      chunks.push(chunk as Buffer);
    }
    const raw = Buffer.concat(chunks);
    (req as RawBodyRequest).tfRawBody = raw;
    const replay = Readable.from([raw]) as Readable & { receivedEncodedLength?: number };
    replay.receivedEncodedLength = raw.length;
    return replay;
  });
}
