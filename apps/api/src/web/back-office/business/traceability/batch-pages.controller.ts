import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError } from '@tradefloor/core';
import { ProductQueries } from '@tradefloor/catalog';
import { CommuneDirectory, EnterpriseAccess, EnterpriseQueries, type EnterpriseEntity } from '@tradefloor/enterprise-profile';
import { BatchAccess, BatchesService, CreateBatchDto, CreateTraceEventDto, TraceEvents } from '@tradefloor/traceability';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { queryPage } from '../../../kit/query';
import { errorText } from '../../../i18n/error-text';
import { domainFieldErrors, validateBody, type FieldErrors } from '../../../session/form-validation';
import { one, type Form } from '../business-forms';
import { BackOffice, SELLERS, type BackOfficeRequest } from '../../back-office';
import { needEnterpriseView } from '../business.view';
import { chooseEnterprise } from '../enterprise-choice';
import { HOME_PROVINCE } from '../enterprise-form';
import { batchBody } from './batch-form';
import { batchListView, newBatchView } from './batch-list.view';
import { BatchPage } from './batch-page.view';
import { batchPath } from './trace.view';

const PAGE_SIZE = 50;
/** Products offered when recording a batch (the product list page shows as many). */
const PRODUCT_CHOICES = 100;
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** A seller's batches: the enterprise's list, recording a batch, a batch's page and its journal. */
@ApiExcludeController()
@Controller('quan-ly/truy-xuat')
export class BatchPagesController {
  constructor(
    private readonly bo: BackOffice,
    private readonly batchPage: BatchPage,
    private readonly batches: BatchesService,
    private readonly access: BatchAccess,
    private readonly events: TraceEvents,
    private readonly products: ProductQueries,
    private readonly enterprises: EnterpriseQueries,
    private readonly enterpriseAccess: EnterpriseAccess,
    private readonly directory: CommuneDirectory,
  ) {}

  @Get()
  list(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, SELLERS, async (r) => {
      const { t } = r.ctx;
      const { current, mine } = await chooseEnterprise(r, this.enterpriseAccess, this.enterprises);
      if (!current) {
        return this.bo.send(r, t('trace.title'), needEnterpriseView(t, 'trace.title', 'trace.needEnterprise'));
      }
      const page = queryPage(r.req.query);
      const { items, total } = await this.batches.listForEnterprise(r.user, current.id, { page, pageSize: PAGE_SIZE });
      const body = batchListView(r.ctx, { mine, current, items, total, page, pageSize: PAGE_SIZE });
      this.bo.send(r, t('trace.title'), body);
    });
  }

  @Get('lo-moi')
  createPage(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, SELLERS, async (r) => {
      const enterprise = await this.enterpriseAccess.assertCanManage(r.user, (r.req.query as { dn?: string }).dn ?? '');
      return this.renderForm(r, enterprise, { enterpriseId: enterprise.id, unit: 'kg', originCommuneCode: enterprise.communeCode }, {});
    });
  }

  @Post('lo-moi')
  create(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() form: Form): Promise<void> {
    return this.bo.form(req, reply, SELLERS, async (r) => {
      const enterprise = await this.enterpriseAccess.assertCanManage(r.user, one(form, 'enterpriseId') ?? '');
      const { value, errors } = await validateBody(CreateBatchDto, batchBody(form), r.ctx.lang);
      if (Object.keys(errors).length) return this.renderForm(r, enterprise, form, errors, undefined, 400);
      try {
        // The lib checks the product is the user's (a product of another enterprise is refused there).
        const batch = await this.batches.create(r.user, value);
        this.bo.redirect(r, `${batchPath(batch.id)}?created=1`);
      } catch (err) {
        if (!(err instanceof DomainError) || !err.details?.length) throw err;
        return this.renderForm(r, enterprise, form, domainFieldErrors(err, r.ctx.lang), errorText(r.ctx.lang, err), err.status);
      }
    });
  }

  @Get('lo/:id')
  detail(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.bo.page(req, reply, SELLERS, (r) => this.batchPage.render(r, id));
  }

  @Post('lo/:id/su-kien')
  addEvent(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() form: Form): Promise<void> {
    return this.bo.form(req, reply, SELLERS, async (r) => {
      const { batch } = await this.access.assertCanManage(r.user, id);
      const time = one(form, 'eventTime')?.trim() ?? '';
      const body: Record<string, unknown> = {
        type: one(form, 'type') ?? '',
        bizStep: one(form, 'bizStep') ?? '',
        // <input type="datetime-local"> sends Vietnam wall-clock time without a zone.
        eventTime: LOCAL_TIME.test(time) ? `${time}:00+07:00` : time,
      };
      for (const k of ['place', 'actor', 'note'] as const) {
        const v = one(form, k)?.trim();
        if (v) body[k] = v;
      }
      const { value, errors } = await validateBody(CreateTraceEventDto, body, r.ctx.lang);
      const failed = (e: FieldErrors, message?: string, status = 400) =>
        this.batchPage.render(r, batch.id, { form: 'event', values: form, errors: e, message }, status);
      if (Object.keys(errors).length) return failed(errors);
      try {
        await this.events.record(r.user, batch.id, value);
      } catch (err) {
        if (!(err instanceof DomainError) || !err.details?.length) throw err;
        return failed(domainFieldErrors(err, r.ctx.lang), errorText(r.ctx.lang, err), err.status);
      }
      this.bo.redirect(r, `${batchPath(batch.id)}?event=1#events-h`);
    });
  }

  private async renderForm(r: BackOfficeRequest, enterprise: EnterpriseEntity, form: Form, errors: FieldErrors, message?: string, status = 200): Promise<void> {
    const { t } = r.ctx;
    const [products, communes] = await Promise.all([
      this.products.listForEnterprise(r.user, enterprise.id, { page: 1, pageSize: PRODUCT_CHOICES }),
      this.directory.communesOf(enterprise.provinceCode).catch(() => this.directory.communesOf(HOME_PROVINCE)),
    ]);
    const choices = products.items.filter((p) => p.status !== 'archived').map((p) => ({ id: p.id, name: p.name }));
    const body = newBatchView(t, enterprise, choices, { csrf: r.csrf(), form, errors, message, communes });
    this.bo.send(r, t('trace.newBatch'), body, status);
  }
}
