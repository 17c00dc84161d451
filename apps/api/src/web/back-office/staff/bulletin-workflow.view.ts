import type { Role } from '@tradefloor/identity';
import type { BulletinEntity } from '@tradefloor/news-bulletin';
import { html, type SafeHtml } from '../../html/html';
import { scrollRegion } from '../../html/scroll-region';
import type { PageContext } from '../../html/layout';
import { formatDateTime } from '../../kit/format';
import { reasonForm } from './reason-form.view';

const PATH = '/quan-ly/ban-tin';

/** Publish now / schedule, archive, and (admins, with approval on) approve or reject. */
export function bulletinActions(
  ctx: PageContext,
  csrf: SafeHtml,
  b: BulletinEntity,
  role: Role,
  requireApproval: boolean,
  problem: { reason?: string; error?: string },
): SafeHtml {
  const { t } = ctx;
  const editorLocked = requireApproval && role !== 'admin' && (b.status === 'published' || b.status === 'scheduled');
  if (editorLocked) return html`<p class="muted">${t('admin.bul.locked')}</p>`;
  const parts: SafeHtml[] = [];
  if (b.status === 'draft' || b.status === 'scheduled' || b.status === 'pending_approval') {
    const submitOnly = requireApproval && role !== 'admin';
    parts.push(html`<form class="reason" method="post" action="${PATH}/${b.id}/xuat-ban">${csrf}
<label for="publishAt-${b.id}">${t('admin.bul.publishAt')}</label>
<p class="hint" id="publishAt-hint-${b.id}">${t('admin.bul.publishAtHint')}</p>
<input type="datetime-local" id="publishAt-${b.id}" name="publishAt" aria-describedby="publishAt-hint-${b.id}">
<button type="submit">${submitOnly ? t('admin.bul.submitForApproval') : t('admin.bul.publish')}</button></form>`);
  }
  if (b.status !== 'archived') {
    parts.push(
      html`<form method="post" action="${PATH}/${b.id}/luu-tru">${csrf}<button type="submit" class="secondary">${t('admin.bul.archive')}</button></form>`,
    );
  }
  if (role === 'admin' && b.status === 'pending_approval') {
    // The revision on the page pins the approval: an edit made meanwhile is refused, not approved unread.
    parts.push(
      html`<form method="post" action="${PATH}/${b.id}/duyet">${csrf}<input type="hidden" name="revision" value="${String(b.revision)}"><button type="submit">${t('admin.bul.approve')}</button></form>`,
    );
    parts.push(reasonForm(ctx, csrf, `${PATH}/${b.id}/tu-choi`, b.id, t('admin.bul.reject'), problem));
  }
  return html`<section aria-label="${t('admin.bul.actions')}" class="actions">${parts}</section>`;
}

export function bulletinRevisions(
  ctx: PageContext,
  revisions: Array<{ revision: number; action: string; title: string; editorName: string; createdAt: Date }>,
): SafeHtml {
  const { t, lang } = ctx;
  return html`<section class="revisions"><h2 id="revisions-h">${t('admin.bul.revisions')}</h2>
${scrollRegion(
  'revisions-h',
  html`<table><thead><tr><th scope="col">#</th><th scope="col">${t('admin.bul.field.title')}</th><th scope="col">${t('admin.bul.editor')}</th><th scope="col">${t('admin.bul.updatedAt')}</th></tr></thead>
<tbody>${revisions.map((r) => html`<tr><td class="num">${r.revision}</td><td>${r.title}</td><td>${r.editorName}</td><td>${formatDateTime(lang, r.createdAt)}</td></tr>`)}</tbody></table>`,
)}
</section>`;
}
