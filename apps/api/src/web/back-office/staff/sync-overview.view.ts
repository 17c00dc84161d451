import { CHANNELS, LISTING_STATES, type SyncOverviewDto } from '@tradefloor/partner-sync';
import { alert } from '../../html/forms';
import { html, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import { scrollRegion } from '../../html/scroll-region';
import type { MessageKey } from '../../i18n/messages';
import { formatDateTime, formatNumber } from '../../kit/format';
import { channelName, listingStateBadge, readableError } from '../business/channel.view';

export const SYNC_PATH = '/quan-ly/dong-bo';
const PATH = SYNC_PATH;
/** Channels that hold listings (the feed is pulled, it has none). */
export const PUSH_CHANNELS = CHANNELS.filter((c) => c.kind === 'push').map((c) => c.name);

/**
 * Partner sync for admins: listings per state and channel, dead letters with their reasons and
 * retry (one, or every one of a channel), paused and broken connections.
 */
export function syncOverviewView(
  ctx: PageContext,
  overview: SyncOverviewDto,
  page: { now: Date; csrf: () => SafeHtml; done?: string; message?: string },
): SafeHtml {
  const { t, lang } = ctx;
  const { csrf } = page;
  const paused = overview.connectionProblems.filter((p) => p.status === 'active' && p.pausedUntil && new Date(p.pausedUntil) > page.now);
  const others = overview.connectionProblems.filter((p) => !paused.includes(p));
  return html`<h1>${t('ch.admin.title')}</h1>
${alert(page.done, 'success')}${alert(page.message)}
${countsTable(ctx, overview)}
<h2 id="dead-channels">${t('ch.admin.deadByChannel')}</h2>
${scrollRegion(
  'dead-channels',
  html`<table aria-labelledby="dead-channels"><thead><tr><th scope="col">${t('ch.admin.channel')}</th><th scope="col" class="num">${t('ch.admin.total')}</th><th scope="col">${t('ch.list.actions')}</th></tr></thead>
<tbody>${PUSH_CHANNELS.map((c) => {
    const n = overview.deadByChannel.find((d) => d.channel === c)?.count ?? 0;
    return html`<tr><th scope="row">${channelName(lang, c)}</th><td class="num" data-dead="${c}">${formatNumber(lang, n)}</td>
<td>${n ? html`<form class="button-form" method="post" action="${PATH}/${c}/thu-lai-tat-ca">${csrf()}<button type="submit" aria-label="${t('ch.admin.retryAll')}: ${channelName(lang, c)}">${t('ch.admin.retryAll')}</button></form>` : '—'}</td></tr>`;
  })}</tbody></table>`,
)}
<h2>${t('ch.admin.paused')}</h2>
${
  paused.length
    ? html`<div class="table-wrap"><table><thead><tr><th scope="col">${t('ch.admin.enterprise')}</th><th scope="col">${t('ch.admin.channel')}</th><th scope="col">${t('ch.admin.resumes')}</th><th scope="col">${t('ch.admin.reason')}</th></tr></thead>
<tbody>${paused.map((p) => html`<tr data-paused="${p.enterpriseId}:${p.channel}"><td>${p.enterpriseName}</td><td>${channelName(lang, p.channel)}</td><td>${formatDateTime(lang, p.pausedUntil)}</td><td>${p.lastError ?? ''}</td></tr>`)}</tbody></table></div>`
    : html`<p>${t('ch.admin.pausedNone')}</p>`
}
<h2>${t('ch.admin.problems')}</h2>
${
  others.length
    ? html`<div class="table-wrap"><table><thead><tr><th scope="col">${t('ch.admin.enterprise')}</th><th scope="col">${t('ch.admin.channel')}</th><th scope="col">${t('ch.admin.status')}</th><th scope="col">${t('ch.admin.reason')}</th></tr></thead>
<tbody>${others.map((p) => html`<tr><td>${p.enterpriseName}</td><td>${channelName(lang, p.channel)}</td><td>${p.status === 'needs_reauth' ? t('ch.conn.needs_reauth') : t('ch.conn.active')}</td><td>${p.lastError ?? ''}</td></tr>`)}</tbody></table></div>`
    : html`<p>${t('ch.admin.problemsNone')}</p>`
}
${deadLetters(ctx, overview, csrf)}`;
}

/** Listings per state (rows) and channel (columns), with totals; every cell names its channel and state. */
function countsTable(ctx: PageContext, overview: SyncOverviewDto): SafeHtml {
  const { t, lang } = ctx;
  const count = (channel: string, state: string) => overview.counts.find((c) => c.channel === channel && c.state === state)?.count ?? 0;
  const channelTotal = (channel: string) => LISTING_STATES.reduce((sum, s) => sum + count(channel, s), 0);
  return html`<h2 id="counts">${t('ch.admin.counts')}</h2>
${scrollRegion(
  'counts',
  html`<table aria-labelledby="counts"><thead><tr><th scope="col">${t('ch.list.state')}</th>
${PUSH_CHANNELS.map((c) => html`<th scope="col" class="num">${channelName(lang, c)}</th>`)}<th scope="col" class="num">${t('ch.admin.total')}</th></tr></thead>
<tbody>${LISTING_STATES.map(
    (s) => html`<tr><th scope="row">${t(`ch.state.${s}` as MessageKey)}</th>
${PUSH_CHANNELS.map((c) => html`<td class="num" data-count="${c}:${s}">${formatNumber(lang, count(c, s))}</td>`)}
<td class="num" data-count="all:${s}">${formatNumber(
      lang,
      PUSH_CHANNELS.reduce((sum, c) => sum + count(c, s), 0),
    )}</td></tr>`,
  )}
<tr><th scope="row">${t('ch.admin.total')}</th>${PUSH_CHANNELS.map((c) => html`<td class="num" data-count="${c}:all">${formatNumber(lang, channelTotal(c))}</td>`)}
<td class="num" data-count="all:all">${formatNumber(
    lang,
    PUSH_CHANNELS.reduce((sum, c) => sum + channelTotal(c), 0),
  )}</td></tr></tbody></table>`,
)}`;
}

function deadLetters(ctx: PageContext, overview: SyncOverviewDto, csrf: () => SafeHtml): SafeHtml {
  const { t, lang } = ctx;
  if (!overview.deadLetters.length) return html`<h2>${t('ch.admin.dead')}</h2><p>${t('ch.admin.deadNone')}</p>`;
  return html`<h2 id="dead">${t('ch.admin.dead')}</h2>
<p class="muted">${t('ch.admin.deadShown')}: ${formatNumber(lang, overview.deadLetters.length)} / ${formatNumber(lang, overview.deadLetterTotal)}</p>
<div class="table-wrap"><table aria-labelledby="dead"><thead><tr><th scope="col">${t('ch.list.product')}</th><th scope="col">${t('ch.admin.enterprise')}</th>
<th scope="col">${t('ch.admin.channel')}</th><th scope="col">${t('ch.list.state')}</th><th scope="col">${t('ch.admin.reason')}</th><th scope="col">${t('ch.admin.at')}</th><th scope="col">${t('ch.list.actions')}</th></tr></thead>
<tbody>${overview.deadLetters.map(
    (d) => html`<tr id="l-${d.listingId}"><th scope="row">${d.productName}</th><td>${d.enterpriseName}</td><td>${channelName(lang, d.channel)}</td>
<td>${listingStateBadge(t, d.state, true)}</td><td>${readableError(t, d.errorClass, d.reason, false)}</td><td>${formatDateTime(lang, d.at)}</td>
<td><form class="button-form" method="post" action="${PATH}/tin-dang/${d.listingId}/thu-lai">${csrf()}<button type="submit" aria-label="${t('ch.list.retry')}: ${d.productName}">${t('ch.list.retry')}</button></form></td></tr>`,
  )}</tbody></table></div>`;
}
