import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { APP_CONFIG, ErrorEnvelopeDto, RateLimiter, TooManyRequestsError, type ResolvedConfig } from '@tradefloor/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { federationConfig } from '../federation-config';
import { feedCsv } from './feed-csv';
import type { FeedKind } from './feed-log';
import { FeedPageDto, OpenFeedQueryDto } from './open-feed.dto';
import { OpenFeed } from './open-feed.service';

const JSON_DOC = 'Một trang của luồng mở v1 (one page of the open feed, docs/open-feed.md): JSON-LD, ETag, 304 on If-None-Match';
const CSV_DOC = { description: 'The same page as CSV (UTF-8 with BOM); the next cursor is in the X-Next-Cursor header', schema: { type: 'string' } };

/**
 * The open feed other floors and national systems read (docs/open-feed.md, contract v1): public,
 * CORS open for GET (see create-http-app), rate-limited per client IP, conditional GET by ETag.
 */
@ApiTags('open-feed')
@ApiTooManyRequestsResponse({ type: ErrorEnvelopeDto })
@Controller('open/v1')
export class OpenFeedController {
  private readonly ratePerMinute: number;

  constructor(
    private readonly feed: OpenFeed,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) config: ResolvedConfig,
  ) {
    this.ratePerMinute = federationConfig(config).feedRatePerMinute;
  }

  @Get('products')
  @ApiProduces('application/ld+json', 'text/csv')
  @ApiOkResponse({ type: FeedPageDto, description: JSON_DOC })
  products(@Query() q: OpenFeedQueryDto, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.serve('product', q, req, reply, q.format === 'csv');
  }

  @Get('products.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV_DOC)
  productsCsv(@Query() q: OpenFeedQueryDto, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.serve('product', q, req, reply, true);
  }

  @Get('enterprises')
  @ApiProduces('application/ld+json', 'text/csv')
  @ApiOkResponse({ type: FeedPageDto, description: JSON_DOC })
  enterprises(@Query() q: OpenFeedQueryDto, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.serve('enterprise', q, req, reply, q.format === 'csv');
  }

  @Get('enterprises.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV_DOC)
  enterprisesCsv(@Query() q: OpenFeedQueryDto, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.serve('enterprise', q, req, reply, true);
  }

  @Get('bulletins')
  @ApiProduces('application/ld+json', 'text/csv')
  @ApiOkResponse({ type: FeedPageDto, description: JSON_DOC })
  bulletins(@Query() q: OpenFeedQueryDto, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.serve('bulletin', q, req, reply, q.format === 'csv');
  }

  @Get('bulletins.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV_DOC)
  bulletinsCsv(@Query() q: OpenFeedQueryDto, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.serve('bulletin', q, req, reply, true);
  }

  private async serve(kind: FeedKind, q: OpenFeedQueryDto, req: FastifyRequest, reply: FastifyReply, csv: boolean): Promise<void> {
    const client = createHash('sha256').update(req.ip).digest('base64url').slice(0, 22);
    const limit = await this.limiter.hit(`open-feed:${client}`, this.ratePerMinute, 60);
    if (!limit.allowed) throw new TooManyRequestsError(limit.retryAfterSeconds);

    const page = await this.feed.page(kind, { cursor: q.cursor, updatedSince: q.updatedSince ? new Date(q.updatedSince) : undefined, limit: q.limit });
    const body = csv ? feedCsv(kind, page.dataFeedElement) : JSON.stringify(page);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
    reply.header('ETag', etag);
    reply.header('Cache-Control', 'public, max-age=0, must-revalidate');
    reply.header('Vary', 'Origin');
    if (page.nextCursor) reply.header('X-Next-Cursor', page.nextCursor);
    if (page.hasMore && page.nextCursor) reply.header('Link', `<${this.nextUrl(req, page.nextCursor)}>; rel="next"`);
    if (matches(req.headers['if-none-match'], etag)) {
      reply.status(304).send();
      return;
    }
    reply.type(csv ? 'text/csv; charset=utf-8' : 'application/ld+json; charset=utf-8').send(body);
  }

  private nextUrl(req: FastifyRequest, cursor: string): string {
    const url = new URL(req.url, 'http://x');
    url.searchParams.delete('updatedSince');
    url.searchParams.set('cursor', cursor);
    return `${url.pathname}${url.search}`;
  }
}

/** If-None-Match: `*`, or a list of (possibly weak) tags. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}
