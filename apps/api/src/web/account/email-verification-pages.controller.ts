import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, DomainError, type ResolvedConfig } from '@tradefloor/core';
import { EmailVerification, VERIFY_PAGE_PATH } from '@tradefloor/identity';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { layout } from '../html/layout';
import { assertCsrf } from '../session/csrf';
import { WebSession } from '../session/web-session.service';
import { pageContext, sendPage } from '../kit/page-context';
import { emailVerificationView } from './email-verification.view';

/** Where the back office banner's "send again" form posts (an unverified account may post here). */
export const RESEND_VERIFICATION_PATH = `${VERIFY_PAGE_PATH}/gui-lai`;

/**
 * The page a verification mail links to, and "send it again" (issue 18 §6). Opening the link
 * verifies: the token is single-use and expiring, and proving the mailbox received it is the point.
 */
@ApiExcludeController()
@Controller()
export class EmailVerificationPagesController {
  constructor(
    private readonly verification: EmailVerification,
    private readonly session: WebSession,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  @Get(VERIFY_PAGE_PATH.slice(1))
  async verify(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const token = (req.query as { token?: unknown }).token;
    let ok = false;
    if (typeof token === 'string' && token.length >= 20 && token.length <= 200) {
      try {
        await this.verification.verify(token);
        ok = true;
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
      }
    }
    const body = emailVerificationView(ctx, ok);
    void reply.header('referrer-policy', 'no-referrer');
    sendPage(
      reply,
      layout(ctx, { title: ctx.t('verify.title'), description: ctx.t('verify.title'), path: VERIFY_PAGE_PATH, noindex: true }, body),
      ok ? 200 : 400,
      'private',
    );
  }

  @Post(RESEND_VERIFICATION_PATH.slice(1))
  async resend(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const user = await this.session.principal(req, reply);
    assertCsrf(req);
    if (!user) {
      void reply.redirect('/dang-nhap', 303);
      return;
    }
    // A 429 (more than a few an hour) goes to the error page with its Retry-After.
    await this.verification.resend(user.id);
    void reply.redirect('/quan-ly?done=verification-sent', 303);
  }
}
