import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError } from '@tradefloor/core';
import { LEGAL_DOCUMENTS, LegalDocuments, PublishLegalVersionDto, isLegalDocument } from '@tradefloor/legal';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorText } from '../../i18n/error-text';
import type { MessageKey } from '../../i18n/messages';
import { parseVietnamLocal } from '../../kit/format';
import { domainFieldErrors, validateBody, type FieldErrors } from '../../session/form-validation';
import { ADMINS, BackOffice, type BackOfficeRequest, type Form } from '../back-office';
import { LEGAL_ADMIN_PATH as PATH, legalAdminView } from './legal-documents.view';

const DONE: Record<string, MessageKey> = { published: 'legal.admin.done' };
const one = (form: Form, key: string): string => (typeof form[key] === 'string' ? (form[key] as string) : '');

/** Admins publish legal document versions; the rules (notice, mail, banner, audit) are LegalDocuments.publish's. */
@ApiExcludeController()
@Controller('quan-ly/van-ban-phap-ly')
export class LegalDocumentsPageController {
  constructor(
    private readonly bo: BackOffice,
    private readonly legal: LegalDocuments,
  ) {}

  @Get()
  list(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, ADMINS, (r) => this.render(r, {}, {}));
  }

  @Post()
  publish(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    return this.bo.form(req, reply, ADMINS, async (r) => {
      const form = {
        document: one(body, 'document'),
        title: one(body, 'title'),
        summary: one(body, 'summary'),
        body: one(body, 'body'),
        material: one(body, 'material'),
        effectiveAt: one(body, 'effectiveAt'),
      };
      if (!isLegalDocument(form.document)) return this.render(r, form, { document: r.ctx.t('legal.admin.document') }, undefined, 400);
      const at = form.effectiveAt ? parseVietnamLocal(form.effectiveAt) : undefined;
      if (form.effectiveAt && !at) return this.render(r, form, { effectiveAt: r.ctx.t('legal.admin.effectiveHint') }, undefined, 400);
      const { value, errors } = await validateBody(
        PublishLegalVersionDto,
        { title: form.title, summary: form.summary, body: form.body, material: form.material === 'yes', effectiveAt: at?.toISOString() },
        r.ctx.lang,
      );
      if (Object.keys(errors).length) return this.render(r, form, errors, undefined, 400);
      try {
        await this.legal.publish({ id: r.user.id, role: r.user.role }, form.document, value);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        return this.render(r, form, domainFieldErrors(err, r.ctx.lang), errorText(r.ctx.lang, err), err.status);
      }
      this.bo.redirect(r, PATH, 'published');
    });
  }

  private async render(r: BackOfficeRequest, form: Record<string, string>, errors: FieldErrors, message?: string, status = 200): Promise<void> {
    const versions = await Promise.all(LEGAL_DOCUMENTS.map(async (document) => ({ document, items: await this.legal.versions(document) })));
    const body = legalAdminView(r.ctx, {
      versions,
      form,
      errors,
      message,
      done: this.bo.flash(r, DONE),
      noticeDays: this.legal.settings.noticeDays,
      feeNoticeDays: this.legal.settings.feeNoticeDays,
      csrf: r.csrf,
    });
    this.bo.send(r, r.ctx.t('legal.admin.title'), body, status);
  }
}
