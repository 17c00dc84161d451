import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, DomainError, type ResolvedConfig, isUuid } from '@tradefloor/core';
import { BulletinCategoryService, BulletinQueryService, BulletinService, type BulletinEntity } from '@tradefloor/news-bulletin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorText, inLanguage } from '../../i18n/error-text';
import type { Lang, MessageKey } from '../../i18n/messages';
import { queryChoice, queryPage } from '../../kit/query';
import type { FieldErrors } from '../../session/form-validation';
import { BackOffice, STAFF, type BackOfficeRequest, type Form } from '../back-office';
import { bulletinInput, formFromBulletin } from './bulletin-form.view';
import { BULLETIN_TABS, BULLETINS_PATH, bulletinListView, bulletinPreviewPage, editBulletinView, newBulletinView } from './bulletin.view';
import { bulletinActions, bulletinRevisions } from './bulletin-workflow.view';

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
    private readonly bo: BackOffice,
    private readonly bulletins: BulletinService,
    private readonly queries: BulletinQueryService,
    private readonly categories: BulletinCategoryService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  @Get()
  list(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, STAFF, async (r) => {
      const status = queryChoice(req.query, 'status', BULLETIN_TABS) ?? 'draft';
      const page = queryPage(req.query);
      const list = await this.queries.list({ status, page, pageSize: PAGE_SIZE });
      this.bo.send(r, r.ctx.t('admin.bul.title'), bulletinListView(r.ctx, { status, items: list.items, total: list.total, page, pageSize: PAGE_SIZE }));
    });
  }

  @Get('moi')
  newForm(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, STAFF, (r) => this.renderNew(r, { kind: 'article' }, {}));
  }

  @Post('moi')
  create(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    return this.bo.form(req, reply, STAFF, async (r) => {
      const { value, errors } = await bulletinInput(body, r.ctx.lang);
      if (Object.keys(errors).length) return this.renderNew(r, body, errors, undefined, 400);
      let created: BulletinEntity;
      try {
        created = await this.bulletins.create(r.user, value);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        return this.renderNew(r, body, fieldErrors(err, r.ctx.lang), errorText(r.ctx.lang, err), err.status);
      }
      this.bo.redirect(r, `${BULLETINS_PATH}/${created.id}`, 'created');
    });
  }

  @Get(':id')
  edit(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.bo.page(req, reply, STAFF, async (r) => {
      const b = await this.find(id);
      if (!b) return this.bo.fail(r, 404, r.ctx.t('notfound.body'));
      await this.renderEdit(r, b, formFromBulletin(b), {});
    });
  }

  @Post(':id')
  update(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: Form): Promise<void> {
    return this.bo.form(req, reply, STAFF, async (r) => {
      const b = await this.find(id);
      if (!b) return this.bo.fail(r, 404, r.ctx.t('notfound.body'));
      const { value, errors } = await bulletinInput(body, r.ctx.lang);
      if (Object.keys(errors).length) return this.renderEdit(r, b, body, errors, undefined, 400);
      try {
        await this.bulletins.update(r.user, id, value);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        return this.renderEdit(r, b, body, fieldErrors(err, r.ctx.lang), errorText(r.ctx.lang, err), err.status);
      }
      this.bo.redirect(r, `${BULLETINS_PATH}/${id}`, 'saved');
    });
  }

  @Get(':id/xem-truoc')
  preview(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.bo.page(req, reply, STAFF, async (r) => {
      const b = await this.find(id);
      if (!b) return this.bo.fail(r, 404, r.ctx.t('notfound.body'));
      this.bo.send(r, `${r.ctx.t('admin.bul.preview')}: ${b.title}`, bulletinPreviewPage(r.ctx, b));
    });
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

  private async renderNew(r: BackOfficeRequest, form: Form, errors: FieldErrors, message?: string, status = 200): Promise<void> {
    const categories = await this.categories.list();
    this.bo.send(r, r.ctx.t('admin.bul.new'), newBulletinView(r.ctx, { form, errors, categories, csrf: r.csrf(), message }), status);
  }

  private async renderEdit(r: BackOfficeRequest, b: BulletinEntity, form: Form, errors: FieldErrors, message?: string, status = 200): Promise<void> {
    const { ctx, user } = r;
    const [categories, revisions] = await Promise.all([this.categories.list(), this.bulletins.revisions(b.id)]);
    const csrf = r.csrf();
    const body = editBulletinView(ctx, b, {
      form,
      errors,
      categories,
      csrf,
      message,
      done: this.bo.flash(r, DONE),
      actions: bulletinActions(ctx, csrf, b, user.role, this.config.bulletinRequireApproval, {}),
      revisions: bulletinRevisions(ctx, revisions),
    });
    this.bo.send(r, ctx.t('admin.bul.edit'), body, status);
  }
}

/** Field errors a domain rule reported (e.g. an unknown category), keyed like the form fields. */
function fieldErrors(err: DomainError, lang: Lang): FieldErrors {
  const map: Record<string, string> = { 'event.startsAt': 'startsAt', 'event.endsAt': 'endsAt', event: 'startsAt' };
  return Object.fromEntries((err.details ?? []).map((d) => [map[d.field] ?? d.field, inLanguage(lang, d.message)]));
}
