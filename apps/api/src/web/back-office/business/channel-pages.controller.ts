import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { domainFieldErrors, validateBody } from '../../session/form-validation';
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
  browserKeyCookie,
  browserKeyFor,
  channelByName,
  readBrowserKey,
  type Channel,
  type FeedUrlsDto,
} from '@tradefloor/partner-sync';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SafeHtml } from '../../html/html';
import { authorizationFailedView, authorizationReturnView, continueAuthorizationView } from './channel-auth-return.view';
import { errorText } from '../../i18n/error-text';
import { layout } from '../../html/layout';
import { pageContext, sendPage } from '../../kit/page-context';
import { WebSession } from '../../session/web-session.service';
import { queryPage, queryText } from '../../kit/query';
import { many, one, type Form } from './business-forms';
import { BackOffice, SELLERS, type BackOfficeRequest } from '../back-office';
import { credentialsOf, forChannel, settingsBody, type ChannelProblem } from './channel-forms';
import { CHANNELS_PATH } from './channel-listings.view';
import { needEnterpriseView } from './business.view';
import { channelPage, channelsOverviewView, enterpriseCard } from './channel-page.view';
import { channelName } from './channel.view';

/**
 * Where a partner sends the seller back after consent: given to the lib at connect, or registered
 * with the partner when its redirect is fixed (docs/partners/).
 */
export const returnPath = (channel: string) => `${CHANNELS_PATH}/uy-quyen-${channel}`;
/** Marks the second visit of the return page, after it re-navigated to pick up the session cookies. */
const RETRIED = '_lai';
const PAGE_SIZE = 50;

/** Set-Cookie headers already on the reply (a renewed session, the form token), kept beside ours. */
function setCookies(reply: FastifyReply): string[] {
  const existing = reply.getHeader('set-cookie');
  return Array.isArray(existing) ? existing.map(String) : existing ? [String(existing)] : [];
}
const DONE = ['connected', 'disconnected', 'disconnecting', 'settings', 'added', 'removed', 'retried'] as const;

interface ChannelPost {
  r: BackOfficeRequest;
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
 * A seller's sales channels: per enterprise every registered channel with its state; per channel
 * the connection (the partner's consent page, credentials, or the feed — as the channel declares),
 * sync settings, the products chosen and the listings table with retry. Every action goes through
 * the partner-sync services.
 */
@ApiExcludeController()
@Controller('quan-ly/kenh-ban')
export class ChannelPagesController {
  constructor(
    private readonly bo: BackOffice,
    private readonly connections: ConnectionsService,
    private readonly listings: ListingsService,
    private readonly enterprises: EnterpriseQueries,
    private readonly access: EnterpriseAccess,
    private readonly categories: CategoriesService,
    private readonly session: WebSession,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  @Get()
  overview(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, SELLERS, async (r) => {
      const { t } = r.ctx;
      const mine = (await this.enterprises.mine(r.user.id)).map((m) => m.enterprise);
      if (!mine.length) {
        return this.bo.send(r, t('ch.title'), needEnterpriseView(t, 'ch.title', 'ch.needEnterprise'));
      }
      const now = this.clock.now();
      const cards = await Promise.all(mine.map(async (e) => enterpriseCard(t, r.ctx.lang, e, await this.connections.list(r.user, e.id), now)));
      this.bo.send(r, t('ch.title'), channelsOverviewView(t, cards));
    });
  }

  /**
   * A partner brings the seller back here with its code and our `state`. The flow must end in the
   * browser and account that started it (cookie + session; AuthorizationFlow checks both). The
   * return is a cross-site navigation, which does not carry the Strict session cookie: without a
   * session, the page first re-opens itself (a same-site navigation that does).
   */
  @Get('uy-quyen-:channel')
  async authorizationReturn(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('channel') name: string): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const channel = channelByName(name);
    if (!channel || channel.kind !== 'push' || channel.auth.kind !== 'authorization-code') throw new NotFoundError('Kênh bán', 'CHANNEL_NOT_FOUND');
    const page = (status: number, heading: string, body: SafeHtml) =>
      sendPage(reply, layout(ctx, { title: heading, description: heading, path: ctx.currentPath }, authorizationReturnView(heading, body)), status, 'private');
    const fail = (status: number, message: string) =>
      page(
        status,
        forChannel(ctx.t('ch.auth.failed'), ctx.lang, channel.name),
        authorizationFailedView(ctx.t, message, forChannel(ctx.t('ch.auth.again'), ctx.lang, channel.name)),
      );
    const query = req.query as Record<string, unknown>;
    const user = await this.session.principal(req, reply);
    if (!user) {
      if (query[RETRIED] === '1') return fail(401, ctx.t('ch.auth.signIn'));
      const again = new URL(req.url, this.config.publicBaseUrl);
      again.searchParams.set(RETRIED, '1');
      const next = `${again.pathname}${again.search}`;
      void reply.header('refresh', `0;url=${next}`);
      return page(200, ctx.t('ch.auth.continuing'), continueAuthorizationView(ctx.t, next));
    }
    try {
      const done = await this.connections.completeAuthorization(channel.name, query, {
        principal: user,
        browserKey: readBrowserKey(req.headers.cookie, ctx.secure),
      });
      void reply.redirect(`${CHANNELS_PATH}/${done.enterpriseId}/${channel.name}?done=connected`, 303);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      fail(err.status, err.details?.length ? ctx.t('ch.auth.invalid') : errorText(ctx.lang, err));
    }
  }

  @Get(':enterpriseId/:channel')
  channelPage(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('enterpriseId') enterpriseId: string,
    @Param('channel') channel: string,
  ): Promise<void> {
    return this.bo.page(req, reply, SELLERS, async (r) => this.render(r, await this.access.assertCanManage(r.user, enterpriseId), channel, {}));
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
      const credentials = push?.auth.kind === 'credentials' ? credentialsOf(push, form) : undefined;
      const browserKey = browserKeyFor(r.req.headers.cookie, r.ctx.secure);
      try {
        const result = await this.connections.connect(
          r.user,
          enterprise.id,
          {
            channel: channel.name,
            credentials,
            feedToken: channel.kind === 'pull' ? one(form, 'feedPublic') !== '1' : undefined,
            shareConsent: one(form, 'shareConsent') === '1',
          },
          { browserKey, returnPath: returnPath(channel.name), via: 'web' },
        );
        if (result.authorizationUrl) {
          void r.reply.header('set-cookie', [...setCookies(r.reply), browserKeyCookie(browserKey, r.ctx.secure)]);
          return void r.reply.redirect(result.authorizationUrl, 303);
        }
        // The feed's token exists only in this answer: show it now instead of redirecting.
        if (result.feed) return page({ issuedFeed: result.feed });
        done('connected');
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        // The form keeps what was typed for the page, which never echoes secret fields.
        return page({
          problem: { section: 'connect', errors: domainFieldErrors(err, r.ctx.lang), message: errorText(r.ctx.lang, err), form, status: err.status },
        });
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
      const { value, errors } = await validateBody(ChannelSettingsDto, settingsBody(form), r.ctx.lang);
      if (Object.keys(errors).length) return page({ problem: { section: 'settings', errors, form, status: 400 } });
      try {
        await this.connections.updateSettings(r.user, enterprise.id, channel.name, value);
      } catch (err) {
        if (!(err instanceof DomainError) || !err.details?.length) throw err;
        return page({
          problem: { section: 'settings', errors: domainFieldErrors(err, r.ctx.lang), message: errorText(r.ctx.lang, err), form, status: err.status },
        });
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
      const { value, errors } = await validateBody(ChooseProductsDto, { productIds: many(form, 'productIds'), mode: one(form, 'mode') }, r.ctx.lang);
      if (Object.keys(errors).length) return page({ problem: { section: 'add', errors, form, status: 400 } });
      try {
        await this.connections.chooseProducts(r.user, enterprise.id, channel.name, value.productIds, value.mode);
      } catch (err) {
        if (!(err instanceof DomainError) || !err.details?.length) throw err;
        return page({ problem: { section: 'add', errors: { productIds: Object.values(domainFieldErrors(err, r.ctx.lang))[0] }, form, status: err.status } });
      }
      done(value.mode === 'add' ? 'added' : 'removed');
    });
  }

  @Post('tin-dang/:id/thu-lai')
  retry(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.bo.form(req, reply, SELLERS, async (r) => {
      const listing = await this.listings.retry(r.user, id);
      this.bo.redirect(r, `${CHANNELS_PATH}/${listing.enterpriseId}/${listing.channel}?done=retried#l-${listing.id}`);
    });
  }

  /**
   * A form post on one enterprise's channel: the form token, then the access check (a stranger
   * gets 403/404 before the form is read), then the channel (404 when unknown).
   */
  private post(req: FastifyRequest, reply: FastifyReply, enterpriseId: string, name: string, work: (p: ChannelPost) => Promise<void>): Promise<void> {
    return this.bo.form(req, reply, SELLERS, async (r) => {
      const enterprise = await this.access.assertCanManage(r.user, enterpriseId);
      const channel = this.channel(name);
      await work({
        r,
        enterprise,
        channel,
        page: (extras) => this.render(r, enterprise, channel.name, extras),
        done: (key) => this.bo.redirect(r, `${CHANNELS_PATH}/${enterprise.id}/${channel.name}?done=${key}`),
      });
    });
  }

  private channel(name: string): Channel {
    const channel = channelByName(name);
    if (!channel) throw new NotFoundError('Kênh bán', 'CHANNEL_NOT_FOUND');
    return channel;
  }

  private async render(r: BackOfficeRequest, enterprise: EnterpriseEntity, name: string, extras: Extras): Promise<void> {
    const channel = this.channel(name);
    const conn = (await this.connections.list(r.user, enterprise.id)).find((c) => c.channel === channel.name);
    const push = channel.kind === 'push' ? channel : undefined;
    const requested = queryText(r.req.query, 'state');
    const state = LISTING_FILTERS.find((s) => s === requested);
    const page = queryPage(r.req.query);
    const [categories, candidates, listings, leftOnMarketplace] = await Promise.all([
      push && conn ? this.categories.tree() : Promise.resolve([]),
      push && conn?.status === 'active' ? this.connections.candidates(r.user, enterprise.id, channel.name) : Promise.resolve({ items: [], total: 0 }),
      push ? this.listings.forEnterprise(r.user, enterprise.id, { channel: channel.name, state, page, pageSize: PAGE_SIZE }) : Promise.resolve(undefined),
      push ? this.listings.leftOnMarketplace(r.user, enterprise.id, channel.name) : Promise.resolve([]),
    ]);
    const title = `${channelName(r.ctx.lang, channel.name)} — ${enterprise.displayName}`;
    const body = channelPage(r.ctx, {
      title,
      base: `${CHANNELS_PATH}/${enterprise.id}/${channel.name}`,
      enterpriseId: enterprise.id,
      channel,
      conn,
      now: this.clock.now(),
      csrf: r.csrf,
      done: DONE.find((d) => d === queryText(r.req.query, 'done')),
      problem: extras.problem,
      issuedFeed: extras.issuedFeed,
      categories,
      candidates,
      listings: listings && { ...listings, state, page },
      leftOnMarketplace,
    });
    this.bo.send(r, title, body, extras.problem?.status ?? 200);
  }
}
