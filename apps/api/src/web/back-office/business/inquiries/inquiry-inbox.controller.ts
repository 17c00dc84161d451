import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Role } from '@tradefloor/identity';
import { InquiryInbox, InquiryListQueryDto, UpdateInquiryStatusDto } from '@tradefloor/inquiries';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '../../../i18n/messages';
import { validateForm } from '../../../session/form-validation';
import { BackOffice, type Form } from '../../back-office';
import { INBOX_PATH, inquiryInboxView } from './inquiry-inbox.view';

/** Sellers answer their inquiries; admins may look in (the services check whose inquiries they are). */
const ROLES: Role[] = ['business', 'admin'];
const DONE: Record<string, MessageKey> = { updated: 'inq.inbox.updated' };

/** The business inbox (/quan-ly/hoi-mua): inquiries about the seller's products, and their status. */
@ApiExcludeController()
@Controller('quan-ly/hoi-mua')
export class InquiryInboxController {
  constructor(
    private readonly bo: BackOffice,
    private readonly inbox: InquiryInbox,
  ) {}

  @Get()
  list(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, ROLES, async (r) => {
      // A bad filter in the address bar is ignored rather than refused.
      const { value, errors } = await validateForm(InquiryListQueryDto, req.query, r.ctx.lang);
      const query = Object.keys(errors).length ? new InquiryListQueryDto() : value;
      const page = await this.inbox.ofMember(r.user, query);
      this.bo.send(r, r.ctx.t('inq.inbox.title'), inquiryInboxView(r.ctx, page, query.status, r.csrf(), this.bo.flash(r, DONE)));
    });
  }

  @Post(':id/trang-thai')
  setStatus(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    return this.bo.form(req, reply, ROLES, async (r) => {
      const { value, errors } = await validateForm(UpdateInquiryStatusDto, body, r.ctx.lang);
      if (errors.status) return this.bo.fail(r, 400, errors.status);
      await this.inbox.setStatus(r.user, id, value.status);
      this.bo.redirect(r, INBOX_PATH, 'updated');
    });
  }
}
