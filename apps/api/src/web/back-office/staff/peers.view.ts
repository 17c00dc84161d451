import type { PeerDto } from '@tradefloor/federation';
import { alert, field } from '../../html/forms';
import { html, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import { formatDateTime } from '../../kit/format';
import type { FieldErrors } from '../../session/form-validation';

export const PEERS_PATH = '/quan-ly/san-lien-ket';

export interface PeersData {
  items: PeerDto[];
  done?: string;
  csrf: SafeHtml;
  /** The registration form as submitted, with its errors (400). */
  values?: Record<string, string>;
  errors?: FieldErrors;
}

/** Peer floors (issue 16): their health (last success, last error, items kept), pull now, remove; register one. */
export function peersView(ctx: PageContext, d: PeersData): SafeHtml {
  const { t, lang } = ctx;
  const errors = d.errors ?? {};
  const health = (p: PeerDto) => t(p.health === 'ok' ? 'admin.peers.ok' : p.health === 'failing' ? 'admin.peers.failing' : 'admin.peers.never');
  return html`<h1>${t('admin.peers.title')}</h1>
${alert(d.done, 'success')}
<p class="hint">${t('admin.peers.hint')}</p>
<div class="table-wrap"><table>
<caption>${t('admin.total')}: ${d.items.length}</caption>
<thead><tr><th scope="col">${t('admin.peers.name')}</th><th scope="col">${t('admin.peers.province')}</th><th scope="col">${t('admin.peers.health')}</th><th scope="col">${t('admin.peers.items')}</th><th scope="col">${t('admin.peers.lastSuccess')}</th><th scope="col">${t('admin.peers.lastError')}</th><th scope="col">${t('admin.peers.actions')}</th></tr></thead>
<tbody>${d.items.map(
    (p) => html`<tr data-peer="${p.id}"><td>${p.name}<br><span class="muted">${p.feedUrl}</span></td><td>${p.provinceCode}</td>
<td>${health(p)}${p.failures ? html` (${p.failures})` : ''}</td><td>${p.items}${p.lastRejected ? html` <span class="muted">(${t('admin.peers.rejected')}: ${p.lastRejected})</span>` : ''}</td>
<td>${p.lastSuccessAt ? formatDateTime(lang, p.lastSuccessAt) : '—'}</td>
<td>${p.lastError ? html`${p.lastError}<br><span class="muted">${formatDateTime(lang, p.lastErrorAt)}</span>` : '—'}</td>
<td><form class="button-form" method="post" action="${PEERS_PATH}/${p.id}/keo">${d.csrf}<button type="submit">${t('admin.peers.pull')}</button></form>
<form class="button-form" method="post" action="${PEERS_PATH}/${p.id}/xoa">${d.csrf}<button type="submit" class="secondary">${t('admin.peers.remove')}</button></form></td></tr>`,
  )}</tbody></table></div>
<h2>${t('admin.peers.add')}</h2>
<form method="post" action="${PEERS_PATH}">${d.csrf}
${field({ name: 'name', label: t('admin.peers.name'), value: d.values?.name, error: errors.name, required: true })}
${field({ name: 'provinceCode', label: t('admin.peers.province'), value: d.values?.provinceCode, error: errors.provinceCode, required: true, hint: '92' })}
${field({ name: 'feedUrl', label: t('admin.peers.feedUrl'), type: 'url', value: d.values?.feedUrl, error: errors.feedUrl, required: true, hint: 'https://…/open/v1/products' })}
<p><button type="submit">${t('admin.peers.add')}</button></p>
</form>`;
}
