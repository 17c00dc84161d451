import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, isUuid } from '@tradefloor/core';
import { CompleteRequestDto, ExtendRequestDto, PrivacyRequests } from '@tradefloor/privacy';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorText } from '../../i18n/error-text';
import type { MessageKey } from '../../i18n/messages';
import { validateForm } from '../../session/form-validation';
import { BackOffice, STAFF, type BackOfficeRequest } from '../back-office';
import { PRIVACY_QUEUE_PATH as PATH, queueView } from './privacy-request-queue.view';

type Form = Record<string, string | undefined>;
const ACTIONS = ['nhan', 'gia-han', 'hoan-tat'] as const;
type Action = (typeof ACTIONS)[number];
const DONE: Record<Action, MessageKey> = { nhan: 'pv.queue.done.ack', 'gia-han': 'pv.queue.done.extend', 'hoan-tat': 'pv.queue.done.complete' };

/** The staff queue of privacy requests (/quan-ly/yeu-cau-du-lieu) with its timers; overdue rows highlighted. */
@ApiExcludeController()
@Controller('quan-ly/yeu-cau-du-lieu')
export class PrivacyRequestQueuePageController {
  constructor(
    private readonly bo: BackOffice,
    private readonly requests: PrivacyRequests,
  ) {}

  @Get()
  queue(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, STAFF, (r) => this.render(r, 200));
  }

  @Post(':id/:action')
  act(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Param('action') action: string, @Body() body: Form): Promise<void> {
    const act = ACTIONS.find((a) => a === action);
    return this.bo.form(req, reply, STAFF, async (r) => {
      if (!act || !isUuid(id)) return this.bo.fail(r, 404, r.ctx.t('notfound.body'));
      try {
        const problem = await this.apply(r, id, act, body);
        if (problem) return this.render(r, 400, problem);
      } catch (err) {
        if (!(err instanceof DomainError) || err.status >= 500) throw err;
        return this.render(r, err.status, errorText(r.ctx.lang, err));
      }
      this.bo.redirect(r, PATH, act);
    });
  }

  /** Runs one action; returns the first field message when the form is not valid. */
  private async apply(r: BackOfficeRequest, id: string, act: Action, body: Form): Promise<string | undefined> {
    if (act === 'nhan') {
      await this.requests.acknowledge(id, body.processorInvolved === 'true');
      return undefined;
    }
    if (act === 'gia-han') {
      const { value, errors } = await validateForm(ExtendRequestDto, { reason: body.reason }, r.ctx.lang);
      if (errors.reason) return errors.reason;
      await this.requests.extend(id, value.reason);
      return undefined;
    }
    const { value, errors } = await validateForm(CompleteRequestDto, { resolution: body.resolution, rejected: body.rejected === 'true' }, r.ctx.lang);
    const first = Object.values(errors)[0];
    if (first) return first;
    await this.requests.complete(id, value.resolution, value.rejected ?? false);
    return undefined;
  }

  private async render(r: BackOfficeRequest, status: number, problem?: string): Promise<void> {
    const done = this.bo.flash(r, DONE);
    this.bo.send(r, r.ctx.t('pv.queue.title'), queueView(r.ctx, await this.requests.list(), r.csrf, { done, problem }), status);
  }
}
