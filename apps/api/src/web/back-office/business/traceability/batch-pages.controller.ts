import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError } from '@tradefloor/core';
import { ProductQueries } from '@tradefloor/catalog';
import { CommuneDirectory, EnterpriseAccess, EnterpriseQueries, type EnterpriseEntity } from '@tradefloor/enterprise-profile';
import { BatchAccess, BatchesService, CreateBatchDto, CreateTraceEventDto, TraceEvents } from '@tradefloor/traceability';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { queryPage } from '../../../kit/format';
import { pager } from '../../../kit/pager';
import { html } from '../../../html/html';
import { formatDate } from '../../../store/format';
import { assertCsrf } from '../../../session/csrf';
import type { FieldErrors } from '../../../session/form-validation';
import { formatNumber } from '../../staff/format';
import { domainFieldErrors, one, validateBody, type Form } from '../business-forms';
import { BusinessPages, type BusinessRequest } from '../business-pages';
import { chooseEnterprise, enterpriseSwitch } from '../enterprise-choice';
import { HOME_PROVINCE } from '../enterprise-form';
import { batchBody, renderBatchForm } from './batch-form';
import { BatchPage } from './batch-page';
import { batchPath, TRACE_BASE } from './trace.view';

const PAGE_SIZE = 50;
/** Products offered when recording a batch (the product list page shows as many). */
const PRODUCT_CHOICES = 100;
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** A seller's batches: the enterprise's list, recording a batch, a batch's page and its journal. */
@ApiExcludeController()
@Controller('quan-ly/truy-xuat')
export class BatchPagesController {
  constructor(
    private readonly pages: BusinessPages,
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
    return this.pages.handle(req, reply, async (r) => {
      const { t, lang } = r.ctx;
      const { current, mine } = await chooseEnterprise(r, this.enterpriseAccess, this.enterprises);
      if (!current) {
        return this.pages.send(
          r,
          t('trace.title'),
          html`<h1>${t('trace.title')}</h1><p>${t('trace.needEnterprise')}</p><p><a class="button" href="/quan-ly/doanh-nghiep/moi">${t('biz.ent.create')}</a></p>`,
        );
      }
      const page = queryPage(r.req.query);
      const { items, total } = await this.batches.listForEnterprise(r.user, current.id, { page, pageSize: PAGE_SIZE });
      const num = (n: number) => formatNumber(lang, n);
      const body = html`<h1>${t('trace.title')}</h1>
<p class="muted">${t('trace.lead')}</p>
${enterpriseSwitch(t, mine, current, TRACE_BASE)}
<h2>${current.displayName}</h2>
<p class="actions"><a class="button" href="${TRACE_BASE}/lo-moi?dn=${current.id}">${t('trace.newBatch')}</a> <a class="button secondary" href="${TRACE_BASE}/canh-bao?dn=${current.id}">${t('trace.anom.title')}</a></p>
${
  items.length
    ? html`<div class="table-scroll"><table class="biz-table trace-table">
<thead><tr><th scope="col">${t('trace.col.lot')}</th><th scope="col">${t('trace.col.product')}</th><th scope="col">${t('trace.col.produced')}</th><th scope="col">${t('trace.col.expires')}</th><th scope="col" class="num">${t('trace.col.quantity')}</th><th scope="col" class="num">${t('trace.col.stamps')}</th></tr></thead>
<tbody>${items.map(
        ({ batch: b, productName }) =>
          html`<tr><td><a href="${batchPath(b.id)}">${b.lotCode}</a></td><td>${productName}</td><td>${formatDate(b.producedAt)}</td><td>${formatDate(b.expiresAt)}</td><td class="num">${num(b.quantity)} ${b.unit}</td><td class="num">${num(b.issuedCount)}</td></tr>`,
      )}</tbody></table></div>
${pager(t, TRACE_BASE, (n) => `?dn=${current.id}&page=${n}`, page, total, PAGE_SIZE)}`
    : html`<p>${t('trace.none')}</p>`
}`;
      this.pages.send(r, t('trace.title'), body);
    });
  }

  @Get('lo-moi')
  createPage(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.pages.handle(req, reply, async (r) => {
      const enterprise = await this.enterpriseAccess.assertCanManage(r.user, (r.req.query as { dn?: string }).dn ?? '');
      return this.renderForm(r, enterprise, { enterpriseId: enterprise.id, unit: 'kg', originCommuneCode: enterprise.communeCode }, {});
    });
  }

  @Post('lo-moi')
  create(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() form: Form): Promise<void> {
    return this.pages.handle(req, reply, async (r) => {
      assertCsrf(req);
      const enterprise = await this.enterpriseAccess.assertCanManage(r.user, one(form, 'enterpriseId') ?? '');
      const { value, errors } = await validateBody(CreateBatchDto, batchBody(form));
      if (Object.keys(errors).length) return this.renderForm(r, enterprise, form, errors, undefined, 400);
      try {
        // The lib checks the product is the user's (a product of another enterprise is refused there).
        const batch = await this.batches.create(r.user, value);
        this.pages.redirect(r, `${batchPath(batch.id)}?created=1`);
      } catch (err) {
        if (!(err instanceof DomainError) || !err.details?.length) throw err;
        return this.renderForm(r, enterprise, form, domainFieldErrors(err), err.message, err.status);
      }
    });
  }

  @Get('lo/:id')
  detail(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.pages.handle(req, reply, (r) => this.batchPage.render(r, id));
  }

  @Post('lo/:id/su-kien')
  addEvent(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() form: Form): Promise<void> {
    return this.pages.handle(req, reply, async (r) => {
      assertCsrf(req);
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
      const { value, errors } = await validateBody(CreateTraceEventDto, body);
      const failed = (e: FieldErrors, message?: string, status = 400) =>
        this.batchPage.render(r, batch.id, { form: 'event', values: form, errors: e, message }, status);
      if (Object.keys(errors).length) return failed(errors);
      try {
        await this.events.record(r.user, batch.id, value);
      } catch (err) {
        if (!(err instanceof DomainError) || !err.details?.length) throw err;
        return failed(domainFieldErrors(err), err.message, err.status);
      }
      this.pages.redirect(r, `${batchPath(batch.id)}?event=1#events-h`);
    });
  }

  private async renderForm(r: BusinessRequest, enterprise: EnterpriseEntity, form: Form, errors: FieldErrors, message?: string, status = 200): Promise<void> {
    const { t } = r.ctx;
    const [products, communes] = await Promise.all([
      this.products.listForEnterprise(r.user, enterprise.id, { page: 1, pageSize: PRODUCT_CHOICES }),
      this.directory.communesOf(enterprise.provinceCode).catch(() => this.directory.communesOf(HOME_PROVINCE)),
    ]);
    const choices = products.items.filter((p) => p.status !== 'archived').map((p) => ({ id: p.id, name: p.name }));
    const body = html`<p><a href="${TRACE_BASE}?dn=${enterprise.id}">← ${t('trace.back')}</a></p>
<h1>${t('trace.newBatch')}</h1>
<p class="muted">${enterprise.displayName} · ${t('biz.form.required')}</p>
${
  choices.length
    ? renderBatchForm(t, {
        action: `${TRACE_BASE}/lo-moi`,
        csrf: r.csrf(),
        form: { ...form, enterpriseId: enterprise.id },
        errors,
        message,
        products: choices,
        communes,
      })
    : html`<p>${t('trace.noProducts')}</p><p><a class="button" href="/quan-ly/san-pham/moi?dn=${enterprise.id}">${t('biz.prod.create')}</a></p>`
}`;
    this.pages.send(r, t('trace.newBatch'), body, status);
  }
}
