import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, isUuid } from '@tradefloor/core';
import { CreateScreeningTermDto, ScreeningTerms } from '@tradefloor/trust-safety';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorText } from '../../i18n/error-text';
import type { MessageKey } from '../../i18n/messages';
import { domainFieldErrors, validateForm, type FieldErrors } from '../../session/form-validation';
import { BackOffice, STAFF, type BackOfficeRequest, type Form } from '../back-office';
import { SCREENING_TERMS_PATH as PATH, screeningTermsView } from './screening-terms.view';

const DONE: Record<string, MessageKey> = { added: 'admin.terms.done.added', removed: 'admin.terms.done.removed' };
const one = (form: Form, key: string): string => (typeof form[key] === 'string' ? (form[key] as string) : '');

/** The keyword screening lists (admins and editors): every change is audited by ScreeningTerms. */
@ApiExcludeController()
@Controller('quan-ly/tu-khoa-sang-loc')
export class ScreeningTermsPageController {
  constructor(
    private readonly bo: BackOffice,
    private readonly terms: ScreeningTerms,
  ) {}

  @Get()
  list(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, STAFF, (r) => this.render(r, {}, {}));
  }

  @Post()
  add(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    return this.bo.form(req, reply, STAFF, async (r) => {
      const form = { term: one(body, 'term'), severity: one(body, 'severity'), note: one(body, 'note') };
      const { value, errors } = await validateForm(CreateScreeningTermDto, form, r.ctx.lang);
      if (Object.keys(errors).length) return this.render(r, form, errors, undefined, 400);
      try {
        await this.terms.create(value);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        return this.render(r, form, domainFieldErrors(err, r.ctx.lang), errorText(r.ctx.lang, err), err.status);
      }
      this.bo.redirect(r, PATH, 'added');
    });
  }

  @Post(':id/xoa')
  remove(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.bo.form(req, reply, STAFF, async (r) => {
      if (!isUuid(id)) return this.bo.fail(r, 404, r.ctx.t('notfound.body'));
      await this.terms.remove(id);
      this.bo.redirect(r, PATH, 'removed');
    });
  }

  private async render(r: BackOfficeRequest, form: Record<string, string>, errors: FieldErrors, message?: string, status = 200): Promise<void> {
    const { items } = await this.terms.list({});
    const body = screeningTermsView(r.ctx, { items, form, errors, message, done: this.bo.flash(r, DONE), csrf: r.csrf });
    this.bo.send(r, r.ctx.t('admin.terms.title'), body, status);
  }
}
