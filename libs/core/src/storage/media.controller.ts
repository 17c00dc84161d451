import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../errors/domain-error';
import { FileStorage, contentTypeOf, isValidStorageKey } from './file-storage';

/** Stored files under this prefix are never public (other routes serve them after their own access check, e.g. stamp sheets). */
export const PRIVATE_PREFIX = 'private/';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves stored files at `/media/<key>` from whichever FileStorage is configured. Keys name
 * immutable content (a new upload gets a new key), so responses are cached for a year, and carry
 * the store's ETag so a revalidating client or CDN gets `304 Not Modified` without the bytes.
 * Only known file types are served, and never keys under `private/`.
 *
 * The bytes are streamed through the API rather than answered with a redirect to a signed URL of
 * the object store: `/media/…` URLs stay stable and cacheable for a year (a signed URL expires,
 * and a cached redirect to it would break), the bucket stays private and need not be reachable
 * from buyers' browsers, partners fetching product photos get the image in one request, and a
 * CDN in front of the site caches them like any other static file. The cost is the API
 * process's bandwidth, which the long cache lifetime keeps small.
 */
@ApiExcludeController()
@Controller('media')
export class MediaController {
  constructor(private readonly storage: FileStorage) {}

  @Get('*')
  async serve(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const key = String((req.params as Record<string, string>)['*'] ?? '');
    const type = contentTypeOf(key);
    if (!type || !isValidStorageKey(key) || key.startsWith(PRIVATE_PREFIX)) throw new NotFoundError('Tệp', 'MEDIA_NOT_FOUND');
    const file = await this.storage.stream(key, req.headers['if-none-match']);
    if (!file) throw new NotFoundError('Tệp', 'MEDIA_NOT_FOUND');
    void reply.header('cache-control', IMMUTABLE).header('etag', file.etag);
    if ('notModified' in file) {
      await reply.status(304).send();
      return;
    }
    await reply.header('content-type', type).header('content-length', String(file.size)).header('x-content-type-options', 'nosniff').send(file.stream);
  }
}
