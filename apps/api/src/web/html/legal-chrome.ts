import type { FastifyRequest } from 'fastify';
import type { LegalNotice, OperatorIdentity } from '@tradefloor/legal';

/** What every page shows from the legal documents: the operator's identity and the upcoming-change banners. */
export interface LegalChrome {
  operator: OperatorIdentity;
  notices: LegalNotice[];
}

const CHROME = Symbol('legal-chrome');

/** Set by the legal chrome hook (web/legal) before routing; read by pageContext. */
export function setLegalChrome(req: FastifyRequest, chrome: LegalChrome): void {
  (req as unknown as Record<symbol, LegalChrome>)[CHROME] = chrome;
}

export function legalChromeOf(req: FastifyRequest): LegalChrome | undefined {
  return (req as unknown as Record<symbol, LegalChrome | undefined>)[CHROME];
}
