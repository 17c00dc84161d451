import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { LegalDocuments } from '@tradefloor/legal';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { setLegalChrome } from '../../html/legal-chrome';

/**
 * Before every page request, looks up what the layout shows of the legal documents (the operator's
 * identity for the footer, the banners of versions published and not yet in force) so that every
 * page — storefront, sign-in, back office — shows them without each controller asking.
 */
@Injectable()
export class LegalChromeHooks implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly legal: LegalDocuments,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify?.addHook) return;
    // A callback hook: API calls pass straight through without a promise each (issue 12 §5).
    fastify.addHook('onRequest', (req: FastifyRequest, _reply, done) => {
      if (req.url.startsWith('/api/') || req.url.startsWith('/assets/') || req.url.startsWith('/docs')) {
        done();
        return;
      }
      this.legal.upcoming().then((notices) => {
        setLegalChrome(req, { operator: this.legal.settings.operator, notices });
        done();
      }, done);
    });
  }
}
