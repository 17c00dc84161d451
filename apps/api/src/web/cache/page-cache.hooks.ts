import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { PageCache, type CachedPage } from '@tradefloor/core';
import { LEGAL_PAGE_TAG } from '@tradefloor/legal';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { pickLang } from '../i18n/messages';
import { hasSessionCookie } from '../session/web-session.service';
import { pageCacheState, setPageCacheState } from './cache-hints';
import { cacheKey, cacheRoute } from './cache-policy';

/**
 * Browsers revalidate every time (a 304 when nothing changed); a CDN may keep a page 10 s and serve
 * it up to 30 s more while it refetches. Our own cache is dropped by events, a CDN's cannot be.
 */
const PUBLIC_CACHE_CONTROL = 'public, max-age=0, s-maxage=10, stale-while-revalidate=30';
const PRIVATE_CACHE_CONTROL = 'private, no-store';
/** Headers of a rendered page replayed on a hit (security headers come from helmet on every response). */
const REPLAYED_HEADERS = ['content-type', 'x-search-engine'];

/**
 * Serves anonymous storefront pages from the page cache (Fastify hooks, before Nest routing) and
 * stores what they render. Signed-in visitors, pages with a form token or a cookie of their own,
 * and error pages never come from nor go into the shared cache.
 */
@Injectable()
export class PageCacheHooks implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly cache: PageCache,
  ) {}

  async onModuleInit(): Promise<void> {
    // The worker process has no HTTP server: it only sends invalidations.
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify?.addHook) return;
    // Callback hooks, not async ones: they run on every request, and a promise per hook showed in
    // the API's profile (issue 12 §5). A cached page is sent here, and then `done` is not called.
    fastify.addHook('onRequest', (req, reply, done) => {
      try {
        if (!this.onRequest(req, reply)) done();
      } catch (err) {
        done(err as Error);
      }
    });
    fastify.addHook('onSend', (req, reply, payload, done) => {
      try {
        done(null, this.onSend(req, reply, payload));
      } catch (err) {
        done(err as Error);
      }
    });
    await this.cache.start();
  }

  private onRequest(req: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
    if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
    const q = req.url.indexOf('?');
    const path = q < 0 ? req.url : req.url.slice(0, q);
    const route = cacheRoute(path);
    if (!route) return undefined;
    const query = q < 0 ? '' : req.url.slice(q + 1);
    const key = cacheKey(path, query, pickLang(req.query, req.headers.cookie));
    // Signed in (the header shows the back office link): personal, never shared.
    const shared = !hasSessionCookie(req);
    setPageCacheState(req, {
      key,
      shared,
      token: this.cache.begin(),
      tags: [...route.tags, LEGAL_PAGE_TAG],
      needsPageTags: route.needsPageTags ?? false,
      pageTagged: false,
    });
    if (!shared) return undefined;
    const page = this.cache.get(key);
    if (!page) return undefined;
    if (req.method === 'GET') page.onHit?.(req);
    this.rememberLang(req, reply);
    for (const [name, value] of Object.entries(page.headers)) void reply.header(name, value);
    void reply.header('cache-control', PUBLIC_CACHE_CONTROL).header('vary', 'Cookie').header('etag', page.etag).header('x-page-cache', 'hit');
    if (notModified(req, page.etag)) return reply.code(304).send();
    return reply.code(page.status).send(page.body);
  }

  private onSend(req: FastifyRequest, reply: FastifyReply, payload: unknown): unknown {
    const state = pageCacheState(req);
    if (!state || reply.getHeader('x-page-cache') === 'hit') return payload;
    if (!state.shared) {
      void reply.header('cache-control', PRIVATE_CACHE_CONTROL);
      return payload;
    }
    if (reply.statusCode !== 200 || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    if (personal(reply, body)) {
      void reply.header('cache-control', PRIVATE_CACHE_CONTROL);
      return payload;
    }
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
    void reply.header('cache-control', PUBLIC_CACHE_CONTROL).header('vary', 'Cookie').header('etag', etag);
    if (this.cache.active && (!state.needsPageTags || state.pageTagged)) {
      void reply.header('x-page-cache', 'miss');
      const headers: Record<string, string> = {};
      for (const name of REPLAYED_HEADERS) {
        const value = reply.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      const page: CachedPage = { status: 200, body, etag, headers, tags: state.tags, onHit: state.onHit as CachedPage['onHit'] };
      this.cache.put(state.key, page, state.token);
    }
    if (notModified(req, etag)) {
      void reply.code(304);
      return '';
    }
    return body;
  }

  /** `?lang=` is remembered in a cookie, as the page itself does when rendered. */
  private rememberLang(req: FastifyRequest, reply: FastifyReply): void {
    const explicit = (req.query as { lang?: unknown } | undefined)?.lang;
    if (explicit === 'vi' || explicit === 'en') void reply.header('set-cookie', `lang=${explicit}; Path=/; Max-Age=31536000; SameSite=Lax`);
  }
}

/** A page that sets a cookie other than the language, or carries a form token, belongs to one browser. */
function personal(reply: FastifyReply, body: Buffer): boolean {
  const cookies = reply.getHeader('set-cookie');
  const list = Array.isArray(cookies) ? cookies : cookies === undefined ? [] : [String(cookies)];
  if (list.some((c) => !String(c).startsWith('lang='))) return true;
  return body.includes('name="_csrf"');
}

function notModified(req: FastifyRequest, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  return header.split(',').some((t) => {
    const v = t.trim();
    return v === etag || v === `W/${etag}` || v === '*';
  });
}
