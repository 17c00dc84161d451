import type { BulletinEntity, BulletinStatus } from '@tradefloor/news-bulletin';
import { html, trusted, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import { formatDateTime } from './format';

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
