import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, DomainError, type ResolvedConfig, isUuid } from '@tradefloor/core';
import { BulletinCategoryService, BulletinQueryService, BulletinService, type BulletinEntity } from '@tradefloor/news-bulletin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { alert } from '../../html/forms';
import { html } from '../../html/html';
import type { MessageKey } from '../../i18n/messages';
import { csrfField } from '../../session/csrf';
import type { FieldErrors } from '../../session/form-validation';
import { WebSession } from '../../session/web-session.service';
import { bulletinForm, bulletinInput, formFromBulletin } from './bulletin-form';
import { BULLETIN_TABS, bulletinPreview, statusBadge } from './bulletin.view';
import { bulletinActions, bulletinRevisions } from './bulletin-workflow.view';
import { formatDateTime } from './format';
import { doneMessage, pager, queryPage, redirectDone, sendStaffPage, staffError, staffOnly, staffPost, type Form, type StaffRequest } from './staff-page';

export const BULLETINS_PATH = '/quan-ly/ban-tin';
const ROLES = ['editor', 'admin'] as const;
const PAGE_SIZE = 20;
const DONE: Record<string, MessageKey> = {
  created: 'admin.bul.done.created',
  saved: 'admin.bul.done.saved',
  published: 'admin.bul.done.published',
  submitted: 'admin.bul.done.submitted',
  scheduled: 'admin.bul.done.scheduled',
  archived: 'admin.bul.done.archived',
  approved: 'admin.bul.done.approved',
  rejected: 'admin.bul.done.rejected',
};

/** The bulletins editor (editors and admins): list by status, write, edit, preview. */
@ApiExcludeController()
@Controller('quan-ly/ban-tin')
export class BulletinsEditorController {
  constructor(
    private readonly session: WebSession,
    private readonly bulletins: BulletinService,
    private readonly queries: BulletinQueryService,
    private readonly categories: BulletinCategoryService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  private get secure(): boolean {
    return this.config.publicBaseUrl.startsWith('https://');
  }

  @Get()
  async list(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const staff = await staffOnly(this.session, this.config, req, reply, [...ROLES]);
    if (!staff) return;
    const { ctx } = staff;
    const { t, lang } = ctx;
    const requested = (req.query as { status?: unknown }).status;
    const status = BULLETIN_TABS.find((s) => s === requested) ?? 'draft';
    const pageNo = queryPage(req);
    const list = await this.queries.list({ status, page: pageNo, pageSize: PAGE_SIZE });
    const body = html`<h1>${t('admin.bul.title')}</h1>
<p><a class="button" href="${BULLETINS_PATH}/moi">${t('admin.bul.new')}</a></p>
<nav aria-label="${t('admin.filter')}"><ul class="chips">${BULLETIN_TABS.map(
      (s) => html`<li><a href="${BULLETINS_PATH}?status=${s}"${s === status ? html` aria-current="page"` : ''}>${t(`admin.bul.status.${s}`)}</a></li>`,
    )}</ul></nav>
${
  list.items.length
    ? html`<div class="table-wrap"><table>
<caption>${t(`admin.bul.status.${status}`)} (${list.total})</caption>
<thead><tr><th scope="col">${t('admin.bul.field.title')}</th><th scope="col">${t('admin.bul.field.kind')}</th><th scope="col">${t('admin.bul.updatedAt')}</th><th scope="col">${t('admin.bul.statusCol')}</th></tr></thead>
<tbody>${list.items.map(
        (b) =>
          html`<tr><td><a href="${BULLETINS_PATH}/${b.id}">${b.title}</a></td><td>${t(`admin.bul.kind.${b.kind}`)}</td><td>${formatDateTime(lang, b.updatedAt)}</td><td>${statusBadge(ctx, b)}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p>${t('admin.empty')}</p>`
}
${pager(ctx, BULLETINS_PATH, pageNo, PAGE_SIZE, list.total, { status })}`;
    sendStaffPage(reply, ctx, t('admin.bul.title'), body);
  }

  @Get('moi')
  async newForm(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const staff = await staffOnly(this.session, this.config, req, reply, [...ROLES]);
    if (staff) await this.renderNew(req, reply, staff, { kind: 'article' }, {});
  }

  @Post('moi')
  async create(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    const staff = await staffPost(this.session, this.config, req, reply, [...ROLES]);
    if (!staff) return;
    const { value, errors } = await bulletinInput(body);
    if (Object.keys(errors).length) return this.renderNew(req, reply, staff, body, errors, undefined, 400);
    let created: BulletinEntity;
    try {
      created = await this.bulletins.create(staff.user, value);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return this.renderNew(req, reply, staff, body, fieldErrors(err), err.message, err.status);
    }
    redirectDone(reply, `${BULLETINS_PATH}/${created.id}`, 'created');
  }

  @Get(':id')
  async edit(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const staff = await staffOnly(this.session, this.config, req, reply, [...ROLES]);
    if (!staff) return;
    const b = await this.find(id);
    if (!b) return staffError(reply, staff.ctx, 404, staff.ctx.t('notfound.body'));
    await this.renderEdit(req, reply, staff, b, formFromBulletin(b), {});
  }

  @Post(':id')
  async update(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: Form): Promise<void> {
    const staff = await staffPost(this.session, this.config, req, reply, [...ROLES]);
    if (!staff) return;
    const b = await this.find(id);
    if (!b) return staffError(reply, staff.ctx, 404, staff.ctx.t('notfound.body'));
    const { value, errors } = await bulletinInput(body);
    if (Object.keys(errors).length) return this.renderEdit(req, reply, staff, b, body, errors, undefined, 400);
    try {
      await this.bulletins.update(staff.user, id, value);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return this.renderEdit(req, reply, staff, b, body, fieldErrors(err), err.message, err.status);
    }
    redirectDone(reply, `${BULLETINS_PATH}/${id}`, 'saved');
  }

  @Get(':id/xem-truoc')
  async preview(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const staff = await staffOnly(this.session, this.config, req, reply, [...ROLES]);
    if (!staff) return;
    const b = await this.find(id);
    if (!b) return staffError(reply, staff.ctx, 404, staff.ctx.t('notfound.body'));
    const { t } = staff.ctx;
    const body = html`${bulletinPreview(staff.ctx, b)}<p><a href="${BULLETINS_PATH}/${b.id}">${t('admin.bul.backToEdit')}</a></p>`;
    sendStaffPage(reply, staff.ctx, `${t('admin.bul.preview')}: ${b.title}`, body);
  }

  private async find(id: string): Promise<BulletinEntity | undefined> {
    if (!isUuid(id)) return undefined;
    try {
      return await this.bulletins.get(id);
    } catch (err) {
      if (err instanceof DomainError) return undefined;
      throw err;
    }
  }

  private async renderNew(
    req: FastifyRequest,
    reply: FastifyReply,
    { ctx }: StaffRequest,
    form: Form,
    errors: FieldErrors,
    message?: string,
    status = 200,
  ): Promise<void> {
    const { t } = ctx;
    const categories = await this.categories.list();
    const body = html`<h1>${t('admin.bul.new')}</h1>
${alert(message)}
${bulletinForm(ctx, `${BULLETINS_PATH}/moi`, csrfField(req, reply, this.secure), form, errors, categories)}`;
    sendStaffPage(reply, ctx, t('admin.bul.new'), body, status);
  }

  private async renderEdit(
    req: FastifyRequest,
    reply: FastifyReply,
    staff: StaffRequest,
    b: BulletinEntity,
    form: Form,
    errors: FieldErrors,
    message?: string,
    status = 200,
  ): Promise<void> {
    const { ctx, user } = staff;
    const { t } = ctx;
    const [categories, revisions] = await Promise.all([this.categories.list(), this.bulletins.revisions(b.id)]);
    const csrf = csrfField(req, reply, this.secure);
    const body = html`<h1>${t('admin.bul.edit')}: ${b.title}</h1>
${alert(doneMessage(ctx, req, DONE), 'success')}${alert(message)}
<p>${statusBadge(ctx, b)} <a href="${BULLETINS_PATH}/${b.id}/xem-truoc">${t('admin.bul.preview')}</a></p>
${b.rejectionReason ? html`<p class="alert error">${t('admin.reason')}: ${b.rejectionReason}</p>` : ''}
${bulletinActions(ctx, csrf, b, user.role, this.config.bulletinRequireApproval, {})}
${bulletinForm(ctx, `${BULLETINS_PATH}/${b.id}`, csrf, form, errors, categories)}
${bulletinRevisions(ctx, revisions)}`;
    sendStaffPage(reply, ctx, t('admin.bul.edit'), body, status);
  }
}

/** Field errors a domain rule reported (e.g. an unknown category), keyed like the form fields. */
export function fieldErrors(err: DomainError): FieldErrors {
  const map: Record<string, string> = { 'event.startsAt': 'startsAt', 'event.endsAt': 'endsAt', event: 'startsAt' };
  return Object.fromEntries((err.details ?? []).map((d) => [map[d.field] ?? d.field, d.message]));
}
