import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ProductLifecycle, ProductQueries, RejectProductDto, type ProductDto } from '@tradefloor/catalog';
import { APP_CONFIG, DomainError, type ResolvedConfig, isUuid } from '@tradefloor/core';
import { EnterpriseViews } from '@tradefloor/enterprise-profile';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { alert } from '../../html/forms';
import { html, trusted, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import type { MessageKey } from '../../i18n/messages';
import { csrfField } from '../../session/csrf';
import { validateForm } from '../../session/form-validation';
import { WebSession } from '../../session/web-session.service';
import { formatDateTime, formatVnd } from './format';
import { reasonForm } from './reason-form';
import { doneMessage, pager, queryPage, redirectDone, sendStaffPage, staffError, staffOnly, staffPost, type Form, type StaffRequest } from './staff-page';

const PATH = '/quan-ly/duyet-san-pham';
const PAGE_SIZE = 10;
const DONE: Record<string, MessageKey> = { approve: 'admin.prod.done.approve', reject: 'admin.prod.done.reject' };

interface Problem {
  id?: string;
  reason?: string;
  error?: string;
  message?: string;
  status: number;
}

/** The moderation queue (admins and editors): pending products with a preview, approve or reject. */
@ApiExcludeController()
@Controller('quan-ly/duyet-san-pham')
export class ProductQueueController {
  constructor(
    private readonly session: WebSession,
    private readonly queries: ProductQueries,
    private readonly lifecycle: ProductLifecycle,
    private readonly enterpriseViews: EnterpriseViews,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  @Get()
  async queue(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const staff = await staffOnly(this.session, this.config, req, reply, ['admin', 'editor']);
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
    const staff = await staffPost(this.session, this.config, req, reply, ['admin', 'editor']);
    if (!staff) return;
    if (!isUuid(id) || (action !== 'approve' && action !== 'reject')) return staffError(reply, staff.ctx, 404, staff.ctx.t('notfound.body'));
    try {
      if (action === 'approve') {
        // Pinned to the revision shown on the page: an edit made meanwhile is not approved unseen.
        const revision = Number(body.revision);
        await this.lifecycle.moderate(id, 'approve', undefined, Number.isInteger(revision) && revision > 0 ? revision : undefined);
      } else {
        const { value, errors } = await validateForm(RejectProductDto, { reason: body.reason });
        if (errors.reason) return this.render(req, reply, staff, { id, reason: body.reason, error: errors.reason, status: 400 });
        await this.lifecycle.moderate(id, 'reject', value.reason);
      }
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return this.render(req, reply, staff, { message: err.message, status: err.status });
    }
    redirectDone(reply, PATH, action);
  }

  private async render(req: FastifyRequest, reply: FastifyReply, { ctx }: StaffRequest, problem: Problem): Promise<void> {
    const { t } = ctx;
    const pageNo = queryPage(req);
    const list = await this.queries.listForModeration({ status: 'pending_review', page: pageNo, pageSize: PAGE_SIZE });
    const names = await this.enterpriseNames(list.items.map((p) => p.enterpriseId));
    const body = html`<h1>${t('admin.prod.title')}</h1>
${alert(doneMessage(ctx, req, DONE), 'success')}${alert(problem.message)}
<p class="muted">${t('admin.prod.pending')}: ${list.total}</p>
${list.items.length ? html`<ol class="queue">${list.items.map((p) => this.card(req, reply, ctx, p, names.get(p.enterpriseId), problem))}</ol>` : html`<p>${t('admin.empty')}</p>`}
${pager(ctx, PATH, pageNo, PAGE_SIZE, list.total)}`;
    sendStaffPage(reply, ctx, t('admin.prod.title'), body, problem.status);
  }

  private async enterpriseNames(ids: string[]): Promise<Map<string, { name: string; status: string }>> {
    if (!ids.length) return new Map();
    const rows = await this.enterpriseViews.load([...new Set(ids)]);
    return new Map(rows.map((e) => [e.id, { name: e.displayName, status: e.status }]));
  }

  private card(
    req: FastifyRequest,
    reply: FastifyReply,
    ctx: PageContext,
    p: ProductDto,
    enterprise: { name: string; status: string } | undefined,
    problem: Problem,
  ): SafeHtml {
    const { t, lang } = ctx;
    const secure = this.config.publicBaseUrl.startsWith('https://');
    const price = p.priceMaxVnd ? `${formatVnd(p.priceVnd)} – ${formatVnd(p.priceMaxVnd)}` : formatVnd(p.priceVnd);
    const mine = problem.id === p.id ? problem : undefined;
    return html`<li class="item" id="p-${p.id}"><article aria-labelledby="h-${p.id}">
<h2 id="h-${p.id}">${p.name}</h2>
${p.images.length ? html`<ul class="thumbs">${p.images.slice(0, 4).map((i) => html`<li><img src="${i.thumbnailUrl}" alt="${p.name}" width="96" height="96" loading="lazy"></li>`)}</ul>` : html`<p class="muted">${t('admin.prod.noImages')}</p>`}
<dl class="facts">
<dt>${t('admin.prod.enterprise')}</dt><dd>${enterprise?.name ?? '—'}${enterprise && enterprise.status !== 'verified' ? html` <strong class="warn">(${t('admin.prod.enterpriseNotVerified')})</strong>` : ''}</dd>
<dt>${t('admin.prod.price')}</dt><dd class="price">${price} / ${p.unit}</dd>
<dt>${t('admin.prod.sku')}</dt><dd>${p.sku}</dd>
<dt>${t('admin.prod.submittedAt')}</dt><dd>${formatDateTime(lang, p.submittedAt)}</dd>
${p.certifications.length ? html`<dt>${t('admin.prod.certifications')}</dt><dd>${p.certifications.map((c) => c.name ?? c.type).join(', ')}</dd>` : ''}
</dl>
<div class="preview" role="group" aria-label="${t('admin.prod.description')}"><div class="prose">${trusted(p.description)}</div></div>
<div class="actions">
<form method="post" action="${PATH}/${p.id}/approve">${csrfField(req, reply, secure)}<input type="hidden" name="revision" value="${String(p.revision)}"><button type="submit">${t('admin.prod.approve')}</button></form>
${reasonForm(ctx, csrfField(req, reply, secure), `${PATH}/${p.id}/reject`, p.id, t('admin.prod.reject'), mine)}
</div>
</article></li>`;
  }
}
