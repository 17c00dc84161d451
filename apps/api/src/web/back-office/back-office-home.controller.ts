import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, type ResolvedConfig } from '@tradefloor/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BACK_OFFICE_SECTIONS } from './sections';
import { html } from '../html/html';
import { layout } from '../html/layout';
import { csrfField } from '../session/csrf';
import { WebSession } from '../session/web-session.service';
import { pageContext, sendPage } from '../kit/page-context';

/** The back office landing page: who is signed in, and where their work is. */
@ApiExcludeController()
@Controller('quan-ly')
export class BackOfficeController {
  constructor(
    private readonly session: WebSession,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  @Get()
  async home(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const user = await this.session.principal(req, reply);
    if (!user) {
      void reply.redirect('/dang-nhap', 303);
      return;
    }
    const { t } = ctx;
    const body = html`<h1>${t('bo.title')}</h1>
<p>${t('bo.hello')}, <strong>${user.displayName}</strong> (${t(`bo.role.${user.role}`)}).</p>
<ul class="tiles">${BACK_OFFICE_SECTIONS.filter((s) => user.role === 'admin' || s.roles.includes(user.role)).map(
      (s) => html`<li><a href="${s.href}">${t(s.label)}</a></li>`,
    )}</ul>
<form method="post" action="/dang-xuat">${csrfField(req, reply, this.config.publicBaseUrl.startsWith('https://'))}<button type="submit">${t('auth.logout')}</button></form>`;
    sendPage(reply, layout(ctx, { title: t('bo.title'), description: t('bo.title'), path: '/quan-ly' }, body), 200, 'private');
  }
}
