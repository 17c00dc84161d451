import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CategoriesService } from '@tradefloor/catalog';
import { APP_CONFIG, Clock, DomainError, NotFoundError, type ResolvedConfig } from '@tradefloor/core';
import { EnterpriseAccess, EnterpriseQueries, type EnterpriseEntity } from '@tradefloor/enterprise-profile';
import {
  ChannelSettingsDto,
  ChooseProductsDto,
  ConnectionsService,
  LISTING_FILTERS,
  ListingsService,
  ShopeeCallbackQueryDto,
  channelByName,
  type Channel,
  type FeedUrlsDto,
} from '@tradefloor/partner-sync';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../../html/html';
import { layout } from '../../html/layout';
import { pageContext, sendPage } from '../../pages/page-context';
import { assertCsrf } from '../../session/csrf';
import { validateForm } from '../../session/form-validation';
import { queryPage, queryText } from '../admin/staff-page';
import { domainFieldErrors, many, one, validateBody, type Form } from './business-forms';
import { BusinessPages, type BusinessRequest } from './business-pages';
import { credentialsOf, settingsBody, type ChannelProblem } from './channel-forms';
import { CHANNELS_PATH } from './channel-listings';
import { channelPage, enterpriseCard } from './channel-page-view';
import { channelName } from './channel-views';

/** Where Shopee sends the seller back after consent (the path is given to the lib at connect). */
export const SHOPEE_RETURN_PATH = `${CHANNELS_PATH}/uy-quyen-shopee`;
const PAGE_SIZE = 50;
const DONE = ['connected', 'disconnected', 'disconnecting', 'settings', 'added', 'removed', 'retried'] as const;

interface ChannelPost {
  r: BusinessRequest;
  enterprise: EnterpriseEntity;
  channel: Channel;
  /** Renders the channel page again (a form with errors, or the feed's new addresses). */
  page: (extras: Extras) => Promise<void>;
  /** Post/redirect/get back to the channel page with a fixed notice. */
  done: (key: (typeof DONE)[number]) => void;
}

interface Extras {
  problem?: ChannelProblem;
  /** The feed's addresses with their token, right after it was issued (shown once). */
  issuedFeed?: FeedUrlsDto;
}

/**
 * A seller's sales channels: per enterprise the four channels with their state; per channel the
 * connection (Shopee consent, Voso/Postmart credentials, the feed), sync settings, the products
 * chosen and the listings table with retry. Every action goes through the partner-sync services.
 */
@ApiExcludeController()
@Controller('quan-ly/kenh-ban')
export class ChannelPagesController {
  constructor(
    private readonly pages: BusinessPages,
    private readonly connections: ConnectionsService,
    private readonly listings: ListingsService,
    private readonly enterprises: EnterpriseQueries,
    private readonly access: EnterpriseAccess,
    private readonly categories: CategoriesService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  @Get()
  overview(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.pages.handle(req, reply, async (r) => {
      const { t } = r.ctx;
      const mine = (await this.enterprises.mine(r.user.id)).map((m) => m.enterprise);
      if (!mine.length) {
        return this.pages.send(
          r,
          t('ch.title'),
          html`<h1>${t('ch.title')}</h1><p>${t('ch.needEnterprise')}</p><p><a class="button" href="/quan-ly/doanh-nghiep/moi">${t('biz.ent.create')}</a></p>`,
        );
      }
      const now = this.clock.now();
      const cards = await Promise.all(mine.map(async (e) => enterpriseCard(t, e, await this.connections.list(r.user, e.id), now)));
      this.pages.send(r, t('ch.title'), html`<h1>${t('ch.title')}</h1><p>${t('ch.intro')}</p>${cards}`);
    });
  }

  /**
   * Shopee brings the seller back here with ?code&shop_id&state. The single-use `state` (not the
   * session, whose strict refresh cookie a cross-site return may lack) says which enterprise.
   */
  @Get('uy-quyen-shopee')
  async shopeeReturn(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const fail = (status: number, message: string) => {
      const heading = ctx.t('ch.shopee.failed');
      const body = html`<h1>${heading}</h1><p class="alert error" role="alert">${message}</p><p>${ctx.t('ch.shopee.again')}</p>
<p><a class="button" href="${CHANNELS_PATH}">${ctx.t('ch.back')}</a></p>`;
      sendPage(reply, layout(ctx, { title: heading, description: heading, path: ctx.currentPath }, body), status, 'private');
    };
    const { value, errors } = await validateForm(ShopeeCallbackQueryDto, req.query);
    if (Object.keys(errors).length) return fail(400, ctx.t('ch.shopee.invalid'));
    try {
      const done = await this.connections.shopeeCallback(value.code, value.shop_id, value.state);
      void reply.redirect(`${CHANNELS_PATH}/${done.enterpriseId}/shopee?done=connected`, 303);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      fail(err.status, err.message);
    }
  }

  @Get(':enterpriseId/:channel')
  channelPage(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('enterpriseId') enterpriseId: string,
    @Param('channel') channel: string,
  ): Promise<void> {
    return this.pages.handle(req, reply, async (r) => this.render(r, await this.access.assertCanManage(r.user, enterpriseId), channel, {}));
  }

  @Post(':enterpriseId/:channel/ket-noi')
  connect(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('enterpriseId') enterpriseId: string,
    @Param('channel') name: string,
    @Body() form: Form,
  ): Promise<void> {
    return this.post(req, reply, enterpriseId, name, async ({ r, enterprise, channel, page, done }) => {
      const push = channel.kind === 'push' ? channel : undefined;
      const credentials = push && push.credentialFields.length ? credentialsOf(push, form) : undefined;
      try {
        const result = await this.connections.connect(
          r.user,
          enterprise.id,
          { channel: channel.name, credentials, feedToken: channel.kind === 'pull' ? one(form, 'feedToken') === '1' : undefined },
          { shopeeReturnPath: SHOPEE_RETURN_PATH },
        );
        if (result.authorizationUrl) return void r.reply.redirect(result.authorizationUrl, 303);
        // The feed's token exists only in this answer: show it now instead of redirecting.
        if (result.feed) return page({ issuedFeed: result.feed });
        done('connected');
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        // The form keeps what was typed for the page, which never echoes secret fields.
        return page({ problem: { section: 'connect', errors: domainFieldErrors(err), message: err.message, form, status: err.status } });
      }
    });
  }

  @Post(':enterpriseId/:channel/ngat-ket-noi')
  disconnect(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('enterpriseId') enterpriseId: string,
    @Param('channel') name: string,
  ): Promise<void> {
    return this.post(req, reply, enterpriseId, name, async ({ r, enterprise, channel, done }) => {
      done(await this.connections.disconnect(r.user, enterprise.id, channel.name));
    });
  }

  @Post(':enterpriseId/:channel/cai-dat')
  settings(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('enterpriseId') enterpriseId: string,
    @Param('channel') name: string,
    @Body() form: Form,
  ): Promise<void> {
    return this.post(req, reply, enterpriseId, name, async ({ r, enterprise, channel, page, done }) => {
      const { value, errors } = await validateBody(ChannelSettingsDto, settingsBody(form));
      if (Object.keys(errors).length) return page({ problem: { section: 'settings', errors, form, status: 400 } });
      try {
        await this.connections.updateSettings(r.user, enterprise.id, channel.name, value);
      } catch (err) {
        if (!(err instanceof DomainError) || !err.details?.length) throw err;
        return page({ problem: { section: 'settings', errors: domainFieldErrors(err), message: err.message, form, status: err.status } });
      }
      done('settings');
    });
  }

  @Post(':enterpriseId/:channel/san-pham')
  products(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('enterpriseId') enterpriseId: string,
    @Param('channel') name: string,
    @Body() form: Form,
  ): Promise<void> {
    return this.post(req, reply, enterpriseId, name, async ({ r, enterprise, channel, page, done }) => {
      const { value, errors } = await validateBody(ChooseProductsDto, { productIds: many(form, 'productIds'), mode: one(form, 'mode') });
      if (Object.keys(errors).length) return page({ problem: { section: 'add', errors, form, status: 400 } });
      try {
        await this.connections.chooseProducts(r.user, enterprise.id, channel.name, value.productIds, value.mode);
      } catch (err) {
        if (!(err instanceof DomainError) || !err.details?.length) throw err;
        return page({ problem: { section: 'add', errors: { productIds: err.details[0].message }, form, status: err.status } });
      }
      done(value.mode === 'add' ? 'added' : 'removed');
    });
  }

  @Post('tin-dang/:id/thu-lai')
  retry(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.pages.handle(req, reply, async (r) => {
      assertCsrf(req);
      const listing = await this.listings.retry(r.user, id);
      this.pages.redirect(r, `${CHANNELS_PATH}/${listing.enterpriseId}/${listing.channel}?done=retried#l-${listing.id}`);
    });
  }

  /**
   * A form post on one enterprise's channel: the form token, then the access check (a stranger
   * gets 403/404 before the form is read), then the channel (404 when unknown).
   */
  private post(req: FastifyRequest, reply: FastifyReply, enterpriseId: string, name: string, work: (p: ChannelPost) => Promise<void>): Promise<void> {
    return this.pages.handle(req, reply, async (r) => {
      assertCsrf(req);
      const enterprise = await this.access.assertCanManage(r.user, enterpriseId);
      const channel = this.channel(name);
      await work({
        r,
        enterprise,
        channel,
        page: (extras) => this.render(r, enterprise, channel.name, extras),
        done: (key) => this.pages.redirect(r, `${CHANNELS_PATH}/${enterprise.id}/${channel.name}?done=${key}`),
      });
    });
  }

  private channel(name: string): Channel {
    const channel = channelByName(name);
    if (!channel) throw new NotFoundError('Kênh bán', 'CHANNEL_NOT_FOUND');
    return channel;
  }

  private async render(r: BusinessRequest, enterprise: EnterpriseEntity, name: string, extras: Extras): Promise<void> {
    const channel = this.channel(name);
    const conn = (await this.connections.list(r.user, enterprise.id)).find((c) => c.channel === channel.name);
    const push = channel.kind === 'push' ? channel : undefined;
    const requested = queryText(r.req, 'state');
    const state = LISTING_FILTERS.find((s) => s === requested);
    const page = queryPage(r.req);
    const [categories, candidates, listings, leftOnMarketplace] = await Promise.all([
      push && conn ? this.categories.tree() : Promise.resolve([]),
      push && conn?.status === 'active' ? this.connections.candidates(r.user, enterprise.id, channel.name) : Promise.resolve({ items: [], total: 0 }),
      push ? this.listings.forEnterprise(r.user, enterprise.id, { channel: channel.name, state, page, pageSize: PAGE_SIZE }) : Promise.resolve(undefined),
      push ? this.listings.leftOnMarketplace(r.user, enterprise.id, channel.name) : Promise.resolve([]),
    ]);
    const title = `${channelName(r.ctx.t, channel.name)} — ${enterprise.displayName}`;
    const body = channelPage(r.ctx, {
      title,
      base: `${CHANNELS_PATH}/${enterprise.id}/${channel.name}`,
      enterpriseId: enterprise.id,
      channel,
      conn,
      now: this.clock.now(),
      csrf: r.csrf,
      done: DONE.find((d) => d === queryText(r.req, 'done')),
      problem: extras.problem,
      issuedFeed: extras.issuedFeed,
      categories,
      candidates,
      listings: listings && { ...listings, state, page },
      leftOnMarketplace,
    });
    this.pages.send(r, title, body, extras.problem?.status ?? 200);
  }
}
