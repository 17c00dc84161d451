import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Renders an error as an HTML page for browsers. The web layer of the app provides one under
 * ERROR_PAGE_RENDERER; core only knows this interface, so it never depends on apps/.
 */
export interface ErrorPageRenderer {
  /** The complete HTML document for this error; `message` is the envelope's (already bilingual) text. */
  render(error: { statusCode: number; message: string; requestId: string }, req: FastifyRequest, reply: FastifyReply): string;
}

export const ERROR_PAGE_RENDERER = Symbol('ERROR_PAGE_RENDERER');

/** Paths that always answer the JSON envelope, whatever the Accept header says. */
const MACHINE_PATHS = /^\/(?:api|docs|docs-json|docs-yaml|feeds|assets)(?:[/?.-]|$)/;

/**
 * A browser navigating to a page: GET/HEAD, Accept naming text/html, and not an API, document,
 * feed or asset path. API clients (no Accept, application/json, *\/*) keep the envelope.
 */
export function wantsHtmlPage(req: FastifyRequest): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (MACHINE_PATHS.test(req.url)) return false;
  const accept = req.headers.accept;
  return typeof accept === 'string' && /\btext\/html\b/i.test(accept);
}
