import type { CommuneDirectory, EnterpriseEntity, EnterpriseMembers } from '@tradefloor/enterprise-profile';
import type { Principal } from '@tradefloor/identity';
import { field } from '../../html/forms';
import { html, type SafeHtml } from '../../html/html';
import type { MessageKey, Translate } from '../../i18n/messages';
import { formatDate } from '../../kit/format';
import type { FieldErrors } from '../../session/form-validation';
import { errorSummary, type Form } from './business-forms';
import { actionButton, statusBadge } from './business.view';
import { renderEnterpriseForm } from './enterprise-form';

export const ENTERPRISES_PATH = '/quan-ly/doanh-nghiep';
const BASE = ENTERPRISES_PATH;

/** The seller's enterprises with their state and next step. */
export function enterpriseListView(t: Translate, enterprises: EnterpriseEntity[]): SafeHtml {
  const mine = enterprises.map((enterprise) => ({ enterprise }));
  return html`<h1>${t('biz.ent.title')}</h1>
<p><a class="button" href="${BASE}/moi">${t('biz.ent.create')}</a></p>
${
  mine.length
    ? html`<ul class="biz-list">${mine.map(
        ({ enterprise: e }) => html`<li class="biz-item"><h2><a href="${BASE}/${e.id}">${e.displayName}</a></h2>
${statusBadge(t, 'ent', e.status)} ${e.status === 'rejected' && e.rejectionReason ? html`<p class="reason">${t('biz.rejectedBecause')}: ${e.rejectionReason}</p>` : ''}
<p class="muted">${t(`biz.ent.next.${e.status}` as MessageKey)}</p></li>`,
      )}</ul>`
    : html`<p>${t('biz.ent.none')}</p>`
}`;
}

export interface EnterpriseDetailData {
  staff: Awaited<ReturnType<EnterpriseMembers['list']>>;
  communeName?: string;
  isOwner: boolean;
  viewer: Principal;
  notice?: string;
  canSubmit: boolean;
  errors: FieldErrors;
  email?: string;
  csrf: SafeHtml;
}

/** One enterprise: state and next step, identity facts (a personal id masked for staff), members. */
export function enterpriseDetailView(t: Translate, e: EnterpriseEntity, d: EnterpriseDetailData): SafeHtml {
  const { staff, isOwner, viewer, notice, canSubmit, errors, email, csrf } = d;
  const commune = d.communeName ? { name: d.communeName } : undefined;
  return html`<h1>${e.displayName}</h1>
${notice ? html`<p class="alert success" role="status">${notice}</p>` : ''}
<section class="biz-status" aria-labelledby="st"><h2 id="st">${t('biz.status')}</h2>
<p>${statusBadge(t, 'ent', e.status)}</p>
${e.status === 'rejected' && e.rejectionReason ? html`<p class="reason">${t('biz.rejectedBecause')}: ${e.rejectionReason}</p>` : ''}
${e.status === 'suspended' && e.suspensionReason ? html`<p class="reason">${e.suspensionReason}</p>` : ''}
<p>${t(`biz.ent.next.${e.status}` as MessageKey)}</p>
<div class="actions">
${canSubmit ? actionButton(`${BASE}/${e.id}/gui-xac-minh`, t('biz.ent.submit'), csrf) : ''}
<a class="button secondary" href="${BASE}/${e.id}/sua">${t('biz.edit')}</a>
<a class="button secondary" href="/quan-ly/san-pham?dn=${e.id}">${t('biz.ent.products')}</a>
</div></section>
<section aria-labelledby="info"><h2 id="info">${t('biz.ent.section.who')}</h2>
<dl class="biz-facts">
<dt>${t('biz.ent.kind')}</dt><dd>${t(`biz.ent.kind.${e.kind}` as MessageKey)}</dd>
<dt>${t('biz.ent.legalName')}</dt><dd>${e.legalName}</dd>
${e.taxCode ? html`<dt>${t('biz.ent.taxCode')}</dt><dd>${e.taxCode}</dd>` : ''}
${e.personalId ? html`<dt>${t('biz.ent.personalId')}</dt><dd>${isOwner || viewer.role === 'admin' ? e.personalId : `*********${e.personalId.slice(-3)}`}</dd>` : ''}
<dt>${t('biz.ent.phone')}</dt><dd>${e.phone ?? ''}</dd>
${e.email ? html`<dt>${t('biz.ent.email')}</dt><dd>${e.email}</dd>` : ''}
<dt>${t('biz.ent.commune')}</dt><dd>${[e.street, commune?.name].filter(Boolean).join(', ')}</dd>
<dt>${t('biz.createdAt')}</dt><dd>${formatDate(e.createdAt)}</dd>
</dl></section>
<section aria-labelledby="staff"><h2 id="staff">${t('biz.ent.members')}</h2>
<ul class="biz-members">${staff.map((m) => html`<li>${m.displayName} — ${m.email} <span class="muted">(${t(m.role === 'owner' ? 'biz.ent.member.owner' : 'biz.ent.member.staff')})</span></li>`)}</ul>
${
  isOwner
    ? html`${errorSummary(t('biz.form.fix'), errors)}<form class="stack" method="post" action="${BASE}/${e.id}/nhan-vien" novalidate>${csrf}
${field({ name: 'email', label: t('biz.ent.member.email'), type: 'email', value: email, error: errors.email, required: true, hint: t('biz.ent.member.hint') })}
<button type="submit">${t('biz.ent.member.add')}</button></form>`
    : ''
}
</section>`;
}

/** The create/edit page around the enterprise form. */
export function enterpriseFormView(
  t: Translate,
  title: string,
  mode: 'create' | 'update',
  existingId: string | undefined,
  d: {
    csrf: SafeHtml;
    form: Form;
    errors: FieldErrors;
    message?: string;
    provinces: Awaited<ReturnType<CommuneDirectory['provinces']>>;
    communes: Awaited<ReturnType<CommuneDirectory['communesOf']>>;
  },
): SafeHtml {
  const { csrf, form, errors, message, provinces, communes } = d;
  return html`<h1>${title}</h1>
<p class="muted">${t('biz.form.required')}</p>
${renderEnterpriseForm(t, {
  action: mode === 'create' ? `${BASE}/moi` : `${BASE}/${existingId}/sua`,
  csrf,
  form,
  errors,
  message,
  provinces,
  communes,
  submitLabel: mode === 'create' ? t('biz.ent.createSubmit') : t('biz.save'),
})}`;
}
