import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SEARCH_JS } from './search-js';
import { APP_CSS } from './stylesheet';

const etagOf = (body: string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;
const CSS_ETAG = etagOf(APP_CSS);
const SEARCH_JS_ETAG = etagOf(SEARCH_JS);

/** Static storefront assets, held in memory (they are small) with validators for caching. */
@ApiExcludeController()
@Controller('assets')
export class AssetsController {
  @Get('app.css')
  css(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    void reply.header('etag', CSS_ETAG).header('cache-control', 'public, max-age=3600');
    if (req.headers['if-none-match'] === CSS_ETAG) {
      void reply.status(304).send();
      return;
    }
    void reply.header('content-type', 'text/css; charset=utf-8').send(APP_CSS);
  }

  @Get('search.js')
  searchJs(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    void reply.header('etag', SEARCH_JS_ETAG).header('cache-control', 'public, max-age=3600');
    if (req.headers['if-none-match'] === SEARCH_JS_ETAG) {
      void reply.status(304).send();
      return;
    }
    void reply.header('content-type', 'text/javascript; charset=utf-8').send(SEARCH_JS);
  }
}
