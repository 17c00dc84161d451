import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CategoriesService } from '@tradefloor/catalog';
import { APP_CONFIG, Clock, DomainError, NotFoundError, type ResolvedConfig } from '@tradefloor/core';
import { EnterpriseAccess, EnterpriseQueries, type EnterpriseEntity } from '@tradefloor/enterprise-profile';
import {
  CHANNELS,
  ChannelSettingsDto,
  ChooseProductsDto,
  ConnectionsService,
  LISTING_FILTERS,
  ListingsService,
  ShopeeCallbackQueryDto,
  channelByName,
  type ChannelConnectionDto,
  type FeedUrlsDto,
  type ListingFilter,
} from '@tradefloor/partner-sync';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../../html/html';
import { layout } from '../../html/layout';
import type { MessageKey } from '../../i18n/messages';
import { pageContext, sendPage } from '../../pages/page-context';
import { assertCsrf } from '../../session/csrf';
import { validateForm } from '../../session/form-validation';
import { pager, queryPage, queryText } from '../admin/staff-page';
import { formatDateTime } from '../admin/format';
import { domainFieldErrors, many, one, validateBody, type Form } from './business-forms';
import { BusinessPages, type BusinessRequest } from './business-pages';
import { actionButton } from './business-view';
import { addProductsForm, credentialsForm, credentialsOf, feedForm, feedUrls, settingsBody, settingsForm, shopeeForm, type ChannelProblem } from './channel-forms';
import { channelName, connectionBadge, isPaused } from './channel-views';
import { CHANNELS_PATH, listingsTable } from './channel-listings';

/** Where Shopee sends the seller back after consent (the path is given to the lib at connect). */
export const SHOPEE_RETURN_PATH = `${CHANNELS_PATH}/uy-quyen-shopee`;
const PAGE_SIZE = 50;
const DONE = ['connected', 'disconnected', 'settings', 'added', 'removed', 'retried'] as const;

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
        return this.pages.send(r, t('ch.title'), html`<h1>${t('ch.title')}</h1><p>${t('ch.needEnterprise')}</p><p><a class="button" href="/quan-ly/doanh-nghiep/moi">${t('biz.ent.create')}</a></p>`);
      }
      const cards = await Promise.all(mine.map(async (e) => this.enterpriseCard(r, e, await this.connections.list(r.user, e.id))));
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
  channelPage(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('enterpriseId') enterpriseId: string, @Param('channel') channel: string): Promise<void> {
    return this.pages.handle(req, reply, async (r) => this.render(r, await this.access.assertCanManage(r.user, enterpriseId), channel, {}));
  }

  @Post(':enterpriseId/:channel/ket-noi')
  connect(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('enterpriseId') enterpriseId: string, @Param('channel') name: string, @Body() form: Form): Promise<void> {
    return this.pages.handle(req, reply, async (r) => {
      assertCsrf(req);
      const enterprise = await this.access.assertCanManage(r.user, enterpriseId);
      const channel = this.channel(name);
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
        if (result.feed) return this.render(r, enterprise, channel.name, { issuedFeed: result.feed });
        this.pages.redirect(r, `${CHANNELS_PATH}/${enterprise.id}/${channel.name}?done=connected`);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        // Only non-secret fields are kept for the form; passwords and secrets are typed again.
        const problem: ChannelProblem = { section: 'connect', errors: domainFieldErrors(err), message: err.message, form, status: err.status };
        return this.render(r, enterprise, channel.name, { problem });
      }
    });
  }

  @Post(':enterpriseId/:channel/ngat-ket-noi')
  disconnect(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('enterpriseId') enterpriseId: string, @Param('channel') name: string): Promise<void> {
    return this.pages.handle(req, reply, async (r) => {
      assertCsrf(req);
      const enterprise = await this.access.assertCanManage(r.user, enterpriseId);
      const channel = this.channel(name);
      await this.connections.disconnect(r.user, enterprise.id, channel.name);
      this.pages.redirect(r, `${CHANNELS_PATH}/${enterprise.id}/${channel.name}?done=disconnected`);
    });
  }

  @Post(':enterpriseId/:channel/cai-dat')
  settings(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('enterpriseId') enterpriseId: string, @Param('channel') name: string, @Body() form: Form): Promise<void> {
    return this.pages.handle(req, reply, async (r) => {
      assertCsrf(req);
      const enterprise = await this.access.assertCanManage(r.user, enterpriseId);
      const channel = this.channel(name);
      const { value, errors } = await validateBody(ChannelSettingsDto, settingsBody(form));
      if (Object.keys(errors).length) return this.render(r, enterprise, channel.name, { problem: { section: 'settings', errors, form, status: 400 } });
      try {
        await this.connections.updateSettings(r.user, enterprise.id, channel.name, value);
      } catch (err) {
        if (!(err instanceof DomainError) || !err.details?.length) throw err;
        return this.render(r, enterprise, channel.name, { problem: { section: 'settings', errors: domainFieldErrors(err), message: err.message, form, status: err.status } });
      }
      this.pages.redirect(r, `${CHANNELS_PATH}/${enterprise.id}/${channel.name}?done=settings`);
    });
  }

  @Post(':enterpriseId/:channel/san-pham')
  products(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('enterpriseId') enterpriseId: string, @Param('channel') name: string, @Body() form: Form): Promise<void> {
    return this.pages.handle(req, reply, async (r) => {
      assertCsrf(req);
      const enterprise = await this.access.assertCanManage(r.user, enterpriseId);
      const channel = this.channel(name);
      const { value, errors } = await validateBody(ChooseProductsDto, { productIds: many(form, 'productIds'), mode: one(form, 'mode') });
      if (Object.keys(errors).length) return this.render(r, enterprise, channel.name, { problem: { section: 'add', errors, form, status: 400 } });
      try {
        await this.connections.chooseProducts(r.user, enterprise.id, channel.name, value.productIds, value.mode);
      } catch (err) {
        if (!(err instanceof DomainError) || !err.details?.length) throw err;
        return this.render(r, enterprise, channel.name, { problem: { section: 'add', errors: { productIds: err.details[0].message }, form, status: err.status } });
      }
      this.pages.redirect(r, `${CHANNELS_PATH}/${enterprise.id}/${channel.name}?done=${value.mode === 'add' ? 'added' : 'removed'}`);
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

  private channel(name: string) {
    const channel = channelByName(name);
    if (!channel) throw new NotFoundError('Kênh bán', 'CHANNEL_NOT_FOUND');
    return channel;
  }

  private enterpriseCard(r: BusinessRequest, e: EnterpriseEntity, conns: ChannelConnectionDto[]): SafeHtml {
    const { t } = r.ctx;
    const now = this.clock.now();
    return html`<section class="biz-item ch-enterprise" aria-labelledby="e-${e.id}"><h2 id="e-${e.id}">${e.displayName}</h2>
${e.status !== 'verified' ? html`<p class="hint">${t('ch.notVerified')}</p>` : ''}
<ul class="ch-grid">${CHANNELS.map((c) => {
      const conn = conns.find((x) => x.channel === c.name);
      const counts = (conn?.listings ?? []).filter((l) => l.count > 0);
      return html`<li class="ch-card"><h3><a href="${CHANNELS_PATH}/${e.id}/${c.name}">${channelName(t, c.name)}</a></h3>
<p>${connectionBadge(t, conn, now)}</p>
${c.kind === 'push' && counts.length
  ? html`<p class="ch-counts">${t('ch.listings')}: ${counts.map((l, i) => html`${i ? ' · ' : ''}${l.count} ${t(`ch.state.${l.state}` as MessageKey)}`)}</p>`
  : ''}
</li>`;
    })}</ul></section>`;
  }

  private async render(r: BusinessRequest, enterprise: EnterpriseEntity, name: string, extras: Extras): Promise<void> {
    const { t, lang } = r.ctx;
    const channel = this.channel(name);
    const now = this.clock.now();
    const conn = (await this.connections.list(r.user, enterprise.id)).find((c) => c.channel === channel.name);
    const push = channel.kind === 'push' ? channel : undefined;
    const active = conn?.status === 'active';
    const base = `${CHANNELS_PATH}/${enterprise.id}/${channel.name}`;
    const problem = extras.problem;
    const csrf = r.csrf();
    const requested = queryText(r.req, 'state');
    const state = LISTING_FILTERS.find((s) => s === requested) as ListingFilter | undefined;
    const page = queryPage(r.req);
    const [categories, candidates, listings] = await Promise.all([
      push && conn ? this.categories.tree() : Promise.resolve([]),
      push && active ? this.connections.candidates(r.user, enterprise.id, channel.name) : Promise.resolve({ items: [], total: 0 }),
      push ? this.listings.forEnterprise(r.user, enterprise.id, { channel: channel.name, state, page, pageSize: PAGE_SIZE }) : Promise.resolve(undefined),
    ]);
    const doneKey = DONE.find((d) => d === queryText(r.req, 'done'));
    const title = `${channelName(t, channel.name)} — ${enterprise.displayName}`;

    const connectForm = !push
      ? feedForm(t, `${base}/ket-noi`, csrf, active, problem?.section === 'connect' ? problem : undefined)
      : push.credentialFields.length
        ? credentialsForm(t, `${base}/ket-noi`, csrf, push, !!conn, problem?.section === 'connect' ? problem : undefined)
        : shopeeForm(t, `${base}/ket-noi`, csrf, !!conn && conn.status !== 'pending', problem?.section === 'connect' ? problem : undefined);

    const body = html`<p><a href="${CHANNELS_PATH}">← ${t('ch.back')}</a></p>
<h1>${title}</h1>
${doneKey ? html`<p class="alert success" role="status">${t(`ch.done.${doneKey}` as MessageKey)}</p>` : ''}
<section class="biz-status" aria-labelledby="conn"><h2 id="conn">${t('ch.conn.title')}</h2>
<p>${connectionBadge(t, conn, now)}</p>
${conn
  ? html`<dl class="biz-facts">
${conn.shopId ? html`<dt>${t('ch.conn.shop')}</dt><dd>${conn.shopId}</dd>` : ''}
<dt>${t('ch.conn.since')}</dt><dd>${formatDateTime(lang, conn.connectedAt)}</dd>
${isPaused(conn, now) ? html`<dt>${t('ch.conn.pausedUntil')}</dt><dd>${formatDateTime(lang, conn.pausedUntil)}<br><span class="muted">${t('ch.conn.pausedWhy')}</span></dd>` : ''}
${conn.lastReconciledAt ? html`<dt>${t('ch.conn.reconciled')}</dt><dd>${formatDateTime(lang, conn.lastReconciledAt)}</dd>` : ''}
${conn.lastError ? html`<dt>${t('ch.conn.problem')}</dt><dd class="reason">${conn.lastError}</dd>` : ''}
</dl>`
  : ''}
${conn && conn.status !== 'pending' && problem?.section !== 'connect'
  ? html`<details class="ch-reconnect"><summary>${push ? t('ch.connect.reconnect') : t('ch.connect.feed.rotate')}</summary>${connectForm}</details>`
  : connectForm}
${conn ? html`${push ? html`<p class="hint">${t('ch.disconnect.hint')}</p>` : ''}${actionButton(`${base}/ngat-ket-noi`, t('ch.disconnect'), csrf, 'secondary')}` : ''}
</section>
${!push && (extras.issuedFeed ?? conn?.feed) ? feedUrls(t, (extras.issuedFeed ?? conn?.feed)!, !!extras.issuedFeed) : ''}
${push && conn
  ? html`<section aria-labelledby="settings"><h2 id="settings">${t('ch.settings.title')}</h2>
${settingsForm(t, `${base}/cai-dat`, csrf, push, conn, categories, problem?.section === 'settings' ? problem : undefined)}</section>`
  : ''}
${push && active
  ? html`<section aria-labelledby="add"><h2 id="add">${t('ch.add.title')}</h2>
${addProductsForm(t, `${base}/san-pham`, csrf, candidates, problem?.section === 'add' ? problem : undefined)}</section>`
  : ''}
${listings
  ? html`<section aria-labelledby="listings"><h2 id="listings">${t('ch.list.title')}</h2>
<nav aria-label="${t('ch.list.filter')}"><ul class="chips">
<li><a href="${base}#listings"${state ? '' : html` aria-current="page"`}>${t('ch.list.all')}</a></li>
${LISTING_FILTERS.map((s) => html`<li><a href="${base}?state=${s}#listings"${s === state ? html` aria-current="page"` : ''}>${t(`ch.state.${s}` as MessageKey)}</a></li>`)}
</ul></nav>
<p class="muted">${t('ch.list.count')}: ${listings.total}</p>
${listingsTable(r.ctx, enterprise.id, channel.name, listings.items, r.csrf)}
${pager(r.ctx, base, page, PAGE_SIZE, listings.total, { state: state ?? '' })}</section>`
  : ''}`;
    this.pages.send(r, title, body, problem?.status ?? 200);
  }
}
