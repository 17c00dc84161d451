import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, type ResolvedConfig } from '@tradefloor/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { doneMessage } from '../back-office/admin/staff-page';
import { BACK_OFFICE_SECTIONS } from '../back-office/sections';
import { alert } from '../html/forms';
import { html } from '../html/html';
import { layout } from '../html/layout';
import { csrfField } from '../session/csrf';
import { WebSession } from '../session/web-session.service';
import { RESEND_VERIFICATION_PATH } from './email-verification-pages.controller';
import { pageContext, sendPage } from './page-context';

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
    const csrf = csrfField(req, reply, this.config.publicBaseUrl.startsWith('https://'));
    const body = html`<h1>${t('bo.title')}</h1>
<p>${t('bo.hello')}, <strong>${user.displayName}</strong> (${t(`bo.role.${user.role}`)}).</p>
${alert(doneMessage(ctx, req, { 'verification-sent': 'verify.resent' }), 'success')}
${
  user.emailVerified
    ? ''
    : html`<div class="alert error" role="status" id="email-not-verified"><p>${t('verify.banner')}</p>
<form method="post" action="${RESEND_VERIFICATION_PATH}">${csrf}<button type="submit">${t('verify.resend')}</button></form></div>`
}
<ul class="tiles">${BACK_OFFICE_SECTIONS.filter((s) => user.role === 'admin' || s.roles.includes(user.role)).map(
      (s) => html`<li><a href="${s.href}">${t(s.label)}</a></li>`,
    )}</ul>
<form method="post" action="/dang-xuat">${csrf}<button type="submit">${t('auth.logout')}</button></form>`;
    sendPage(reply, layout(ctx, { title: t('bo.title'), description: t('bo.title'), path: '/quan-ly' }, body), 200, 'private');
  }
}
