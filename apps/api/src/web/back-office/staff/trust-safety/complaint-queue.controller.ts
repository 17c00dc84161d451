import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, isUuid } from '@tradefloor/core';
import { ComplaintListQueryDto, Complaints, ComplaintTakedownDto, EscalateComplaintDto, ResolveComplaintDto, StaffReplyDto } from '@tradefloor/trust-safety';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorText } from '../../../i18n/error-text';
import type { MessageKey } from '../../../i18n/messages';
import { queryChoice, queryPage, queryText } from '../../../kit/query';
import { validateForm } from '../../../session/form-validation';
import { ADMINS, BackOffice, STAFF, type BackOfficeRequest, type Form } from '../../back-office';
import { COMPLAINT_FILTERS, COMPLAINT_QUEUE_PATH as PATH, complaintDetailView, complaintQueueView } from './complaint-queue.view';

const PAGE_SIZE = 20;
const ACTIONS = ['nhan', 'tra-loi', 'chuyen', 'ket-luan', 'go-bo'] as const;
type Action = (typeof ACTIONS)[number];
const DONE: Record<Action, MessageKey> = {
  nhan: 'ts.cq.done.nhan',
  'tra-loi': 'ts.cq.done.tra-loi',
  chuyen: 'ts.cq.done.chuyen',
  'ket-luan': 'ts.cq.done.ket-luan',
  'go-bo': 'ts.cq.done.go-bo',
};

/** The staff complaint queue (/quan-ly/khieu-nai): every action is the complaints service's, as in the API. */
@ApiExcludeController()
@Controller('quan-ly/khieu-nai')
export class ComplaintQueueController {
  constructor(
    private readonly bo: BackOffice,
    private readonly complaints: Complaints,
  ) {}

  @Get()
  queue(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, STAFF, async (r) => {
      const filter = queryChoice(req.query, 'status', COMPLAINT_FILTERS) ?? 'active';
      const mine = queryText(req.query, 'assignedTo') === 'me';
      const q = Object.assign(new ComplaintListQueryDto(), {
        status: filter,
        page: queryPage(req.query),
        pageSize: PAGE_SIZE,
        ...(mine ? { assignedTo: 'me' } : {}),
      });
      const list = await this.complaints.list(q, r.user);
      const body = complaintQueueView(r.ctx, {
        filter,
        mine,
        items: list.items,
        total: list.total,
        page: q.page,
        pageSize: PAGE_SIZE,
        me: r.user.id,
        kinds: this.kinds(),
      });
      this.bo.send(r, r.ctx.t('ts.cq.title'), body);
    });
  }

  @Get(':id')
  detail(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, STAFF, (r) => this.render(r, id, 200));
  }

  @Post(':id/:action')
  act(@Param('id') id: string, @Param('action') action: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    const act = ACTIONS.find((a) => a === action);
    return this.bo.form(req, reply, act === 'go-bo' ? ADMINS : STAFF, async (r) => {
      if (!act || !isUuid(id)) return this.bo.fail(r, 404, r.ctx.t('notfound.body'));
      try {
        const problem = await this.apply(r, id, act, body);
        if (problem) return this.render(r, id, 400, problem);
      } catch (err) {
        if (!(err instanceof DomainError) || err.status >= 500) throw err;
        return this.render(r, id, err.status, errorText(r.ctx.lang, err));
      }
      this.bo.redirect(r, `${PATH}/${id}`, act);
    });
  }

  /** Runs one action; returns the first field message when the form is not valid. */
  private async apply(r: BackOfficeRequest, id: string, act: Action, body: Form): Promise<string | undefined> {
    const lang = r.ctx.lang;
    if (act === 'nhan') {
      await this.complaints.assign(r.user, id);
      return undefined;
    }
    if (act === 'tra-loi') {
      const { value, errors } = await validateForm(StaffReplyDto, { message: body.message }, lang);
      if (errors.message) return errors.message;
      await this.complaints.reply(r.user, id, value.message);
    } else if (act === 'chuyen') {
      const { value, errors } = await validateForm(EscalateComplaintDto, { note: body.note }, lang);
      if (errors.note) return errors.note;
      await this.complaints.escalate(id, value.note);
    } else if (act === 'ket-luan') {
      const { value, errors } = await validateForm(ResolveComplaintDto, { outcome: body.outcome, resolution: body.resolution }, lang);
      const first = Object.values(errors)[0];
      if (first) return first;
      await this.complaints.resolve(r.user, id, value);
    } else {
      const { value, errors } = await validateForm(ComplaintTakedownDto, { legalBasis: body.legalBasis, reason: body.reason }, lang);
      const first = Object.values(errors)[0];
      if (first) return first;
      await this.complaints.openTakedown(r.user, id, value);
    }
    return undefined;
  }

  private async render(r: BackOfficeRequest, id: string, status: number, problem?: string): Promise<void> {
    const c = await this.complaints.get(id);
    const known = Object.fromEntries(ACTIONS.map((a) => [a, DONE[a]])) as Record<string, MessageKey>;
    const body = complaintDetailView(r.ctx, { c, isAdmin: r.user.role === 'admin', kinds: this.kinds(), csrf: r.csrf, done: this.bo.flash(r, known), problem });
    this.bo.send(r, `${r.ctx.t('ts.cq.title')}: ${c.code}`, body, status);
  }

  private kinds(): Record<string, string> {
    return Object.fromEntries(this.complaints.kinds().map((k) => [k.kind, k.label]));
  }
}
