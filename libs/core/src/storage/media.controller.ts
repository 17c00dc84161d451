import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { NotFoundError } from '../errors/domain-error';
import { FileStorage, isValidStorageKey } from './file-storage';

const CONTENT_TYPES: Record<string, string> = {
  webp: 'image/webp',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
};

/**
 * Serves stored files at `/media/<key>`. Keys name immutable content (a new upload gets a new
 * key), so responses are cached for a year. Only known file types are served.
 */
@ApiExcludeController()
@Controller('media')
export class MediaController {
  constructor(private readonly storage: FileStorage) {}

  @Get('*key')
  async serve(@Param('key') rawKey: string | string[], @Res() reply: FastifyReply): Promise<void> {
    const key = Array.isArray(rawKey) ? rawKey.join('/') : rawKey;
    const type = CONTENT_TYPES[key.slice(key.lastIndexOf('.') + 1)];
    if (!type || !isValidStorageKey(key)) throw new NotFoundError('Tệp', 'MEDIA_NOT_FOUND');
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
