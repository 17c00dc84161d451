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
  // A callback hook: every request passes through it, and an async one cost a promise each (issue 12 §5).
  fastify.addHook('preParsing', (req, _reply, payload, done) => {
    const q = req.url.indexOf('?');
    if (!wanted(q === -1 ? req.url : req.url.slice(0, q))) {
      done(null, payload);
      return;
    }
    readUpTo(payload, maxBytes).then((raw) => {
      (req as RawBodyRequest).tfRawBody = raw;
      const replay = Readable.from([raw]) as Readable & { receivedEncodedLength?: number };
      replay.receivedEncodedLength = raw.length;
      done(null, replay);
    }, done);
  });
}

/** The body's bytes, stopping after the chunk that passes `maxBytes` (that one is left out). */
async function readUpTo(payload: AsyncIterable<unknown>, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
