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
import { errorText } from '../../i18n/error-text';
import { domainFieldErrors, validateBody, type FieldErrors } from '../../session/form-validation';
import { one, type Form } from './business-forms';
import { BackOffice, SELLERS, type BackOfficeRequest } from '../back-office';
import { enterpriseBody, enterpriseForm, HOME_PROVINCE } from './enterprise-form';
import { ENTERPRISES_PATH as BASE, enterpriseDetailView, enterpriseFormView, enterpriseListView } from './enterprise-pages.view';

/** A seller's enterprises: list, create, edit, submit for verification, staff members. */
@ApiExcludeController()
@Controller('quan-ly/doanh-nghiep')
export class EnterprisePagesController {
  constructor(
    private readonly bo: BackOffice,
    private readonly enterprises: EnterprisesService,
    private readonly queries: EnterpriseQueries,
    private readonly members: EnterpriseMembers,
    private readonly directory: CommuneDirectory,
    private readonly reference: ReferenceData,
  ) {}

  @Get()
  list(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, SELLERS, async (r) => {
      const { t } = r.ctx;
      const mine = await this.queries.mine(r.user.id);
      const body = enterpriseListView(
        t,
        mine.map((m) => m.enterprise),
      );
      this.bo.send(r, t('biz.ent.title'), body);
    });
  }

  @Get('moi')
  createPage(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, SELLERS, (r) => this.renderForm(r, 'create', { 'address.provinceCode': HOME_PROVINCE }, {}));
  }

  @Post('moi')
  create(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() form: Form): Promise<void> {
    return this.bo.form(req, reply, SELLERS, async (r) => {
      const { value, errors } = await validateBody(CreateEnterpriseDto, enterpriseBody(form, 'create'), r.ctx.lang);
      if (Object.keys(errors).length) return this.renderForm(r, 'create', form, errors, undefined, 400);
      try {
        const created = await this.enterprises.create(r.user, value);
        this.bo.redirect(r, `${BASE}/${created.id}`);
      } catch (err) {
        if (!(err instanceof DomainError) || !err.details?.length) throw err;
        return this.renderForm(r, 'create', form, domainFieldErrors(err, r.ctx.lang), errorText(r.ctx.lang, err), err.status);
      }
    });
  }

  @Get(':id')
  detail(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.bo.page(req, reply, SELLERS, async (r) => this.renderDetail(r, id, {}));
  }

  @Get(':id/sua')
  editPage(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.bo.page(req, reply, SELLERS, async (r) => {
      const { enterprise } = await this.queries.managed(r.user, id);
      return this.renderForm(r, 'update', enterpriseForm(enterprise), {}, undefined, 200, enterprise);
    });
  }

  @Post(':id/sua')
  edit(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() form: Form): Promise<void> {
    return this.bo.form(req, reply, SELLERS, async (r) => {
      const { enterprise } = await this.queries.managed(r.user, id);
      const { value, errors } = await validateBody(UpdateEnterpriseDto, enterpriseBody(form, 'update'), r.ctx.lang);
      if (Object.keys(errors).length) return this.renderForm(r, 'update', form, errors, undefined, 400, enterprise);
      try {
        await this.enterprises.update(r.user, id, value);
        this.bo.redirect(r, `${BASE}/${id}?saved=1`);
      } catch (err) {
        if (!(err instanceof DomainError) || !err.details?.length) throw err;
        return this.renderForm(r, 'update', form, domainFieldErrors(err, r.ctx.lang), errorText(r.ctx.lang, err), err.status, enterprise);
      }
    });
  }

  @Post(':id/gui-xac-minh')
  submit(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.bo.form(req, reply, SELLERS, async (r) => {
      await this.enterprises.submit(r.user, id);
      this.bo.redirect(r, `${BASE}/${id}?submitted=1`);
    });
  }

  @Post(':id/nhan-vien')
  addMember(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() form: Form): Promise<void> {
    return this.bo.form(req, reply, SELLERS, async (r) => {
      const { value, errors } = await validateBody(AddMemberDto, { email: one(form, 'email') ?? '' }, r.ctx.lang);
      if (errors.email) return this.renderDetail(r, id, errors, one(form, 'email'), 400);
      try {
        await this.members.add(r.user, id, value.email);
      } catch (err) {
        // An unknown email or an existing member is the seller's typo, not a missing page.
        if (!(err instanceof DomainError) || !['ALREADY_MEMBER', 'VALIDATION_FAILED'].includes(err.code)) throw err;
        return this.renderDetail(
          r,
          id,
          { email: Object.values(domainFieldErrors(err, r.ctx.lang))[0] ?? errorText(r.ctx.lang, err) },
          one(form, 'email'),
          err.status,
        );
      }
      this.bo.redirect(r, `${BASE}/${id}?member=1`);
    });
  }

  private async renderDetail(r: BackOfficeRequest, id: string, errors: FieldErrors, email?: string, status = 200): Promise<void> {
    const { t } = r.ctx;
    const { enterprise: e } = await this.queries.managed(r.user, id);
    const [staff, commune] = await Promise.all([this.members.list(r.user, id), this.reference.commune(e.communeCode)]);
    const isOwner = e.ownerId === r.user.id;
    const q = r.req.query as Record<string, string | undefined>;
    const notice = q.submitted ? t('biz.ent.submitted') : q.saved ? t('biz.saved') : q.member ? t('biz.ent.memberAdded') : undefined;
    const canSubmit = e.status === 'draft' || e.status === 'rejected';
    const body = enterpriseDetailView(t, e, { staff, communeName: commune?.name, isOwner, viewer: r.user, notice, canSubmit, errors, email, csrf: r.csrf() });
    this.bo.send(r, e.displayName, body, status);
  }

  private async renderForm(
    r: BackOfficeRequest,
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
    const body = enterpriseFormView(t, title, mode, existing?.id, { csrf: r.csrf(), form, errors, message, provinces, communes });
    this.bo.send(r, title, body, status);
  }
}
