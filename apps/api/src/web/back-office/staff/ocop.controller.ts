import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { currentCertificate, OcopCertificates, ProductQueries, ProductViews, RevokeOcopCertificateDto } from '@tradefloor/catalog';
import { APP_CONFIG, Clock, DomainError, isUuid, vietnamDate, type ResolvedConfig } from '@tradefloor/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { alert } from '../../html/forms';
import { html } from '../../html/html';
import type { MessageKey } from '../../i18n/messages';
import { csrfField } from '../../session/csrf';
import { validateForm, type FieldErrors } from '../../session/form-validation';
import { WebSession } from '../../session/web-session.service';
import { domainFieldErrors } from '../business/business-forms';
import { formatDate } from '../../store/format';
import { formatNumber } from './format';
import { certificateForm, certificateInput } from './ocop-form';
import { currentPanel, expiringTable, historyList, OCOP_PATH, productFacts, productPath, productTable, type RevokeProblem } from './ocop.view';
import {
  doneMessage,
  pager,
  queryPage,
  queryText,
  redirectDone,
  sendStaffPage,
  staffError,
  staffOnly,
  staffPost,
  type Form,
  type StaffRequest,
} from './staff-page';

/** Who manages OCOP certificates: the same roles as the catalog's REST API (add, revoke). */
const ROLES: ['admin', 'editor'] = ['admin', 'editor'];
const PAGE_SIZE = 20;
const EXPIRING_DAYS = 90;
const DONE: Record<string, MessageKey> = { added: 'admin.ocop.done.added', revoked: 'admin.ocop.done.revoked' };

interface PanelProblem {
  status: number;
  form?: Form;
  errors?: FieldErrors;
  revoke?: RevokeProblem;
  message?: string;
}

/**
 * OCOP certificates (editors and admins): find a product, see its current certificate and history,
 * add a certificate, revoke one with a reason, and list certificates ending within 90 days.
 */
@ApiExcludeController()
@Controller('quan-ly/ocop')
export class OcopController {
  constructor(
    private readonly session: WebSession,
    private readonly certificates: OcopCertificates,
    private readonly queries: ProductQueries,
    private readonly views: ProductViews,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  private get secure(): boolean {
    return this.config.publicBaseUrl.startsWith('https://');
  }

  @Get()
  async find(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const staff = await staffOnly(this.session, this.config, req, reply, ROLES);
    if (!staff) return;
    const { ctx } = staff;
    const { t } = ctx;
    const q = queryText(req, 'q');
    const pageNo = queryPage(req);
    const [found, expiring] = await Promise.all([
      this.queries.findForStaff({ text: q, page: pageNo, pageSize: PAGE_SIZE }),
      this.certificates.expiring({ days: EXPIRING_DAYS, page: 1, pageSize: 1 }),
    ]);
    const body = html`<h1>${t('admin.ocop.title')}</h1>
<p><a href="${OCOP_PATH}/sap-het-han">${t('admin.ocop.expiringLink')}</a>: <strong>${formatNumber(ctx.lang, expiring.total)}</strong></p>
<form class="search-form" role="search" method="get" action="${OCOP_PATH}">
<label for="ocop-q">${t('admin.ocop.search')}</label>
<p class="hint" id="ocop-q-hint">${t('admin.ocop.searchHint')}</p>
<input id="ocop-q" type="search" name="q" value="${q}" aria-describedby="ocop-q-hint" maxlength="100">
<button type="submit">${t('search.submit')}</button>
</form>
${q ? productTable(ctx, found.items, found.total) : ''}
${pager(ctx, OCOP_PATH, pageNo, PAGE_SIZE, found.total, { q })}`;
    sendStaffPage(reply, ctx, t('admin.ocop.title'), body);
  }

  @Get('sap-het-han')
  async expiring(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const staff = await staffOnly(this.session, this.config, req, reply, ROLES);
    if (!staff) return;
    const { ctx } = staff;
    const { t } = ctx;
    const pageNo = queryPage(req);
    const list = await this.certificates.expiring({ days: EXPIRING_DAYS, page: pageNo, pageSize: PAGE_SIZE });
    const products = new Map((await this.views.load([...new Set(list.items.map((c) => c.productId))])).map((v) => [v.id, v]));
    const body = html`<p><a href="${OCOP_PATH}">← ${t('admin.ocop.back')}</a></p>
<h1>${t('admin.ocop.expiringTitle')}</h1>
<p class="muted">${t('admin.ocop.expiringRange')} ${formatDate(list.from)} – ${formatDate(list.to)} · ${t('admin.total')}: ${formatNumber(ctx.lang, list.total)}</p>
${expiringTable(ctx, list.items, products)}
${pager(ctx, `${OCOP_PATH}/sap-het-han`, pageNo, PAGE_SIZE, list.total)}`;
    sendStaffPage(reply, ctx, t('admin.ocop.expiringTitle'), body);
  }

  @Get(':id')
  async product(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const staff = await staffOnly(this.session, this.config, req, reply, ROLES);
    if (staff) await this.renderProduct(req, reply, staff, id, { status: 200 });
  }

  @Post(':id/chung-nhan')
  async add(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: Form): Promise<void> {
    const staff = await staffPost(this.session, this.config, req, reply, ROLES);
    if (!staff) return;
    if (!isUuid(id)) return staffError(reply, staff.ctx, 404, staff.ctx.t('notfound.body'));
    const form = body ?? {};
    const { value, errors } = await certificateInput(form, vietnamDate(this.clock.now()));
    if (Object.keys(errors).length) return this.renderProduct(req, reply, staff, id, { status: 400, form, errors });
    try {
      await this.certificates.add(staff.user, id, value);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (err.details?.length) return this.renderProduct(req, reply, staff, id, { status: err.status, form, errors: domainFieldErrors(err) });
      return this.renderProduct(req, reply, staff, id, { status: err.status, form, message: err.message });
    }
    redirectDone(reply, productPath(id), 'added');
  }

  @Post(':id/chung-nhan/:certificateId/thu-hoi')
  async revoke(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Param('certificateId') certificateId: string,
    @Body() body: Form,
  ): Promise<void> {
    const staff = await staffPost(this.session, this.config, req, reply, ROLES);
    if (!staff) return;
    const { ctx } = staff;
    // The certificate must belong to the product of the page it was revoked from.
    const history = isUuid(id) ? await this.certificates.history(id) : [];
    if (!history.some((c) => c.id === certificateId)) return staffError(reply, ctx, 404, ctx.t('notfound.body'));
    const { value, errors } = await validateForm(RevokeOcopCertificateDto, { reason: body?.reason });
    if (errors.reason) return this.renderProduct(req, reply, staff, id, { status: 400, revoke: { certificateId, reason: body?.reason, error: errors.reason } });
    try {
      await this.certificates.revoke(certificateId, value.reason);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return this.renderProduct(req, reply, staff, id, { status: err.status, message: err.message });
    }
    redirectDone(reply, productPath(id), 'revoked');
  }

  private async renderProduct(req: FastifyRequest, reply: FastifyReply, { ctx }: StaffRequest, id: string, problem: PanelProblem): Promise<void> {
    const { t } = ctx;
    const product = isUuid(id) ? await this.views.get(id) : undefined;
    if (!product) return staffError(reply, ctx, 404, t('notfound.body'));
    const history = await this.certificates.history(id);
    const current = currentCertificate(history, vietnamDate(this.clock.now()));
    const csrf = csrfField(req, reply, this.secure);
    const body = html`<p><a href="${OCOP_PATH}">← ${t('admin.ocop.back')}</a></p>
<h1>${product.name}</h1>
${alert(doneMessage(ctx, req, DONE), 'success')}${alert(problem.message)}
${productFacts(ctx, product)}
<section aria-labelledby="ocop-current"><h2 id="ocop-current">${t('admin.ocop.current')}</h2>
${currentPanel(ctx, current)}</section>
<section aria-labelledby="ocop-add"><h2 id="ocop-add">${t('admin.ocop.add')}</h2>
${certificateForm(ctx, `${productPath(id)}/chung-nhan`, csrf, problem.form ?? {}, problem.errors ?? {})}</section>
<section aria-labelledby="ocop-history"><h2 id="ocop-history">${t('admin.ocop.history')}</h2>
${historyList(ctx, id, history, csrf, problem.revoke)}</section>`;
    sendStaffPage(reply, ctx, `${t('admin.ocop.title')}: ${product.name}`, body, problem.status);
  }
}
