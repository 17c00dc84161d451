import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError } from '@tradefloor/core';
import {
  AddMemberDto,
  CommuneDirectory,
  CreateEnterpriseDto,
  EnterpriseMembers,
  EnterpriseQueries,
  EnterprisesService,
  ReferenceData,
  UpdateEnterpriseDto,
  type EnterpriseEntity,
} from '@tradefloor/enterprise-profile';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { field } from '../../html/forms';
import { html } from '../../html/html';
import type { MessageKey } from '../../i18n/messages';
import { assertCsrf } from '../../session/csrf';
import type { FieldErrors } from '../../session/form-validation';
import { domainFieldErrors, errorSummary, one, validateBody, type Form } from './business-forms';
import { BusinessPages, type BusinessRequest } from './business-pages';
import { actionButton, formatDate, statusBadge } from './business.view';
import { enterpriseBody, enterpriseForm, HOME_PROVINCE, renderEnterpriseForm } from './enterprise-form';

const BASE = '/quan-ly/doanh-nghiep';

/** A seller's enterprises: list, create, edit, submit for verification, staff members. */
@ApiExcludeController()
@Controller('quan-ly/doanh-nghiep')
export class EnterprisePagesController {
  constructor(
    private readonly pages: BusinessPages,
    private readonly enterprises: EnterprisesService,
    private readonly queries: EnterpriseQueries,
    private readonly members: EnterpriseMembers,
    private readonly directory: CommuneDirectory,
    private readonly reference: ReferenceData,
  ) {}

  @Get()
  list(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.pages.handle(req, reply, async (r) => {
      const { t } = r.ctx;
      const mine = await this.queries.mine(r.user.id);
      const body = html`<h1>${t('biz.ent.title')}</h1>
<p><a class="button" href="${BASE}/moi">${t('biz.ent.create')}</a></p>
${
  mine.length
    ? html`<ul class="biz-list">${mine.map(
        ({ enterprise: e }) => html`<li class="biz-item"><h2><a href="${BASE}/${e.id}">${e.displayName}</a></h2>
${statusBadge(t, 'ent', e.status)} ${e.status === 'rejected' && e.rejectionReason ? html`<p class="reason">${t('biz.rejectedBecause')}: ${e.rejectionReason}</p>` : ''}
<p class="muted">${t(`biz.ent.next.${e.status}` as MessageKey)}</p></li>`,
      )}</ul>`
    : html`<p>${t('biz.ent.none')}</p>`
}`;
      this.pages.send(r, t('biz.ent.title'), body);
    });
  }

  @Get('moi')
  createPage(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.pages.handle(req, reply, (r) => this.renderForm(r, 'create', { 'address.provinceCode': HOME_PROVINCE }, {}));
  }

  @Post('moi')
  create(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() form: Form): Promise<void> {
    return this.pages.handle(req, reply, async (r) => {
      assertCsrf(req);
      const { value, errors } = await validateBody(CreateEnterpriseDto, enterpriseBody(form, 'create'));
      if (Object.keys(errors).length) return this.renderForm(r, 'create', form, errors, undefined, 400);
      try {
        const created = await this.enterprises.create(r.user, value);
        this.pages.redirect(r, `${BASE}/${created.id}`);
      } catch (err) {
        if (!(err instanceof DomainError) || !err.details?.length) throw err;
        return this.renderForm(r, 'create', form, domainFieldErrors(err), err.message, err.status);
      }
    });
  }

  @Get(':id')
  detail(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.pages.handle(req, reply, async (r) => this.renderDetail(r, id, {}));
  }

  @Get(':id/sua')
  editPage(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.pages.handle(req, reply, async (r) => {
      const { enterprise } = await this.queries.managed(r.user, id);
      return this.renderForm(r, 'update', enterpriseForm(enterprise), {}, undefined, 200, enterprise);
    });
  }

  @Post(':id/sua')
  edit(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() form: Form): Promise<void> {
    return this.pages.handle(req, reply, async (r) => {
      assertCsrf(req);
      const { enterprise } = await this.queries.managed(r.user, id);
      const { value, errors } = await validateBody(UpdateEnterpriseDto, enterpriseBody(form, 'update'));
      if (Object.keys(errors).length) return this.renderForm(r, 'update', form, errors, undefined, 400, enterprise);
      try {
        await this.enterprises.update(r.user, id, value);
        this.pages.redirect(r, `${BASE}/${id}?saved=1`);
      } catch (err) {
        if (!(err instanceof DomainError) || !err.details?.length) throw err;
        return this.renderForm(r, 'update', form, domainFieldErrors(err), err.message, err.status, enterprise);
      }
    });
  }

  @Post(':id/gui-xac-minh')
  submit(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.pages.handle(req, reply, async (r) => {
      assertCsrf(req);
      await this.enterprises.submit(r.user, id);
      this.pages.redirect(r, `${BASE}/${id}?submitted=1`);
    });
  }

  @Post(':id/nhan-vien')
  addMember(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() form: Form): Promise<void> {
    return this.pages.handle(req, reply, async (r) => {
      assertCsrf(req);
      const { value, errors } = await validateBody(AddMemberDto, { email: one(form, 'email') ?? '' });
      if (errors.email) return this.renderDetail(r, id, errors, one(form, 'email'), 400);
      try {
        await this.members.add(r.user, id, value.email);
      } catch (err) {
        // An unknown email or an existing member is the seller's typo, not a missing page.
        if (!(err instanceof DomainError) || !['ALREADY_MEMBER', 'VALIDATION_FAILED'].includes(err.code)) throw err;
        return this.renderDetail(r, id, { email: err.details?.[0]?.message ?? err.message }, one(form, 'email'), err.status);
      }
      this.pages.redirect(r, `${BASE}/${id}?member=1`);
    });
  }

  private async renderDetail(r: BusinessRequest, id: string, errors: FieldErrors, email?: string, status = 200): Promise<void> {
    const { t } = r.ctx;
    const { enterprise: e } = await this.queries.managed(r.user, id);
    const [staff, commune] = await Promise.all([this.members.list(r.user, id), this.reference.commune(e.communeCode)]);
    const isOwner = e.ownerId === r.user.id;
    const q = r.req.query as Record<string, string | undefined>;
    const notice = q.submitted ? t('biz.ent.submitted') : q.saved ? t('biz.saved') : q.member ? t('biz.ent.memberAdded') : undefined;
    const canSubmit = e.status === 'draft' || e.status === 'rejected';
    const body = html`<h1>${e.displayName}</h1>
${notice ? html`<p class="alert success" role="status">${notice}</p>` : ''}
<section class="biz-status" aria-labelledby="st"><h2 id="st">${t('biz.status')}</h2>
<p>${statusBadge(t, 'ent', e.status)}</p>
${e.status === 'rejected' && e.rejectionReason ? html`<p class="reason">${t('biz.rejectedBecause')}: ${e.rejectionReason}</p>` : ''}
${e.status === 'suspended' && e.suspensionReason ? html`<p class="reason">${e.suspensionReason}</p>` : ''}
<p>${t(`biz.ent.next.${e.status}` as MessageKey)}</p>
<div class="actions">
${canSubmit ? actionButton(`${BASE}/${e.id}/gui-xac-minh`, t('biz.ent.submit'), r.csrf()) : ''}
<a class="button secondary" href="${BASE}/${e.id}/sua">${t('biz.edit')}</a>
<a class="button secondary" href="/quan-ly/san-pham?dn=${e.id}">${t('biz.ent.products')}</a>
</div></section>
<section aria-labelledby="info"><h2 id="info">${t('biz.ent.section.who')}</h2>
<dl class="biz-facts">
<dt>${t('biz.ent.kind')}</dt><dd>${t(`biz.ent.kind.${e.kind}` as MessageKey)}</dd>
<dt>${t('biz.ent.legalName')}</dt><dd>${e.legalName}</dd>
${e.taxCode ? html`<dt>${t('biz.ent.taxCode')}</dt><dd>${e.taxCode}</dd>` : ''}
${e.personalId ? html`<dt>${t('biz.ent.personalId')}</dt><dd>${isOwner || r.user.role === 'admin' ? e.personalId : `*********${e.personalId.slice(-3)}`}</dd>` : ''}
<dt>${t('biz.ent.phone')}</dt><dd>${e.phone ?? ''}</dd>
${e.email ? html`<dt>${t('biz.ent.email')}</dt><dd>${e.email}</dd>` : ''}
<dt>${t('biz.ent.commune')}</dt><dd>${[e.street, commune?.name].filter(Boolean).join(', ')}</dd>
<dt>${t('biz.createdAt')}</dt><dd>${formatDate(e.createdAt)}</dd>
</dl></section>
<section aria-labelledby="staff"><h2 id="staff">${t('biz.ent.members')}</h2>
<ul class="biz-members">${staff.map((m) => html`<li>${m.displayName} — ${m.email} <span class="muted">(${t(m.role === 'owner' ? 'biz.ent.member.owner' : 'biz.ent.member.staff')})</span></li>`)}</ul>
${
  isOwner
    ? html`${errorSummary(t('biz.form.fix'), errors)}<form class="stack" method="post" action="${BASE}/${e.id}/nhan-vien" novalidate>${r.csrf()}
${field({ name: 'email', label: t('biz.ent.member.email'), type: 'email', value: email, error: errors.email, required: true, hint: t('biz.ent.member.hint') })}
<button type="submit">${t('biz.ent.member.add')}</button></form>`
    : ''
}
</section>`;
    this.pages.send(r, e.displayName, body, status);
  }

  private async renderForm(
    r: BusinessRequest,
    mode: 'create' | 'update',
    form: Form,
    errors: FieldErrors,
    message?: string,
    status = 200,
    existing?: EnterpriseEntity,
  ): Promise<void> {
    const { t } = r.ctx;
    const provinceCode = one(form, 'address.provinceCode') || HOME_PROVINCE;
    const [provinces, communes] = await Promise.all([
      this.directory.provinces(),
      this.directory.communesOf(provinceCode).catch(() => this.directory.communesOf(HOME_PROVINCE)),
    ]);
    const title = mode === 'create' ? t('biz.ent.create') : `${t('biz.edit')}: ${existing?.displayName ?? ''}`;
    const body = html`<h1>${title}</h1>
<p class="muted">${t('biz.form.required')}</p>
${renderEnterpriseForm(t, {
  action: mode === 'create' ? `${BASE}/moi` : `${BASE}/${existing?.id}/sua`,
  csrf: r.csrf(),
  form,
  errors,
  message,
  provinces,
  communes,
  submitLabel: mode === 'create' ? t('biz.ent.createSubmit') : t('biz.save'),
})}`;
    this.pages.send(r, title, body, status);
  }
}
