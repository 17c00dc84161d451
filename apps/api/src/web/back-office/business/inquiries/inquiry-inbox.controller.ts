import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, DomainError, type ResolvedConfig } from '@tradefloor/core';
import type { Principal } from '@tradefloor/identity';
import { InquiryInbox, InquiryListQueryDto, InquiryStats, InquiryStatsQueryDto, UpdateInquiryStatusDto } from '@tradefloor/inquiries';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { assertCsrf, csrfField } from '../../../session/csrf';
import { validateForm } from '../../../session/form-validation';
import { WebSession } from '../../../session/web-session.service';
import { pageContext, sendPage } from '../../../kit/page-context';
import { messagePage } from '../../../store/inquiries/inquiry-form.view';
import { inboxPage } from './inquiry-inbox.view';
import { statsPage } from '../../staff/inquiry-stats.view';

/** The business inbox (/quan-ly/hoi-mua) and the admins' volumes page. Authorization is checked by the services. */
@ApiExcludeController()
@Controller('quan-ly/hoi-mua')
export class InquiryInboxController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly session: WebSession,
    private readonly inbox: InquiryInbox,
    private readonly stats: InquiryStats,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const user = await this.signedIn(req, reply, ['business', 'admin']);
    if (!user) return;
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    // A bad filter in the address bar is ignored rather than refused.
    const { value, errors } = await validateForm(InquiryListQueryDto, req.query);
    const query = Object.keys(errors).length ? new InquiryListQueryDto() : value;
    const page = await this.inbox.ofMember(user, query);
    const notice = (req.query as { updated?: string }).updated === '1' ? ctx.t('inq.inbox.updated') : undefined;
    const csrf = csrfField(req, reply, this.secure);
    sendPage(reply, inboxPage(ctx, page, query.status, csrf, notice), 200, 'private');
  }

  @Post(':id/trang-thai')
  async setStatus(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Record<string, string>): Promise<void> {
    assertCsrf(req);
    const user = await this.signedIn(req, reply, ['business', 'admin']);
    if (!user) return;
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const { value, errors } = await validateForm(UpdateInquiryStatusDto, body);
    if (errors.status) return sendPage(reply, messagePage(ctx, ctx.t('inq.inbox.title'), errors.status), 400, 'private');
    try {
      await this.inbox.setStatus(user, id, value.status);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return sendPage(reply, messagePage(ctx, ctx.t('inq.inbox.title'), err.message), err.status, 'private');
    }
    void reply.redirect('/quan-ly/hoi-mua?updated=1', 303);
  }

  @Get('thong-ke')
  async volumes(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const user = await this.signedIn(req, reply, ['admin']);
    if (!user) return;
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const form = req.query as Record<string, string | undefined>;
    const { value, errors } = await validateForm(InquiryStatsQueryDto, form);
    if (Object.keys(errors).length) return sendPage(reply, statsPage(ctx, undefined, form, errors), 400, 'private');
    try {
      sendPage(reply, statsPage(ctx, await this.stats.volumes(value), form, {}), 200, 'private');
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const fieldErrors = Object.fromEntries((err.details ?? []).map((d) => [d.field, d.message]));
      sendPage(reply, statsPage(ctx, undefined, form, fieldErrors, err.message), err.status, 'private');
    }
  }

  private get secure(): boolean {
    return this.config.publicBaseUrl.startsWith('https://');
  }

  /** Signed-out visitors go to sign-in; signed-in users without the role get a 403 page. */
  private async signedIn(req: FastifyRequest, reply: FastifyReply, roles: Array<Principal['role']>): Promise<Principal | undefined> {
    const user = await this.session.principal(req, reply);
    if (!user) {
      void reply.redirect('/dang-nhap', 303);
      return undefined;
    }
    if (!roles.includes(user.role)) {
      const ctx = pageContext(req, reply, this.config.publicBaseUrl);
      sendPage(reply, messagePage(ctx, ctx.t('inq.inbox.title'), 'Không có quyền thực hiện thao tác này (forbidden)'), 403, 'private');
      return undefined;
    }
    return user;
  }
}
