import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PageContext } from '../html/layout';
import { legalChromeOf } from '../html/legal-chrome';
import { pickLang, translator } from '../i18n/messages';
import { hasSessionCookie } from '../session/web-session.service';
import { isSecureSite } from '@tradefloor/core';

/** Language, translator and URLs for one request; remembers an explicit language choice in a cookie. */
export function pageContext(req: FastifyRequest, reply: FastifyReply, publicBaseUrl: string): PageContext {
  const lang = pickLang(req.query, req.headers.cookie);
  const explicit = (req.query as { lang?: unknown } | undefined)?.lang;
  if (explicit === 'vi' || explicit === 'en') {
    void reply.header('set-cookie', `lang=${lang}; Path=/; Max-Age=31536000; SameSite=Lax`);
  }
  // One leading slash: `//evil.example/x` (or `/\evil.example`) must not become an off-site link.
  const currentPath = `/${(req.url.split('?')[0] ?? '').replace(/^[/\\]+/, '')}`;
  return {
    lang,
    t: translator(lang),
    publicBaseUrl,
    secure: isSecureSite({ publicBaseUrl }),
    currentPath,
    signedIn: hasSessionCookie(req),
    legal: legalChromeOf(req),
  };
}

/** Public pages may be revalidated by shared caches; signed-in pages must never be stored. */
export function sendPage(reply: FastifyReply, page: string, status = 200, visibility: 'public' | 'private' = 'public'): void {
  void reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', visibility === 'private' ? 'private, no-store' : 'no-cache')
    .header('vary', 'Cookie')
    .send(page);
}
