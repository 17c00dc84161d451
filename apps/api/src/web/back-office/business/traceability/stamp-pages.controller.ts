import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, ValidationFailedError } from '@tradefloor/core';
import {
  BatchAccess,
  IssueStampsDto,
  RevokeStampsDto,
  SeqRangeDto,
  StampExports,
  StampIssuer,
  StampLifecycle,
  type ExportFile,
} from '@tradefloor/traceability';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { validateBody, validateForm, type FieldErrors, domainFieldErrors } from '../../../session/form-validation';
import { errorText } from '../../../i18n/error-text';
import { one, wholeNumber, type Form } from '../business-forms';
import { BackOffice, SELLERS, type BackOfficeRequest } from '../../back-office';
import { BatchPage } from './batch-page.view';
import { batchPath } from './trace.view';

/** The DTO field an error names → the input of the batch page's form that shows it. */
const INPUT_NAMES: Record<'issue' | 'activate' | 'revoke', (field: string) => string> = {
  issue: (f) => f,
  activate: (f) => `activate.${f}`,
  // serials / serials.0 (the one serial typed) → the serial input.
  revoke: (f) => `revoke.${f.startsWith('serials') ? 'serial' : f}`,
};

function renamed(form: keyof typeof INPUT_NAMES, errors: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [INPUT_NAMES[form](k), v]));
}

/** A sequence number typed in a form, or undefined when left empty. */
function seq(form: Form, name: string): number | string | undefined {
  return wholeNumber(one(form, name));
}

/**
 * A batch's stamps from its page: issue, activate and revoke (CSRF forms that re-render the batch
 * page with field errors and write nothing when refused), and the CSV and PDF downloads streamed
 * from the traceability lib's exporters to the signed-in owner.
 */
@ApiExcludeController()
@Controller('quan-ly/truy-xuat/lo/:id')
export class StampPagesController {
  constructor(
    private readonly bo: BackOffice,
    private readonly batchPage: BatchPage,
    private readonly access: BatchAccess,
    private readonly issuer: StampIssuer,
    private readonly lifecycle: StampLifecycle,
    private readonly exports: StampExports,
  ) {}

  @Post('phat-hanh')
  issue(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() form: Form): Promise<void> {
    return this.post(req, reply, id, form, 'issue', async (r, batchId) => {
      const { value, errors } = await validateBody(IssueStampsDto, { count: wholeNumber(one(form, 'count')) ?? '' }, r.ctx.lang);
      if (Object.keys(errors).length) return { errors };
      const issued = await this.issuer.issue(r.user, batchId, value.count);
      return { done: `issued=${issued.issued}&from=${issued.firstSeq}&to=${issued.lastSeq}` };
    });
  }

  @Post('kich-hoat')
  activate(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() form: Form): Promise<void> {
    return this.post(req, reply, id, form, 'activate', async (r, batchId) => {
      const { value, errors } = await validateBody(SeqRangeDto, { fromSeq: seq(form, 'activate.fromSeq'), toSeq: seq(form, 'activate.toSeq') }, r.ctx.lang);
      if (Object.keys(errors).length) return { errors };
      return { done: `activated=${await this.lifecycle.activate(r.user, batchId, value)}` };
    });
  }

  @Post('thu-hoi')
  revoke(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() form: Form): Promise<void> {
    return this.post(req, reply, id, form, 'revoke', async (r, batchId) => {
      const { t } = r.ctx;
      const serial = one(form, 'revoke.serial')?.trim();
      const [fromSeq, toSeq] = [seq(form, 'revoke.fromSeq'), seq(form, 'revoke.toSeq')];
      // An empty range means "the whole batch" to the lib: from a form, that must be asked for explicitly.
      if (!serial && (fromSeq === undefined || toSeq === undefined)) return { errors: { serials: t('trace.revoke.needTarget') } };
      const target = serial ? { serials: [serial] } : { batchId, fromSeq, toSeq };
      const { value, errors } = await validateBody(RevokeStampsDto, { ...target, reason: one(form, 'revoke.reason') ?? '' }, r.ctx.lang);
      if (Object.keys(errors).length) return { errors };
      return { done: `revoked=${await this.lifecycle.revoke(r.user, value)}` };
    });
  }

  @Get('tem.csv')
  csv(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.download(req, reply, id, 'text/csv; charset=utf-8', (user, range) => this.exports.csv(user, id, range));
  }

  @Get('tem.pdf')
  pdf(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.download(req, reply, id, 'application/pdf', (user, range) => this.exports.pdf(user, id, range));
  }

  /**
   * One stamp form post: CSRF, the owner check (someone else's batch is a 403/404 page and nothing
   * is written), then `work`, which answers either field errors or the notice of the redirect.
   * Domain errors with field details (a batch over its stamp limit, a serial with a wrong check
   * character) are shown on the form too, under the form's input names.
   */
  private post(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: Form,
    name: keyof typeof INPUT_NAMES,
    work: (r: BackOfficeRequest, batchId: string) => Promise<{ errors: FieldErrors } | { done: string }>,
  ): Promise<void> {
    return this.bo.form(req, reply, SELLERS, async (r) => {
      const { batch } = await this.access.assertCanManage(r.user, id);
      const failed = (errors: FieldErrors, message?: string, status = 400) =>
        this.batchPage.render(r, batch.id, { form: name, values: form, errors: renamed(name, errors), message }, status);
      let outcome: { errors: FieldErrors } | { done: string };
      try {
        outcome = await work(r, batch.id);
      } catch (err) {
        if (!(err instanceof DomainError) || !err.details?.length) throw err;
        return failed(domainFieldErrors(err, r.ctx.lang), errorText(r.ctx.lang, err), err.status);
      }
      if ('errors' in outcome) return failed(outcome.errors);
      this.bo.redirect(r, `${batchPath(batch.id)}?${outcome.done}#stamps-h`);
    });
  }

  private download(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    type: string,
    open: (user: BackOfficeRequest['user'], range: SeqRangeDto) => Promise<ExportFile>,
  ): Promise<void> {
    return this.bo.page(req, reply, SELLERS, async (r) => {
      const { value, errors } = await validateForm(SeqRangeDto, r.req.query, r.ctx.lang);
      const details = Object.entries(errors).map(([field, message]) => ({ field, message }));
      if (details.length) throw new ValidationFailedError(details, details[0].message);
      // The owner check runs before the first byte: a stranger gets the 403/404 page, not a file.
      const file = await open(r.user, value);
      void reply
        .status(200)
        .header('content-type', type)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'private, no-store')
        .send(file.stream);
    });
  }
}
