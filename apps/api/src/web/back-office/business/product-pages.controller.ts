import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, NotFoundError } from '@tradefloor/core';
import {
  CategoriesService,
  CreateProductDto,
  MAX_IMAGE_BYTES,
  ProductImages,
  ProductLifecycle,
  ProductQueries,
  ProductsService,
  UpdateProductDto,
  type ProductDto,
} from '@tradefloor/catalog';
import { CommuneDirectory, EnterpriseAccess, EnterpriseQueries, type EnterpriseEntity } from '@tradefloor/enterprise-profile';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../../html/html';
import type { MessageKey } from '../../i18n/messages';
import { assertCsrf } from '../../session/csrf';
import type { FieldErrors } from '../../session/form-validation';
import { domainFieldErrors, errorSummary, one, validateBody, type Form } from './business-forms';
import { BusinessPages, type BusinessRequest } from './business-pages';
import { actionButton, formatVnd, statusBadge } from './business.view';
import { chooseEnterprise, enterpriseSwitch } from './enterprise-choice';
import { HOME_PROVINCE } from './enterprise-form';
import { readMultipartForm } from './multipart-form';
import { productBody, productForm, renderProductForm } from './product-form';

const BASE = '/quan-ly/san-pham';
const ACTIONS = { 'gui-duyet': 'submit', 'ngung-ban': 'unlist', 'ban-lai': 'relist' } as const;

/** A seller's products: list per enterprise, create, edit, images, submit for review, unlist/relist. */
@ApiExcludeController()
@Controller('quan-ly/san-pham')
export class ProductPagesController {
  constructor(
    private readonly pages: BusinessPages,
    private readonly products: ProductsService,
    private readonly queries: ProductQueries,
    private readonly lifecycle: ProductLifecycle,
    private readonly images: ProductImages,
    private readonly categories: CategoriesService,
    private readonly enterprises: EnterpriseQueries,
    private readonly access: EnterpriseAccess,
    private readonly directory: CommuneDirectory,
  ) {}

  @Get()
  list(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.pages.handle(req, reply, async (r) => {
      const { t } = r.ctx;
      const { current, mine } = await chooseEnterprise(r, this.access, this.enterprises);
      if (!current) {
        return this.pages.send(
          r,
          t('biz.prod.title'),
          html`<h1>${t('biz.prod.title')}</h1><p>${t('biz.prod.needEnterprise')}</p><p><a class="button" href="/quan-ly/doanh-nghiep/moi">${t('biz.ent.create')}</a></p>`,
        );
      }
      const page = await this.queries.listForEnterprise(r.user, current.id, { page: 1, pageSize: 100 });
      const body = html`<h1>${t('biz.prod.title')}</h1>
${enterpriseSwitch(t, mine, current, BASE)}
<h2>${current.displayName}</h2>
<p class="actions"><a class="button" href="${BASE}/moi?dn=${current.id}">${t('biz.prod.create')}</a> <a class="button secondary" href="${BASE}/nhap-csv?dn=${current.id}">${t('biz.import.title')}</a></p>
${page.items.length ? html`<ul class="biz-list">${page.items.map((p) => this.listItem(r, p))}</ul>` : html`<p>${t('biz.prod.none')}</p>`}`;
      this.pages.send(r, t('biz.prod.title'), body);
    });
  }

  @Get('moi')
  createPage(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.pages.handle(req, reply, async (r) => {
      const enterprise = await this.access.assertCanManage(r.user, (r.req.query as { dn?: string }).dn ?? '');
      return this.renderForm(r, enterprise, undefined, { stockQuantity: '0', originCommuneCode: enterprise.communeCode }, {});
    });
  }

  @Post('moi')
  create(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() form: Form): Promise<void> {
    return this.pages.handle(req, reply, async (r) => {
      assertCsrf(req);
      const enterprise = await this.access.assertCanManage(r.user, one(form, 'enterpriseId') ?? '');
      const { value, errors } = await validateBody(CreateProductDto, { ...productBody(form, 'create'), enterpriseId: enterprise.id });
      if (Object.keys(errors).length) return this.renderForm(r, enterprise, undefined, form, errors, undefined, 400);
      try {
        const created = await this.products.create(r.user, value);
        this.pages.redirect(r, `${BASE}/${created.id}?created=1`);
      } catch (err) {
        if (!(err instanceof DomainError) || !err.details?.length) throw err;
        return this.renderForm(r, enterprise, undefined, form, domainFieldErrors(err), err.message, err.status);
      }
    });
  }

  @Get(':id')
  detail(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.pages.handle(req, reply, (r) => this.renderDetail(r, id));
  }

  @Get(':id/sua')
  editPage(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.pages.handle(req, reply, async (r) => {
      const product = await this.queries.getForManager(r.user, id);
      const enterprise = await this.access.assertCanManage(r.user, product.enterpriseId);
      return this.renderForm(r, enterprise, product, productForm(product), {});
    });
  }

  @Post(':id/sua')
  edit(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() form: Form): Promise<void> {
    return this.pages.handle(req, reply, async (r) => {
      assertCsrf(req);
      const product = await this.queries.getForManager(r.user, id);
      const enterprise = await this.access.assertCanManage(r.user, product.enterpriseId);
      const { value, errors } = await validateBody(UpdateProductDto, productBody(form, 'update'));
      if (Object.keys(errors).length) return this.renderForm(r, enterprise, product, form, errors, undefined, 400);
      try {
        await this.products.update(r.user, id, value);
        this.pages.redirect(r, `${BASE}/${id}?saved=1`);
      } catch (err) {
        if (!(err instanceof DomainError) || !err.details?.length) throw err;
        return this.renderForm(r, enterprise, product, form, domainFieldErrors(err), err.message, err.status);
      }
    });
  }

  @Post(':id/anh')
  upload(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.pages.handle(req, reply, async (r) => {
      const { file, tooLarge } = await readMultipartForm(req, MAX_IMAGE_BYTES);
      assertCsrf(req);
      const { t } = r.ctx;
      if (!file) return this.renderDetail(r, id, tooLarge ? t('biz.image.tooLarge') : t('biz.image.missing'), 400);
      try {
        await this.images.add(r.user, id, file);
      } catch (err) {
        // Unreadable images and the per-product limit are the seller's to fix: show them on the page.
        if (!(err instanceof DomainError) || err.status !== 400) throw err;
        return this.renderDetail(r, id, err.details?.[0]?.message ?? err.message, 400);
      }
      this.pages.redirect(r, `${BASE}/${id}?image=1`);
    });
  }

  @Post(':id/anh/:imageId/xoa')
  removeImage(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Param('imageId') imageId: string): Promise<void> {
    return this.pages.handle(req, reply, async (r) => {
      assertCsrf(req);
      await this.images.remove(r.user, id, imageId);
      this.pages.redirect(r, `${BASE}/${id}`);
    });
  }

  @Post(':id/:action')
  act(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Param('action') action: string): Promise<void> {
    return this.pages.handle(req, reply, async (r) => {
      assertCsrf(req);
      const lifecycleAction = ACTIONS[action as keyof typeof ACTIONS];
      if (!lifecycleAction) throw new NotFoundError('Trang', 'PAGE_NOT_FOUND');
      await this.lifecycle.byOwner(r.user, id, lifecycleAction);
      this.pages.redirect(r, `${BASE}/${id}?done=${lifecycleAction}`);
    });
  }

  private listItem(r: BusinessRequest, p: ProductDto) {
    const { t } = r.ctx;
    const thumb = p.images[0]?.thumbnailUrl;
    return html`<li class="biz-item biz-product">
${thumb ? html`<img src="${thumb}" alt="" width="72" height="72" loading="lazy">` : html`<span class="biz-noimg" aria-hidden="true"></span>`}
<div><h3><a href="${BASE}/${p.id}">${p.name}</a></h3>
<p>${statusBadge(t, 'prod', p.status)} <span class="price">${formatVnd(p.priceVnd)}</span> / ${p.unit} · ${t('biz.prod.stock')}: ${p.stockQuantity}</p>
${p.status === 'rejected' && p.rejectionReason ? html`<p class="reason">${t('biz.rejectedBecause')}: ${p.rejectionReason}</p>` : ''}
</div></li>`;
  }

  private async renderDetail(r: BusinessRequest, id: string, imageError?: string, status = 200): Promise<void> {
    const { t } = r.ctx;
    const p = await this.queries.getForManager(r.user, id);
    const q = r.req.query as Record<string, string | undefined>;
    const done = Object.values(ACTIONS).find((a) => a === q.done);
    const notice = q.created
      ? t('biz.prod.created')
      : q.saved
        ? t('biz.saved')
        : q.image
          ? t('biz.image.added')
          : done
            ? t(`biz.prod.done.${done}`)
            : undefined;
    const csrf = r.csrf();
    const body = html`<p><a href="${BASE}?dn=${p.enterpriseId}">← ${t('biz.prod.back')}</a></p>
<h1>${p.name}</h1>
${notice ? html`<p class="alert success" role="status">${notice}</p>` : ''}
<section class="biz-status" aria-labelledby="st"><h2 id="st">${t('biz.status')}</h2>
<p>${statusBadge(t, 'prod', p.status)}</p>
${p.status === 'rejected' && p.rejectionReason ? html`<p class="reason">${t('biz.rejectedBecause')}: ${p.rejectionReason}</p>` : ''}
<p>${t(`biz.prod.next.${p.status}` as MessageKey)}</p>
<div class="actions">
${p.status === 'draft' || p.status === 'rejected' ? actionButton(`${BASE}/${p.id}/gui-duyet`, t('biz.prod.submit'), csrf) : ''}
${p.status === 'published' ? actionButton(`${BASE}/${p.id}/ngung-ban`, t('biz.prod.unlist'), csrf, 'secondary') : ''}
${p.status === 'unlisted' ? actionButton(`${BASE}/${p.id}/ban-lai`, t('biz.prod.relist'), csrf) : ''}
${p.status !== 'archived' ? html`<a class="button secondary" href="${BASE}/${p.id}/sua">${t('biz.edit')}</a>` : ''}
</div></section>
<section aria-labelledby="facts"><h2 id="facts">${t('biz.prod.info')}</h2>
<dl class="biz-facts"><dt>${t('biz.prod.price')}</dt><dd class="price">${formatVnd(p.priceVnd)} / ${p.unit}</dd>
<dt>${t('biz.prod.stock')}</dt><dd>${p.stockQuantity}</dd><dt>${t('biz.prod.sku')}</dt><dd>${p.sku}</dd>
${p.gtin ? html`<dt>${t('biz.prod.gtin')}</dt><dd>${p.gtin}</dd>` : ''}</dl></section>
<section aria-labelledby="img"><h2 id="img">${t('biz.image.title')}</h2>
${
  p.images.length
    ? html`<ul class="biz-thumbs">${p.images.map(
        (i, n) => html`<li><img src="${i.thumbnailUrl}" alt="${t('biz.image.alt')} ${n + 1}: ${p.name}" width="120" height="120" loading="lazy">
${actionButton(`${BASE}/${p.id}/anh/${i.id}/xoa`, t('biz.image.delete'), csrf, 'secondary')}</li>`,
      )}</ul>`
    : html`<p>${t('biz.image.none')}</p>`
}
${errorSummary(t('biz.form.fix'), imageError ? { file: imageError } : {})}
<form class="stack" method="post" action="${BASE}/${p.id}/anh" enctype="multipart/form-data">
${csrf}
<div class="field${imageError ? ' has-error' : ''}"><label for="f-file">${t('biz.image.choose')}</label>
<p class="hint" id="f-file-hint">${t('biz.image.hint')}</p>
<input id="f-file" name="file" type="file" accept="image/jpeg,image/png,image/webp" required aria-describedby="f-file-hint"${imageError ? html` aria-invalid="true"` : ''}></div>
<button type="submit">${t('biz.image.upload')}</button>
</form></section>`;
    this.pages.send(r, p.name, body, status);
  }

  private async renderForm(
    r: BusinessRequest,
    enterprise: EnterpriseEntity,
    product: ProductDto | undefined,
    form: Form,
    errors: FieldErrors,
    message?: string,
    status = 200,
  ): Promise<void> {
    const { t } = r.ctx;
    const [categories, communes] = await Promise.all([
      this.categories.tree(),
      this.directory.communesOf(enterprise.provinceCode).catch(() => this.directory.communesOf(HOME_PROVINCE)),
    ]);
    const title = product ? `${t('biz.edit')}: ${product.name}` : t('biz.prod.create');
    const body = html`<h1>${title}</h1>
<p class="muted">${enterprise.displayName} · ${t('biz.form.required')}</p>
${renderProductForm(t, {
  action: product ? `${BASE}/${product.id}/sua` : `${BASE}/moi`,
  csrf: r.csrf(),
  form,
  errors,
  message,
  categories,
  communes,
  enterpriseId: product ? undefined : enterprise.id,
  submitLabel: product ? t('biz.save') : t('biz.prod.createSubmit'),
})}`;
    this.pages.send(r, title, body, status);
  }
}
