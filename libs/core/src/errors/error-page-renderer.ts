import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Renders an error as an HTML page for browsers. The web layer of the app provides one under
 * ERROR_PAGE_RENDERER; core only knows this interface, so it never depends on apps/.
 */
export interface ErrorPageRenderer {
  /**
   * The complete HTML document for this error; `message` is the envelope's (already bilingual)
   * text and `code` its stable code (a page may explain some codes better, e.g. CSRF_FAILED).
   */
  render(error: { statusCode: number; code: string; message: string; requestId: string }, req: FastifyRequest, reply: FastifyReply): string;
}

export const ERROR_PAGE_RENDERER = Symbol('ERROR_PAGE_RENDERER');

/** Paths that always answer the JSON envelope, whatever the Accept header says. */
const MACHINE_PATHS = /^\/(?:api|docs|docs-json|docs-yaml|feeds|assets)(?:[/?.-]|$)/;

/** The bodies an HTML form sends; API clients post JSON. */
const FORM_BODY = /^(?:application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

/**
 * A browser navigating to a page (GET/HEAD) or submitting a form (POST with a form body), with
 * Accept naming text/html, and not an API, document, feed or asset path. API clients (no Accept,
 * application/json, *\/*, JSON bodies) keep the envelope.
 */
export function wantsHtmlPage(req: FastifyRequest): boolean {
  if (MACHINE_PATHS.test(req.url)) return false;
  const formPost = req.method === 'POST' && FORM_BODY.test(req.headers['content-type'] ?? '');
  if (req.method !== 'GET' && req.method !== 'HEAD' && !formPost) return false;
  const accept = req.headers.accept;
  return typeof accept === 'string' && /\btext\/html\b/i.test(accept);
}
