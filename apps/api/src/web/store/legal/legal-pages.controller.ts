import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, NotFoundError, RetentionSchedule, type ResolvedConfig } from '@tradefloor/core';
import { LEGAL_DOCUMENTS, LEGAL_PAGE_PATHS, LegalDocuments, type LegalDocument } from '@tradefloor/legal';
import { SearchRanking } from '@tradefloor/search';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFoundPage } from '../../html/error-page.view';
import { layout } from '../../html/layout';
import { pageContext, sendPage } from '../../kit/page-context';
import { docTitleKey, legalDocumentView, legalVersionView } from './legal.view';

const DOC_PATHS = LEGAL_DOCUMENTS.map((d) => LEGAL_PAGE_PATHS[d]);

function documentAt(url: string): LegalDocument {
  const path = `/${(url.split('?')[0] ?? '').split('/')[1] ?? ''}`;
  const doc = LEGAL_DOCUMENTS.find((d) => LEGAL_PAGE_PATHS[d] === path);
  if (!doc) throw new NotFoundError('Văn bản');
  return doc;
}

/** The published legal documents: each one's version in force with its versions, and every version at a stable address with its diff. */
@ApiExcludeController()
@Controller()
export class LegalPagesController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly legal: LegalDocuments,
    private readonly ranking: SearchRanking,
    private readonly retention: RetentionSchedule,
  ) {}

  @Get(DOC_PATHS)
  async document(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const document = documentAt(req.url);
    const [current, versions, ranking] = await Promise.all([
      this.legal.current(document),
      this.legal.versions(document),
      document === 'search-ranking' ? this.ranking.describe() : Promise.resolve(undefined),
    ]);
    // The periods the daily retention job enforces, from the same configuration, so the policy
    // cannot state one period while the job applies another.
    const retention = document === 'privacy-policy' ? this.retention.rules() : undefined;
    const title = ctx.t(docTitleKey(document));
    sendPage(
      reply,
      layout(
        ctx,
        { title, description: current.summary, path: LEGAL_PAGE_PATHS[document] },
        legalDocumentView(ctx, document, current, versions, { ranking, retention }),
      ),
    );
  }

  @Get(DOC_PATHS.map((p) => `${p}/phien-ban/:n`))
  async version(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('n') n: string): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const document = documentAt(req.url);
    const number = /^[1-9]\d{0,5}$/.test(n) ? Number(n) : 0;
    try {
      if (!number) throw new NotFoundError('Phiên bản');
      const v = await this.legal.version(document, number);
      const title = `${ctx.t(docTitleKey(document))} — ${ctx.t('legal.version')} ${v.number}`;
      sendPage(reply, layout(ctx, { title, description: v.summary, path: v.url }, legalVersionView(ctx, document, v, LEGAL_PAGE_PATHS[document])));
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      sendPage(reply, notFoundPage(ctx), 404);
    }
  }
}
