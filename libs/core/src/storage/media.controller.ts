import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../errors/domain-error';
import { FileStorage, isValidStorageKey } from './file-storage';

/** Stored files under this prefix are never public. */
export const PRIVATE_PREFIX = 'private/';

const CONTENT_TYPES: Record<string, string> = {
  webp: 'image/webp',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
};

/**
 * Serves stored files at `/media/<key>`. Keys name immutable content (a new upload gets a new
 * key), so responses are cached for a year. Only known file types are served, and never keys
 * under `private/` (files other routes serve after their own access check, e.g. stamp sheets).
 */
@ApiExcludeController()
@Controller('media')
export class MediaController {
  constructor(private readonly storage: FileStorage) {}

  @Get('*')
  async serve(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const key = String((req.params as Record<string, string>)['*'] ?? '');
    const type = CONTENT_TYPES[key.slice(key.lastIndexOf('.') + 1)];
    if (!type || !isValidStorageKey(key) || key.startsWith(PRIVATE_PREFIX)) throw new NotFoundError('Tệp', 'MEDIA_NOT_FOUND');
    const file = await this.storage.stream(key);
    if (!file) throw new NotFoundError('Tệp', 'MEDIA_NOT_FOUND');
    await reply
      .header('content-type', type)
      .header('content-length', String(file.size))
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(file.stream);
  }
}
