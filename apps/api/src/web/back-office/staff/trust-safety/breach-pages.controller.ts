import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Clock, DomainError, isUuid } from '@tradefloor/core';
import { Breaches, CreateBreachDto, UpdateBreachDto } from '@tradefloor/trust-safety';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorText } from '../../../i18n/error-text';
import type { MessageKey } from '../../../i18n/messages';
import { domainFieldErrors, validateForm, type FieldErrors } from '../../../session/form-validation';
import { ADMINS, BackOffice, type BackOfficeRequest, type Form } from '../../back-office';
import { BREACHES_PATH, breachDetailView, breachListView } from './breach-pages.view';

const DONE: Record<string, MessageKey> = { created: 'ts.br.done.created', updated: 'ts.br.done.updated' };

/** A `datetime-local` value read as Vietnam time (the staff's clock), to ISO 8601; anything else passes through to fail validation. */
function vietnamLocalToIso(value: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? new Date(`${value}:00+07:00`).toISOString() : value;
}

/** The breach register for administrators (/quan-ly/su-co-du-lieu): list, record, progress, notices. */
@ApiExcludeController()
@Controller('quan-ly/su-co-du-lieu')
export class BreachPagesController {
  constructor(
    private readonly bo: BackOffice,
    private readonly breaches: Breaches,
    private readonly clock: Clock,
  ) {}

  @Get()
  list(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, ADMINS, (r) => this.renderList(r, {}, {}));
  }

  @Post()
  create(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    return this.bo.form(req, reply, ADMINS, async (r) => {
      const form = {
        detectedAt: body.detectedAt ?? '',
        description: body.description?.trim() ?? '',
        dataKinds: body.dataKinds ?? '',
        affectedCount: body.affectedCount ?? '',
        measures: body.measures?.trim() ?? '',
      };
      const input = {
        detectedAt: vietnamLocalToIso(form.detectedAt),
        description: form.description,
        dataKinds: form.dataKinds
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean),
        affectedCount: /^\d+$/.test(form.affectedCount) ? Number(form.affectedCount) : form.affectedCount === '' ? undefined : form.affectedCount,
        measures: form.measures,
      };
      const { value, errors } = await validateForm(CreateBreachDto, input, r.ctx.lang);
      if (Object.keys(errors).length) return this.renderList(r, form, errors, 400);
      let id: string;
      try {
        id = (await this.breaches.create(value)).id;
      } catch (err) {
        if (!(err instanceof DomainError) || err.status >= 500) throw err;
        return this.renderList(r, form, domainFieldErrors(err, r.ctx.lang), err.status);
      }
      this.bo.redirect(r, `${BREACHES_PATH}/${id}`, 'created');
    });
  }

  @Get(':id')
  detail(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, ADMINS, (r) => this.renderDetail(r, id, 200));
  }

  @Post(':id/cap-nhat')
  update(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    return this.bo.form(req, reply, ADMINS, async (r) => {
      if (!isUuid(id)) return this.bo.fail(r, 404, r.ctx.t('notfound.body'));
      const input = body.notified ? { notifiedAuthorityAt: this.clock.now().toISOString() } : { status: body.status };
      const { value, errors } = await validateForm(UpdateBreachDto, input, r.ctx.lang);
      const first = Object.values(errors)[0];
      if (first) return this.renderDetail(r, id, 400, first);
      try {
        await this.breaches.update(id, value);
      } catch (err) {
        if (!(err instanceof DomainError) || err.status >= 500 || err.status === 404) throw err;
        return this.renderDetail(r, id, err.status, errorText(r.ctx.lang, err));
      }
      this.bo.redirect(r, `${BREACHES_PATH}/${id}`, 'updated');
    });
  }

  private async renderList(r: BackOfficeRequest, form: Record<string, string>, errors: FieldErrors, status = 200): Promise<void> {
    const { items } = await this.breaches.list();
    this.bo.send(r, r.ctx.t('ts.br.title'), breachListView(r.ctx, { items, form, errors, done: this.bo.flash(r, DONE), csrf: r.csrf }), status);
  }

  private async renderDetail(r: BackOfficeRequest, id: string, status: number, problem?: string): Promise<void> {
    const b = await this.breaches.get(id);
    const notices = await this.breaches.notices(id);
    this.bo.send(r, r.ctx.t('ts.br.title'), breachDetailView(r.ctx, b, notices, r.csrf, this.bo.flash(r, DONE), problem), status);
  }
}
