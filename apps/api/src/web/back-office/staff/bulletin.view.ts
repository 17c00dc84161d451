import type { BulletinEntity, BulletinStatus } from '@tradefloor/news-bulletin';
import { html, trusted, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import { alert } from '../../html/forms';
import { formatDateTime } from '../../kit/format';
import { pager } from '../../kit/pager';
import { withQuery } from '../../kit/urls';
import type { FieldErrors } from '../../session/form-validation';
import type { Form } from '../back-office';
import { bulletinForm } from './bulletin-form.view';

export const BULLETIN_TABS: BulletinStatus[] = ['draft', 'pending_approval', 'scheduled', 'published', 'archived'];

export function statusBadge(ctx: PageContext, b: Pick<BulletinEntity, 'status' | 'publishAt'>): SafeHtml {
  return html`<span class="badge">${ctx.t(`admin.bul.status.${b.status}`)}${b.status === 'scheduled' && b.publishAt ? html` · ${formatDateTime(ctx.lang, b.publishAt)}` : ''}</span>`;
}

/** The bulletin as the public page shows it: sanitised body rendered, under a clear "preview" banner. */
export function bulletinPreview(ctx: PageContext, b: BulletinEntity): SafeHtml {
  const { t, lang } = ctx;
  return html`<p class="preview-banner" role="note">${t('admin.bul.previewBanner')}</p>
<article class="prose">
<h1>${b.title}</h1>
<p class="muted">${b.authorByline ?? ''}${b.publishedAt ? html` · <time datetime="${b.publishedAt.toISOString()}">${formatDateTime(lang, b.publishedAt)}</time>` : ''}</p>
${b.coverImageUrl ? html`<img src="${b.coverImageUrl}" alt="" style="max-width:100%">` : ''}
<p><strong>${b.summary}</strong></p>
${
  b.kind === 'event' && b.eventStartsAt
    ? html`<dl class="facts">
<dt>${t('admin.bul.field.startsAt')}</dt><dd>${formatDateTime(lang, b.eventStartsAt)}</dd>
<dt>${t('admin.bul.field.endsAt')}</dt><dd>${formatDateTime(lang, b.eventEndsAt)}</dd>
<dt>${t('admin.bul.field.location')}</dt><dd>${b.eventLocation ?? ''}</dd>
<dt>${t('admin.bul.field.organiser')}</dt><dd>${b.eventOrganiser ?? ''}</dd>
</dl>`
    : ''
}
<div class="body">${trusted(b.body)}</div>
${b.tags.length ? html`<ul class="chips">${b.tags.map((tag) => html`<li><span class="badge">${tag}</span></li>`)}</ul>` : ''}
</article>`;
}

export const BULLETINS_PATH = '/quan-ly/ban-tin';

/** The list of one status tab, newest changes first. */
export function bulletinListView(
  ctx: PageContext,
  d: { status: BulletinStatus; items: BulletinEntity[]; total: number; page: number; pageSize: number },
): SafeHtml {
  const { t, lang } = ctx;
  return html`<h1>${t('admin.bul.title')}</h1>
<p><a class="button" href="${BULLETINS_PATH}/moi">${t('admin.bul.new')}</a></p>
<nav aria-label="${t('admin.filter')}"><ul class="chips">${BULLETIN_TABS.map(
    (s) => html`<li><a href="${BULLETINS_PATH}?status=${s}"${s === d.status ? html` aria-current="page"` : ''}>${t(`admin.bul.status.${s}`)}</a></li>`,
  )}</ul></nav>
${
  d.items.length
    ? html`<div class="table-wrap"><table>
<caption>${t(`admin.bul.status.${d.status}`)} (${d.total})</caption>
<thead><tr><th scope="col">${t('admin.bul.field.title')}</th><th scope="col">${t('admin.bul.field.kind')}</th><th scope="col">${t('admin.bul.updatedAt')}</th><th scope="col">${t('admin.bul.statusCol')}</th></tr></thead>
<tbody>${d.items.map(
        (b) =>
          html`<tr><td><a href="${BULLETINS_PATH}/${b.id}">${b.title}</a></td><td>${t(`admin.bul.kind.${b.kind}`)}</td><td>${formatDateTime(lang, b.updatedAt)}</td><td>${statusBadge(ctx, b)}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p>${t('admin.empty')}</p>`
}
${pager(t, { page: d.page, total: d.total, pageSize: d.pageSize, href: (page) => withQuery(BULLETINS_PATH, { status: d.status, page }) })}`;
}

export interface BulletinEditorData {
  form: Form;
  errors: FieldErrors;
  categories: Array<{ id: string; name: string }>;
  csrf: SafeHtml;
  message?: string;
}

export function newBulletinView(ctx: PageContext, d: BulletinEditorData): SafeHtml {
  return html`<h1>${ctx.t('admin.bul.new')}</h1>
${alert(d.message)}
${bulletinForm(ctx, `${BULLETINS_PATH}/moi`, d.csrf, d.form, d.errors, d.categories)}`;
}

/** The editor of an existing bulletin: its state, the workflow buttons, the form and its revisions. */
export function editBulletinView(
  ctx: PageContext,
  b: BulletinEntity,
  d: BulletinEditorData & { done?: string; actions: SafeHtml; revisions: SafeHtml },
): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('admin.bul.edit')}: ${b.title}</h1>
${alert(d.done, 'success')}${alert(d.message)}
<p>${statusBadge(ctx, b)} <a href="${BULLETINS_PATH}/${b.id}/xem-truoc">${t('admin.bul.preview')}</a></p>
${b.rejectionReason ? html`<p class="alert error">${t('admin.reason')}: ${b.rejectionReason}</p>` : ''}
${d.actions}
${bulletinForm(ctx, `${BULLETINS_PATH}/${b.id}`, d.csrf, d.form, d.errors, d.categories)}
${d.revisions}`;
}

export function bulletinPreviewPage(ctx: PageContext, b: BulletinEntity): SafeHtml {
  return html`${bulletinPreview(ctx, b)}<p><a href="${BULLETINS_PATH}/${b.id}">${ctx.t('admin.bul.backToEdit')}</a></p>`;
}
