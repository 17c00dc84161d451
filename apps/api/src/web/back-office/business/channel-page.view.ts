import type { CategoryNode } from '@tradefloor/catalog';
import type { EnterpriseEntity } from '@tradefloor/enterprise-profile';
import {
  CHANNELS,
  LISTING_FILTERS,
  type CandidateProductDto,
  type Channel,
  type ChannelConnectionDto,
  type EnterpriseListingDto,
  type FeedUrlsDto,
  type ListingFilter,
  type PushChannel,
} from '@tradefloor/partner-sync';
import { html, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import type { Lang, MessageKey, Translate } from '../../i18n/messages';
import { formatDateTime } from '../../kit/format';
import { pager } from '../../kit/pager';
import { withQuery } from '../../kit/urls';
import { actionButton } from './business.view';
import { addProductsForm, authorizationForm, credentialsForm, feedForm, feedUrls, logisticsLabel, settingsForm, type ChannelProblem } from './channel-forms';
import { CHANNELS_PATH, listingsTable, safePartnerUrl } from './channel-listings.view';
import { channelName, connectionBadge, isPaused } from './channel.view';

export interface ChannelPageData {
  title: string;
  /** Path of this channel page; its forms post below it. */
  base: string;
  enterpriseId: string;
  channel: Channel;
  conn: ChannelConnectionDto | undefined;
  now: Date;
  csrf: () => SafeHtml;
  /** Key of the notice after a successful post. */
  done?: string;
  problem?: ChannelProblem;
  issuedFeed?: FeedUrlsDto;
  categories: CategoryNode[];
  candidates: { items: CandidateProductDto[]; total: number };
  listings?: { items: EnterpriseListingDto[]; total: number; page: number; pageSize: number; state?: ListingFilter };
  /** Items a disconnect could not take off the marketplace. */
  leftOnMarketplace: EnterpriseListingDto[];
}

/** One enterprise on the channels overview: every registered channel, its state and listing counts. */
export function enterpriseCard(t: Translate, lang: Lang, e: EnterpriseEntity, conns: ChannelConnectionDto[], now: Date): SafeHtml {
  return html`<section class="biz-item ch-enterprise" aria-labelledby="e-${e.id}"><h2 id="e-${e.id}">${e.displayName}</h2>
${e.status !== 'verified' ? html`<p class="hint">${t('ch.notVerified')}</p>` : ''}
<ul class="ch-grid">${CHANNELS.map((c) => {
    const conn = conns.find((x) => x.channel === c.name);
    const counts = (conn?.listings ?? []).filter((l) => l.count > 0);
    return html`<li class="ch-card"><h3><a href="${CHANNELS_PATH}/${e.id}/${c.name}">${channelName(lang, c.name)}</a></h3>
<p>${connectionBadge(t, conn, now)}</p>
${
  c.kind === 'push' && counts.length
    ? html`<p class="ch-counts">${t('ch.listings')}: ${counts.map((l, i) => html`${i ? ' · ' : ''}${l.count} ${t(`ch.state.${l.state}` as MessageKey)}`)}</p>`
    : ''
}
</li>`;
  })}</ul></section>`;
}

/** The channel page: connection, the feed's addresses, sync settings, products to add, listings. */
export function channelPage(ctx: PageContext, d: ChannelPageData): SafeHtml {
  const { t } = ctx;
  const push = d.channel.kind === 'push' ? d.channel : undefined;
  const feed = d.issuedFeed ?? d.conn?.feed;
  const problemOf = (section: ChannelProblem['section']) => (d.problem?.section === section ? d.problem : undefined);
  return html`<p><a href="${CHANNELS_PATH}">← ${t('ch.back')}</a></p>
<h1>${d.title}</h1>
${d.done ? html`<p class="alert success" role="status">${t(`ch.done.${d.done}` as MessageKey)}</p>` : ''}
${connectionSection(ctx, d, push)}
${!push && feed ? feedUrls(t, feed, !!d.issuedFeed) : ''}
${d.leftOnMarketplace.length ? leftSection(t, d.leftOnMarketplace) : ''}
${push && d.conn && d.conn.status !== 'disconnecting' ? settingsSection(t, ctx.lang, `${d.base}/cai-dat`, d.csrf(), push, d.conn, d.categories, problemOf('settings')) : ''}
${
  push && d.conn?.status === 'active'
    ? html`<section aria-labelledby="add"><h2 id="add">${t('ch.add.title')}</h2>
${addProductsForm(t, `${d.base}/san-pham`, d.csrf(), d.candidates, problemOf('add'))}</section>`
    : ''
}
${d.listings ? listingsSection(ctx, d, d.listings) : ''}`;
}

function connectionSection(ctx: PageContext, d: ChannelPageData, push: PushChannel | undefined): SafeHtml {
  const { t, lang } = ctx;
  const { conn } = d;
  const problem = d.problem?.section === 'connect' ? d.problem : undefined;
  const action = `${d.base}/ket-noi`;
  const form = !push
    ? feedForm(t, action, d.csrf(), conn?.status === 'active', problem)
    : push.auth.kind === 'credentials'
      ? credentialsForm(t, lang, action, d.csrf(), push, !!conn, problem)
      : authorizationForm(t, lang, action, d.csrf(), push, !!conn && conn.status !== 'pending', problem);
  return html`<section class="biz-status" aria-labelledby="conn"><h2 id="conn">${t('ch.conn.title')}</h2>
<p>${connectionBadge(t, conn, d.now)}</p>
${
  conn
    ? html`<dl class="biz-facts">
${conn.shopId ? html`<dt>${t('ch.conn.shop')}</dt><dd>${conn.shopId}</dd>` : ''}
<dt>${t('ch.conn.since')}</dt><dd>${formatDateTime(lang, conn.connectedAt)}</dd>
${isPaused(conn, d.now) ? html`<dt>${t('ch.conn.pausedUntil')}</dt><dd>${formatDateTime(lang, conn.pausedUntil)}<br><span class="muted">${t('ch.conn.pausedWhy')}</span></dd>` : ''}
${conn.lastReconciledAt ? html`<dt>${t('ch.conn.reconciled')}</dt><dd>${formatDateTime(lang, conn.lastReconciledAt)}</dd>` : ''}
${conn.lastError ? html`<dt>${t('ch.conn.problem')}</dt><dd class="reason">${conn.lastError}</dd>` : ''}
</dl>`
    : ''
}
${
  conn && conn.status !== 'pending' && !problem
    ? html`<details class="ch-reconnect"><summary>${push ? t('ch.connect.reconnect') : t('ch.connect.feed.rotate')}</summary>${form}</details>`
    : form
}
${conn?.status === 'disconnecting' ? disconnectingNote(t, conn) : ''}
${
  conn && conn.status !== 'disconnecting'
    ? html`${push ? html`<p class="hint">${t('ch.disconnect.hint')}</p>` : ''}${actionButton(`${d.base}/ngat-ket-noi`, t('ch.disconnect'), d.csrf(), 'secondary')}`
    : ''
}
</section>`;
}

/** While a disconnect unlists the items: what remains to remove (the page is reloaded by hand; no script). */
function disconnectingNote(t: Translate, conn: ChannelConnectionDto): SafeHtml {
  const left = conn.listings.filter((l) => l.state === 'delisting').reduce((sum, l) => sum + l.count, 0);
  return html`<p class="alert" role="status" data-disconnecting>${t('ch.disconnecting.hint')} ${t('ch.disconnecting.left')}: ${left}.</p>`;
}

/** Items still live on the marketplace after a disconnect, with their link there so the seller can remove them. */
function leftSection(t: Translate, items: EnterpriseListingDto[]): SafeHtml {
  return html`<section class="ch-left" aria-labelledby="left"><h2 id="left">${t('ch.left.title')}</h2>
<p class="alert error">${t('ch.left.intro')}</p>
<ul>${items.map((l) => {
    const link = safePartnerUrl(l.externalUrl);
    return html`<li id="left-${l.id}">${link ? html`<a href="${link}" rel="noopener noreferrer">${l.productName}</a>` : l.productName} <span class="muted">(${l.productSku})</span>${l.lastError ? html`<br><span class="reason">${l.lastError}</span>` : ''}</li>`;
  })}</ul></section>`;
}

/** Collapsed once something is mapped: day to day, sellers come for the listings, not the settings. */
function settingsSection(
  t: Translate,
  lang: Lang,
  action: string,
  csrf: SafeHtml,
  push: PushChannel,
  conn: ChannelConnectionDto,
  categories: CategoryNode[],
  problem?: ChannelProblem,
): SafeHtml {
  const s = conn.settings;
  const mapped = Object.keys(s.categoryMap ?? {}).length;
  return html`<section aria-labelledby="settings"><h2 id="settings">${t('ch.settings.title')}</h2>
<p>${t('ch.settings.mapped')}: ${mapped}${s.logisticsChannelId ? html` · ${logisticsLabel(t, lang, push)}: ${s.logisticsChannelId}` : ''}${s.defaultWeightGrams ? html` · ${t('ch.settings.weight')}: ${s.defaultWeightGrams}` : ''}</p>
<details class="ch-settings"${!mapped || problem ? html` open` : ''}><summary>${t('ch.settings.edit')}</summary>
${settingsForm(t, lang, action, csrf, push, conn, categories, problem)}</details></section>`;
}

function listingsSection(ctx: PageContext, d: ChannelPageData, listings: NonNullable<ChannelPageData['listings']>): SafeHtml {
  const { t } = ctx;
  return html`<section aria-labelledby="listings"><h2 id="listings">${t('ch.list.title')}</h2>
<nav aria-label="${t('ch.list.filter')}"><ul class="chips">
<li><a href="${d.base}#listings"${listings.state ? '' : html` aria-current="page"`}>${t('ch.list.all')}</a></li>
${LISTING_FILTERS.map((s) => html`<li><a href="${d.base}?state=${s}#listings"${s === listings.state ? html` aria-current="page"` : ''}>${t(`ch.state.${s}` as MessageKey)}</a></li>`)}
</ul></nav>
<p class="muted">${t('ch.list.count')}: ${listings.total}</p>
${listingsTable(ctx, d.enterpriseId, d.channel.name, listings.items, d.csrf)}
${pager(ctx.t, { page: listings.page, total: listings.total, pageSize: listings.pageSize, href: (page) => withQuery(d.base, { state: listings.state, page }) })}</section>`;
}

/** /quan-ly/kenh-ban: one card per enterprise with its channels. */
export function channelsOverviewView(t: Translate, cards: SafeHtml[]): SafeHtml {
  return html`<h1>${t('ch.title')}</h1><p>${t('ch.intro')}</p>${cards}`;
}
