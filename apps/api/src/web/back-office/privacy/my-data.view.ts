import type { ConsentListDto, DataExportDto } from '@tradefloor/privacy';
import type { UserDto } from '@tradefloor/identity';
import { field, alert } from '../../html/forms';
import { html, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import { formatDateTime } from '../../kit/format';

export const MY_DATA_PATH = '/quan-ly/du-lieu-cua-toi';

export interface MyDataState {
  user: UserDto;
  consents: ConsentListDto;
  latestExport: DataExportDto | null;
  csrf: () => SafeHtml;
  done?: string;
  problem?: string;
  errors?: Record<string, string | undefined>;
}

/**
 * "Dữ liệu của tôi": consents with one button each (never a checkbox: nothing can be pre-ticked),
 * the export, corrections and closing the account.
 */
export function myDataView(ctx: PageContext, s: MyDataState): SafeHtml {
  const { t, lang } = ctx;
  const e = s.errors ?? {};
  const exp = s.latestExport;
  return html`<h1>${t('pv.title')}</h1>
<p>${t('pv.intro')}</p>
${s.done ? alert(s.done, 'success') : ''}${s.problem ? alert(s.problem) : ''}
<section aria-labelledby="pv-consents"><h2 id="pv-consents">${t('pv.consents')}</h2>
<table><thead><tr><th>${t('pv.purpose')}</th><th>${t('pv.state')}</th><th>${t('pv.changedAt')}</th><th></th></tr></thead><tbody>
${s.consents.items.map(
  (c) => html`<tr data-purpose="${c.purpose}"><td><strong>${c.label}</strong><br><small>${c.description}</small>${
    c.transferCountry ? html`<br><small>${t('pv.transfer')}: ${c.transferCountry}</small>` : ''
  }</td><td>${c.granted ? t('pv.granted') : t('pv.notGranted')}</td><td>${formatDateTime(lang, c.changedAt)}</td>
<td><form method="post" action="${MY_DATA_PATH}/dong-y">${s.csrf()}<input type="hidden" name="purpose" value="${c.purpose}"><input type="hidden" name="granted" value="${c.granted ? 'false' : 'true'}"><button type="submit" class="${c.granted ? 'secondary' : ''}">${c.granted ? t('pv.withdraw') : t('pv.grant')}</button></form></td></tr>`,
)}
</tbody></table></section>
<section aria-labelledby="pv-export"><h2 id="pv-export">${t('pv.export')}</h2>
<p>${t('pv.export.intro')}</p>
${
  exp?.status === 'pending'
    ? html`<p role="status">${t('pv.export.pending')}</p>`
    : exp?.status === 'ready'
      ? html`<p role="status">${t('pv.export.ready')} <strong>${formatDateTime(lang, exp.expiresAt)}</strong>.</p><p><a class="button" href="${MY_DATA_PATH}/xuat/${exp.id}">${t('pv.export.download')}</a></p>`
      : html`${exp ? html`<p>${t('pv.export.gone')}</p>` : ''}<form method="post" action="${MY_DATA_PATH}/xuat">${s.csrf()}<button type="submit">${t('pv.export.start')}</button></form>`
}</section>
<section aria-labelledby="pv-correct"><h2 id="pv-correct">${t('pv.correct')}</h2>
<p>${t('pv.correct.intro')}</p>
<form method="post" action="${MY_DATA_PATH}/thong-tin" novalidate>${s.csrf()}
${field({ name: 'displayName', label: t('auth.displayName'), value: s.user.displayName, error: e.displayName, required: true })}
${field({ name: 'phone', label: t('auth.phone'), value: s.user.phone ?? '', error: e.phone, type: 'tel' })}
<button type="submit">${t('pv.save')}</button></form></section>
<section aria-labelledby="pv-delete"><h2 id="pv-delete">${t('pv.delete')}</h2>
<p>${t('pv.delete.intro')}</p>
<form method="post" action="${MY_DATA_PATH}/xoa-tai-khoan" novalidate>${s.csrf()}
${field({ name: 'password', label: t('pv.delete.password'), type: 'password', error: e.password, required: true, autocomplete: 'current-password' })}
<button type="submit" class="danger">${t('pv.delete.submit')}</button></form></section>`;
}
