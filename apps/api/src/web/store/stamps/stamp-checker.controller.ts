import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, type ResolvedConfig } from '@tradefloor/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { field } from '../../html/forms';
import { html } from '../../html/html';
import { layout } from '../../html/layout';
import { pageContext, sendPage } from '../../kit/page-context';
import { queryText } from '../../kit/format';
import { interpretStampInput } from './stamp-input';

/**
 * /kiem-tra-tem: a GET form (works without JavaScript) that sends the buyer to the stamp's
 * verification page. A code whose check character fails is answered here at once: it cannot
 * exist, so there is nothing to look up.
 */
@ApiExcludeController()
@Controller('kiem-tra-tem')
export class StampCheckerController {
  constructor(@Inject(APP_CONFIG) private readonly config: ResolvedConfig) {}

  @Get()
  check(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const { t } = ctx;
    const value = queryText(req.query, 'serial', 300);
    const input = interpretStampInput(value);
    if (input.kind === 'valid') return void reply.redirect(input.path, 303);

    const error = input.kind === 'malformed' ? t('stamp.malformed') : input.kind === 'badCheck' ? t('stamp.unknown.title') : undefined;
    const body = html`<h1>${t('stamp.title')}</h1>
<p>${t('stamp.description')}</p>
${
  input.kind === 'badCheck'
    ? html`<section class="verdict-unknown" role="alert"><h2>${t('stamp.unknown.title')}</h2><p>${t('stamp.unknown')}</p></section>`
    : ''
}
<form class="stack" action="/kiem-tra-tem" method="get">
${field({ name: 'serial', label: t('stamp.label'), value, error, hint: t('stamp.hint'), required: true, autocomplete: 'off' })}
<button type="submit">${t('stamp.submit')}</button>
</form>
<p class="muted">${t('stamp.howto')}</p>`;
    const page = layout(ctx, { title: t('stamp.title'), description: t('stamp.description'), path: '/kiem-tra-tem' }, body);
    sendPage(reply, page, input.kind === 'empty' ? 200 : 400);
  }
}
