import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, DomainError, type ResolvedConfig, isUuid } from '@tradefloor/core';
import {
  EnterpriseQueries,
  EnterpriseReasonDto,
  EnterpriseVerification,
  ReferenceData,
  type EnterpriseEntity,
  type EnterpriseStatus,
} from '@tradefloor/enterprise-profile';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { alert } from '../../html/forms';
import { html, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import type { MessageKey } from '../../i18n/messages';
import { csrfField } from '../../session/csrf';
import { validateForm } from '../../session/form-validation';
import { WebSession } from '../../session/web-session.service';
import { formatDateTime } from './format';
import { reasonForm } from './reason-form';
import { doneMessage, pager, queryPage, redirectDone, sendStaffPage, staffError, staffOnly, staffPost, type Form, type StaffRequest } from './staff-page';

const PATH = '/quan-ly/duyet-doanh-nghiep';
const PAGE_SIZE = 20;
const TABS: EnterpriseStatus[] = ['pending_verification', 'verified', 'suspended', 'rejected'];
const DONE: Record<string, MessageKey> = {
  verify: 'admin.ent.done.verify',
  reject: 'admin.ent.done.reject',
  suspend: 'admin.ent.done.suspend',
  reinstate: 'admin.ent.done.reinstate',
};
type Action = 'verify' | 'reject' | 'suspend' | 'reinstate';

interface Problem {
  id?: string;
  action?: Action;
  reason?: string;
  error?: string;
  message?: string;
  status: number;
}

/** The verification queue (admins): pending enterprises oldest first, with the identity data to check. */
@ApiExcludeController()
@Controller('quan-ly/duyet-doanh-nghiep')
export class EnterpriseQueueController {
  constructor(
    private readonly session: WebSession,
    private readonly queries: EnterpriseQueries,
    private readonly verification: EnterpriseVerification,
    private readonly reference: ReferenceData,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  @Get()
  async queue(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const staff = await staffOnly(this.session, this.config, req, reply, ['admin']);
    if (staff) await this.render(req, reply, staff, { status: 200 });
  }

  @Post(':id/:action')
  async act(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Param('action') action: string,
    @Body() body: Form,
  ): Promise<void> {
    const staff = await staffPost(this.session, this.config, req, reply, ['admin']);
    if (!staff) return;
    if (!isUuid(id) || !['verify', 'reject', 'suspend', 'reinstate'].includes(action)) {
      return staffError(reply, staff.ctx, 404, staff.ctx.t('notfound.body'));
    }
    const act = action as Action;
    let reason = '';
    if (act === 'reject' || act === 'suspend') {
      const { value, errors } = await validateForm(EnterpriseReasonDto, { reason: body.reason });
      if (errors.reason) return this.render(req, reply, staff, { id, action: act, reason: body.reason, error: errors.reason, status: 400 });
      reason = value.reason;
    }
    try {
      if (act === 'verify') await this.verification.verify(id);
      else if (act === 'reject') await this.verification.reject(id, reason);
      else if (act === 'suspend') await this.verification.suspend(id, reason);
      else await this.verification.reinstate(id);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return this.render(req, reply, staff, { message: err.message, status: err.status });
    }
    redirectDone(
      reply,
      `${PATH}?status=${act === 'reinstate' || act === 'verify' ? 'verified' : act === 'reject' ? 'pending_verification' : 'suspended'}`,
      act,
    );
  }

  private async render(req: FastifyRequest, reply: FastifyReply, { ctx }: StaffRequest, problem: Problem): Promise<void> {
    const { t } = ctx;
    const requested = (req.query as { status?: unknown }).status;
    const status = TABS.find((s) => s === requested) ?? 'pending_verification';
    const pageNo = queryPage(req);
    const list = await this.queries.adminList({ status, page: pageNo, pageSize: PAGE_SIZE });
    const cards = await Promise.all(list.items.map((e) => this.card(req, reply, ctx, e, problem)));
    const body = html`<h1>${t('admin.ent.title')}</h1>
${alert(doneMessage(ctx, req, DONE), 'success')}${alert(problem.message)}
<nav aria-label="${t('admin.filter')}"><ul class="chips">${TABS.map(
      (s) => html`<li><a href="${PATH}?status=${s}"${s === status ? html` aria-current="page"` : ''}>${t(`admin.ent.status.${s}`)}</a></li>`,
    )}</ul></nav>
<p class="muted">${t('admin.total')}: ${list.total}</p>
${cards.length ? html`<ol class="queue">${cards}</ol>` : html`<p>${t('admin.empty')}</p>`}
${pager(ctx, PATH, pageNo, PAGE_SIZE, list.total, { status })}`;
    sendStaffPage(reply, ctx, t('admin.ent.title'), body, problem.status);
  }

  private async card(req: FastifyRequest, reply: FastifyReply, ctx: PageContext, e: EnterpriseEntity, problem: Problem): Promise<SafeHtml> {
    const { t, lang } = ctx;
    const secure = this.config.publicBaseUrl.startsWith('https://');
    const commune = await this.reference.commune(e.communeCode);
    const province = await this.reference.province(e.provinceCode);
    const address = [e.street, commune?.name, province?.name].filter(Boolean).join(', ');
    const mine = problem.id === e.id ? problem : undefined;
    const actions: SafeHtml[] = [];
    if (e.status === 'pending_verification') {
      actions.push(
        html`<form method="post" action="${PATH}/${e.id}/verify">${csrfField(req, reply, secure)}<button type="submit">${t('admin.ent.verify')}</button></form>`,
      );
      actions.push(
        reasonForm(
          ctx,
          csrfField(req, reply, secure),
          `${PATH}/${e.id}/reject`,
          `${e.id}-reject`,
          t('admin.ent.reject'),
          mine?.action === 'reject' ? mine : undefined,
        ),
      );
    } else if (e.status === 'verified') {
      actions.push(
        reasonForm(
          ctx,
          csrfField(req, reply, secure),
          `${PATH}/${e.id}/suspend`,
          `${e.id}-suspend`,
          t('admin.ent.suspend'),
          mine?.action === 'suspend' ? mine : undefined,
        ),
      );
    } else if (e.status === 'suspended') {
      actions.push(
        html`<form method="post" action="${PATH}/${e.id}/reinstate">${csrfField(req, reply, secure)}<button type="submit">${t('admin.ent.reinstate')}</button></form>`,
      );
    }
    return html`<li class="item" id="e-${e.id}"><article aria-labelledby="h-${e.id}">
<h2 id="h-${e.id}">${e.displayName}</h2>
<dl class="facts">
<dt>${t('admin.ent.legalName')}</dt><dd>${e.legalName}</dd>
<dt>${t('admin.ent.kind')}</dt><dd>${t(`admin.kind.${e.kind}`)}</dd>
<dt>${e.taxCode ? t('admin.ent.taxCode') : t('admin.ent.personalId')}</dt><dd>${e.taxCode ?? e.personalId ?? '—'}</dd>
<dt>${t('admin.ent.representative')}</dt><dd>${e.representative ?? '—'}</dd>
<dt>${t('admin.ent.address')}</dt><dd>${address || '—'}${e.legacyAddress ? html`<br><span class="muted">${t('admin.ent.legacyAddress')}: ${e.legacyAddress}</span>` : ''}</dd>
<dt>${t('admin.ent.contact')}</dt><dd>${[e.phone, e.email].filter(Boolean).join(' · ') || '—'}</dd>
<dt>${t('admin.ent.submittedAt')}</dt><dd>${formatDateTime(lang, e.submittedAt ?? e.createdAt)}</dd>
${e.rejectionReason ? html`<dt>${t('admin.reason')}</dt><dd>${e.rejectionReason}</dd>` : ''}
${e.suspensionReason ? html`<dt>${t('admin.reason')}</dt><dd>${e.suspensionReason}</dd>` : ''}
</dl>
<details><summary>${t('admin.ent.description')}</summary><p>${e.description}</p></details>
<div class="actions">${actions}</div>
</article></li>`;
  }
}
