import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { currentCertificate, OcopCertificates, ProductQueries, ProductViews, RevokeOcopCertificateDto } from '@tradefloor/catalog';
import { Clock, DomainError, isUuid, vietnamDate } from '@tradefloor/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorText } from '../../i18n/error-text';
import type { MessageKey } from '../../i18n/messages';
import { queryPage, queryText } from '../../kit/query';
import { domainFieldErrors, validateForm } from '../../session/form-validation';
import { BackOffice, STAFF, type BackOfficeRequest, type Form } from '../back-office';
import { certificateInput } from './ocop-form.view';
import { ocopExpiringView, ocopProductView, ocopSearchView, productPath, type OcopProductProblem } from './ocop.view';

const PAGE_SIZE = 20;
const EXPIRING_DAYS = 90;
const DONE: Record<string, MessageKey> = { added: 'admin.ocop.done.added', revoked: 'admin.ocop.done.revoked' };

/**
 * OCOP certificates (editors and admins, the same roles as the catalog's REST API): find a product,
 * see its current certificate and history, add a certificate, revoke one with a reason, and list
 * certificates ending within 90 days.
 */
@ApiExcludeController()
@Controller('quan-ly/ocop')
export class OcopController {
  constructor(
    private readonly bo: BackOffice,
    private readonly certificates: OcopCertificates,
    private readonly queries: ProductQueries,
    private readonly views: ProductViews,
    private readonly clock: Clock,
  ) {}

  @Get()
  find(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, STAFF, async (r) => {
      const q = queryText(req.query, 'q');
      const page = queryPage(req.query);
      const [found, expiring] = await Promise.all([
        this.queries.findForStaff({ text: q, page, pageSize: PAGE_SIZE }),
        this.certificates.expiring({ days: EXPIRING_DAYS, page: 1, pageSize: 1 }),
      ]);
      const body = ocopSearchView(r.ctx, { q, expiringCount: expiring.total, items: found.items, total: found.total, page, pageSize: PAGE_SIZE });
      this.bo.send(r, r.ctx.t('admin.ocop.title'), body);
    });
  }

  @Get('sap-het-han')
  expiring(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, STAFF, async (r) => {
      const page = queryPage(req.query);
      const list = await this.certificates.expiring({ days: EXPIRING_DAYS, page, pageSize: PAGE_SIZE });
      const products = new Map((await this.views.load([...new Set(list.items.map((c) => c.productId))])).map((v) => [v.id, v]));
      const body = ocopExpiringView(r.ctx, { from: list.from, to: list.to, items: list.items, products, total: list.total, page, pageSize: PAGE_SIZE });
      this.bo.send(r, r.ctx.t('admin.ocop.expiringTitle'), body);
    });
  }

  @Get(':id')
  product(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.bo.page(req, reply, STAFF, (r) => this.renderProduct(r, id, { status: 200 }));
  }

  @Post(':id/chung-nhan')
  add(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: Form): Promise<void> {
    return this.bo.form(req, reply, STAFF, async (r) => {
      if (!isUuid(id)) return this.bo.fail(r, 404, r.ctx.t('notfound.body'));
      const form = body ?? {};
      const { value, errors } = await certificateInput(form, vietnamDate(this.clock.now()), r.ctx.lang);
      if (Object.keys(errors).length) return this.renderProduct(r, id, { status: 400, form, errors });
      try {
        await this.certificates.add(r.user, id, value);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        if (err.details?.length) return this.renderProduct(r, id, { status: err.status, form, errors: domainFieldErrors(err, r.ctx.lang) });
        return this.renderProduct(r, id, { status: err.status, form, message: errorText(r.ctx.lang, err) });
      }
      this.bo.redirect(r, productPath(id), 'added');
    });
  }

  @Post(':id/chung-nhan/:certificateId/thu-hoi')
  revoke(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Param('certificateId') certificateId: string,
    @Body() body: Form,
  ): Promise<void> {
    return this.bo.form(req, reply, STAFF, async (r) => {
      // The certificate must belong to the product of the page it was revoked from.
      const history = isUuid(id) ? await this.certificates.history(id) : [];
      if (!history.some((c) => c.id === certificateId)) return this.bo.fail(r, 404, r.ctx.t('notfound.body'));
      const { value, errors } = await validateForm(RevokeOcopCertificateDto, { reason: body?.reason }, r.ctx.lang);
      if (errors.reason) return this.renderProduct(r, id, { status: 400, revoke: { certificateId, reason: body?.reason, error: errors.reason } });
      try {
        await this.certificates.revoke(certificateId, value.reason);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        return this.renderProduct(r, id, { status: err.status, message: errorText(r.ctx.lang, err) });
      }
      this.bo.redirect(r, productPath(id), 'revoked');
    });
  }

  private async renderProduct(r: BackOfficeRequest, id: string, problem: OcopProductProblem): Promise<void> {
    const { ctx } = r;
    const product = isUuid(id) ? await this.views.get(id) : undefined;
    if (!product) return this.bo.fail(r, 404, ctx.t('notfound.body'));
    const history = await this.certificates.history(id);
    const current = currentCertificate(history, vietnamDate(this.clock.now()));
    const body = ocopProductView(ctx, { product, current, history, csrf: r.csrf(), done: this.bo.flash(r, DONE), problem });
    this.bo.send(r, `${ctx.t('admin.ocop.title')}: ${product.name}`, body, problem.status);
  }
}
