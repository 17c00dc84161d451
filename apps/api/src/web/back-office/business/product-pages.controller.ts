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
import { errorText } from '../../i18n/error-text';
import { domainFieldErrors, validateBody, type FieldErrors } from '../../session/form-validation';
import { one, type Form } from './business-forms';
import { BackOffice, SELLERS, type BackOfficeRequest } from '../back-office';
import { chooseEnterprise } from './enterprise-choice';
import { HOME_PROVINCE } from './enterprise-form';
import { needEnterpriseView } from './business.view';
import { productBody, productForm } from './product-form';
import { PRODUCTS_PATH as BASE, PRODUCT_ACTIONS as ACTIONS, productDetailView, productFormView, productListView } from './product-pages.view';

/** A seller's products: list per enterprise, create, edit, images, submit for review, unlist/relist. */
@ApiExcludeController()
@Controller('quan-ly/san-pham')
export class ProductPagesController {
  constructor(
    private readonly bo: BackOffice,
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
    return this.bo.page(req, reply, SELLERS, async (r) => {
      const { t } = r.ctx;
      const { current, mine } = await chooseEnterprise(r, this.access, this.enterprises);
      if (!current) {
        return this.bo.send(r, t('biz.prod.title'), needEnterpriseView(t, 'biz.prod.title', 'biz.prod.needEnterprise'));
      }
      const page = await this.queries.listForEnterprise(r.user, current.id, { page: 1, pageSize: 100 });
      const body = productListView(t, mine, current, page.items);
      this.bo.send(r, t('biz.prod.title'), body);
    });
  }

  @Get('moi')
  createPage(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, SELLERS, async (r) => {
      const enterprise = await this.access.assertCanManage(r.user, (r.req.query as { dn?: string }).dn ?? '');
      return this.renderForm(r, enterprise, undefined, { stockQuantity: '0', originCommuneCode: enterprise.communeCode }, {});
    });
  }

  @Post('moi')
  create(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() form: Form): Promise<void> {
    return this.bo.form(req, reply, SELLERS, async (r) => {
      const enterprise = await this.access.assertCanManage(r.user, one(form, 'enterpriseId') ?? '');
      const { value, errors } = await validateBody(CreateProductDto, { ...productBody(form, 'create'), enterpriseId: enterprise.id }, r.ctx.lang);
      if (Object.keys(errors).length) return this.renderForm(r, enterprise, undefined, form, errors, undefined, 400);
      try {
        const created = await this.products.create(r.user, value);
        this.bo.redirect(r, `${BASE}/${created.id}?created=1`);
      } catch (err) {
        if (!(err instanceof DomainError) || !err.details?.length) throw err;
        return this.renderForm(r, enterprise, undefined, form, domainFieldErrors(err, r.ctx.lang), errorText(r.ctx.lang, err), err.status);
      }
    });
  }

  @Get(':id')
  detail(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.bo.page(req, reply, SELLERS, (r) => this.renderDetail(r, id));
  }

  @Get(':id/sua')
  editPage(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.bo.page(req, reply, SELLERS, async (r) => {
      const product = await this.queries.getForManager(r.user, id);
      const enterprise = await this.access.assertCanManage(r.user, product.enterpriseId);
      return this.renderForm(r, enterprise, product, productForm(product), {});
    });
  }

  @Post(':id/sua')
  edit(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() form: Form): Promise<void> {
    return this.bo.form(req, reply, SELLERS, async (r) => {
      const product = await this.queries.getForManager(r.user, id);
      const enterprise = await this.access.assertCanManage(r.user, product.enterpriseId);
      const { value, errors } = await validateBody(UpdateProductDto, productBody(form, 'update'), r.ctx.lang);
      if (Object.keys(errors).length) return this.renderForm(r, enterprise, product, form, errors, undefined, 400);
      try {
        await this.products.update(r.user, id, value);
        this.bo.redirect(r, `${BASE}/${id}?saved=1`);
      } catch (err) {
        if (!(err instanceof DomainError) || !err.details?.length) throw err;
        return this.renderForm(r, enterprise, product, form, domainFieldErrors(err, r.ctx.lang), errorText(r.ctx.lang, err), err.status);
      }
    });
  }

  @Post(':id/anh')
  upload(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.bo.upload(req, reply, SELLERS, MAX_IMAGE_BYTES, async (r, { file, tooLarge }) => {
      const { t } = r.ctx;
      if (!file) return this.renderDetail(r, id, tooLarge ? t('biz.image.tooLarge') : t('biz.image.missing'), 400);
      try {
        await this.images.add(r.user, id, file);
      } catch (err) {
        // Unreadable images and the per-product limit are the seller's to fix: show them on the page.
        if (!(err instanceof DomainError) || err.status !== 400) throw err;
        return this.renderDetail(r, id, Object.values(domainFieldErrors(err, r.ctx.lang))[0] ?? errorText(r.ctx.lang, err), 400);
      }
      this.bo.redirect(r, `${BASE}/${id}?image=1`);
    });
  }

  @Post(':id/anh/:imageId/xoa')
  removeImage(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Param('imageId') imageId: string): Promise<void> {
    return this.bo.form(req, reply, SELLERS, async (r) => {
      await this.images.remove(r.user, id, imageId);
      this.bo.redirect(r, `${BASE}/${id}`);
    });
  }

  @Post(':id/:action')
  act(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Param('action') action: string): Promise<void> {
    return this.bo.form(req, reply, SELLERS, async (r) => {
      const lifecycleAction = ACTIONS[action as keyof typeof ACTIONS];
      if (!lifecycleAction) throw new NotFoundError('Trang', 'PAGE_NOT_FOUND');
      await this.lifecycle.byOwner(r.user, id, lifecycleAction);
      this.bo.redirect(r, `${BASE}/${id}?done=${lifecycleAction}`);
    });
  }

  private async renderDetail(r: BackOfficeRequest, id: string, imageError?: string, status = 200): Promise<void> {
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
    const body = productDetailView(t, p, { notice, imageError, csrf: r.csrf() });
    this.bo.send(r, p.name, body, status);
  }

  private async renderForm(
    r: BackOfficeRequest,
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
    const body = productFormView(t, title, enterprise, product, { csrf: r.csrf(), form, errors, message, categories, communes });
    this.bo.send(r, title, body, status);
  }
}
