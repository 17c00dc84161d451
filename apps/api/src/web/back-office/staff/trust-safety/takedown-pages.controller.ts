import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError } from '@tradefloor/core';
import { DecideTakedownDto, TakedownListQueryDto, Takedowns } from '@tradefloor/trust-safety';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorText } from '../../../i18n/error-text';
import type { MessageKey } from '../../../i18n/messages';
import { queryChoice, queryPage } from '../../../kit/query';
import { validateForm } from '../../../session/form-validation';
import { ADMINS, BackOffice, type BackOfficeRequest, type Form } from '../../back-office';
import { TAKEDOWN_FILTERS, TAKEDOWNS_PATH, takedownDetailView, takedownListView } from './takedown-pages.view';

const PAGE_SIZE = 20;
const DONE: Record<string, MessageKey> = { decided: 'ts.td.done.decided' };

/** Takedowns for administrators (/quan-ly/go-bo): the list against the 24-hour deadline, each surface's state, the decision. */
@ApiExcludeController()
@Controller('quan-ly/go-bo')
export class TakedownPagesController {
  constructor(
    private readonly bo: BackOffice,
    private readonly takedowns: Takedowns,
  ) {}

  @Get()
  list(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, ADMINS, async (r) => {
      const filter = queryChoice(req.query, 'status', TAKEDOWN_FILTERS) ?? 'open';
      const q = Object.assign(new TakedownListQueryDto(), { status: filter, page: queryPage(req.query), pageSize: PAGE_SIZE });
      const list = await this.takedowns.list(q);
      this.bo.send(r, r.ctx.t('ts.td.title'), takedownListView(r.ctx, { filter, items: list.items, total: list.total, page: q.page, pageSize: PAGE_SIZE }));
    });
  }

  @Get(':id')
  detail(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, ADMINS, (r) => this.render(r, id, 200));
  }

  @Post(':id/quyet-dinh')
  decide(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    return this.bo.form(req, reply, ADMINS, async (r) => {
      const { value, errors } = await validateForm(DecideTakedownDto, { decision: body.decision, note: body.note?.trim() }, r.ctx.lang);
      const first = Object.values(errors)[0];
      if (first) return this.render(r, id, 400, first);
      try {
        await this.takedowns.decide(id, value);
      } catch (err) {
        if (!(err instanceof DomainError) || err.status >= 500) throw err;
        return this.render(r, id, err.status, errorText(r.ctx.lang, err));
      }
      this.bo.redirect(r, `${TAKEDOWNS_PATH}/${id}`, 'decided');
    });
  }

  private async render(r: BackOfficeRequest, id: string, status: number, problem?: string): Promise<void> {
    const d = await this.takedowns.get(id);
    this.bo.send(r, r.ctx.t('ts.td.title'), takedownDetailView(r.ctx, d, r.csrf, this.bo.flash(r, DONE), problem), status);
  }
}
