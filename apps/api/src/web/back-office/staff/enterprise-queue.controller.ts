import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, isUuid } from '@tradefloor/core';
import { EnterpriseQueries, EnterpriseReasonDto, EnterpriseVerification, ReferenceData, type EnterpriseEntity } from '@tradefloor/enterprise-profile';
import { SellerIdentity } from '@tradefloor/trust-safety';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorText } from '../../i18n/error-text';
import type { MessageKey } from '../../i18n/messages';
import { queryChoice, queryPage } from '../../kit/query';
import { validateForm } from '../../session/form-validation';
import { ADMINS, BackOffice, type BackOfficeRequest, type Form } from '../back-office';
import {
  ENTERPRISE_QUEUE_PATH as PATH,
  ENTERPRISE_TABS,
  enterpriseQueueView,
  type EnterpriseAction,
  type EnterpriseQueueProblem,
} from './enterprise-queue.view';

const PAGE_SIZE = 20;
const ACTIONS: EnterpriseAction[] = ['verify', 'reject', 'suspend', 'reinstate'];
const DONE: Record<string, MessageKey> = {
  verify: 'admin.ent.done.verify',
  reject: 'admin.ent.done.reject',
  suspend: 'admin.ent.done.suspend',
  reinstate: 'admin.ent.done.reinstate',
};

/** The verification queue (admins): pending enterprises oldest first, with the identity data to check. */
@ApiExcludeController()
@Controller('quan-ly/duyet-doanh-nghiep')
export class EnterpriseQueueController {
  constructor(
    private readonly bo: BackOffice,
    private readonly queries: EnterpriseQueries,
    private readonly verification: EnterpriseVerification,
    private readonly reference: ReferenceData,
    private readonly identity: SellerIdentity,
  ) {}

  @Get()
  queue(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, ADMINS, (r) => this.render(r, { status: 200 }));
  }

  @Post(':id/:action')
  act(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Param('action') action: string, @Body() body: Form): Promise<void> {
    return this.bo.form(req, reply, ADMINS, async (r) => {
      const act = ACTIONS.find((a) => a === action);
      if (!isUuid(id) || !act) return this.bo.fail(r, 404, r.ctx.t('notfound.body'));
      let reason = '';
      if (act === 'reject' || act === 'suspend') {
        const { value, errors } = await validateForm(EnterpriseReasonDto, { reason: body.reason }, r.ctx.lang);
        if (errors.reason) return this.render(r, { id, action: act, reason: body.reason, error: errors.reason, status: 400 });
        reason = value.reason;
      }
      try {
        if (act === 'verify') await this.verification.verify(id);
        else if (act === 'reject') await this.verification.reject(id, reason);
        else if (act === 'suspend') await this.verification.suspend(id, reason);
        else await this.verification.reinstate(id);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        return this.render(r, { message: errorText(r.ctx.lang, err), status: err.status });
      }
      const tab = act === 'reinstate' || act === 'verify' ? 'verified' : act === 'reject' ? 'pending_verification' : 'suspended';
      this.bo.redirect(r, `${PATH}?status=${tab}`, act);
    });
  }

  private async render(r: BackOfficeRequest, problem: EnterpriseQueueProblem): Promise<void> {
    const status = queryChoice(r.req.query, 'status', ENTERPRISE_TABS) ?? 'pending_verification';
    const page = queryPage(r.req.query);
    const list = await this.queries.adminList({ status, page, pageSize: PAGE_SIZE });
    const cards = await Promise.all(
      list.items.map(async (enterprise) => ({
        enterprise,
        address: await this.address(enterprise),
        identity: (await this.identity.statusOf(enterprise.id)).state,
      })),
    );
    const body = enterpriseQueueView(r.ctx, {
      status,
      cards,
      total: list.total,
      page,
      pageSize: PAGE_SIZE,
      done: this.bo.flash(r, DONE),
      problem,
      csrf: r.csrf,
    });
    this.bo.send(r, r.ctx.t('admin.ent.title'), body, problem.status);
  }

  private async address(e: EnterpriseEntity): Promise<string> {
    const commune = await this.reference.commune(e.communeCode);
    const province = await this.reference.province(e.provinceCode);
    return [e.street, commune?.name, province?.name].filter(Boolean).join(', ');
  }
}
