import type { EnterpriseListingDto } from '@tradefloor/partner-sync';
import { html, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import { formatDateTime } from '../../kit/format';
import { readableError, listingStateBadge } from './channel.view';

export const CHANNELS_PATH = '/quan-ly/kenh-ban';

/** Only web addresses become links: a partner's URL is data we did not write. */
export function safePartnerUrl(url: string | null): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

/** One enterprise's listings on one channel, with retry for what a person may retry and removal. */
export function listingsTable(ctx: PageContext, enterpriseId: string, channel: string, items: EnterpriseListingDto[], csrf: () => SafeHtml): SafeHtml {
  const { t, lang } = ctx;
  if (!items.length) return html`<p>${t('ch.list.empty')}</p>`;
  return html`<div class="table-scroll"><table class="biz-table ch-listings" aria-labelledby="listings">
<thead><tr><th scope="col">${t('ch.list.product')}</th><th scope="col">${t('ch.list.state')}</th><th scope="col">${t('ch.list.error')}</th>
<th scope="col">${t('ch.list.link')}</th><th scope="col">${t('ch.list.synced')}</th><th scope="col">${t('ch.list.actions')}</th></tr></thead>
<tbody>${items.map((l) => {
    const link = safePartnerUrl(l.externalUrl);
    return html`<tr id="l-${l.id}" data-state="${l.state}"${l.deadLettered || l.state === 'rejected' || l.state === 'failed' ? html` class="bad"` : ''}>
<th scope="row"><a href="/quan-ly/san-pham/${l.productId}">${l.productName}</a><br><span class="muted">${l.productSku}</span>${l.selected ? '' : html`<br><span class="muted">${t('ch.list.removed')}</span>`}</th>
<td data-label="${t('ch.list.state')}">${listingStateBadge(t, l.state, l.deadLettered)}</td>
<td data-label="${t('ch.list.error')}">${l.errorClass || l.lastError ? readableError(t, l.errorClass, l.lastError, l.deadLettered) : '—'}</td>
<td data-label="${t('ch.list.link')}">${link ? html`<a href="${link}" rel="noopener noreferrer">${t('ch.list.view')}</a>` : '—'}</td>
<td data-label="${t('ch.list.synced')}">${l.lastSyncedAt ? formatDateTime(lang, l.lastSyncedAt) : t('ch.list.never')}</td>
<td><div class="actions">
${l.retryable ? html`<form class="button-form" method="post" action="${CHANNELS_PATH}/tin-dang/${l.id}/thu-lai">${csrf()}<button type="submit" aria-label="${t('ch.list.retry')}: ${l.productName}">${t('ch.list.retry')}</button></form>` : ''}
${
  l.selected
    ? html`<form class="button-form" method="post" action="${CHANNELS_PATH}/${enterpriseId}/${channel}/san-pham">${csrf()}<input type="hidden" name="mode" value="remove"><input type="hidden" name="productIds" value="${l.productId}"><button type="submit" class="secondary" aria-label="${t('ch.list.remove')}: ${l.productName}">${t('ch.list.remove')}</button></form>`
    : ''
}
</div></td></tr>`;
  })}</tbody></table></div>`;
}
