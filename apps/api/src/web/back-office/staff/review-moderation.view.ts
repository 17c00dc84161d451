import type { StaffReviewDto, StaffReviewPageDto } from '@tradefloor/reviews';
import { alert } from '../../html/forms';
import { html, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import { formatDate } from '../../kit/format';
import { pager } from '../../kit/pager';

export const REVIEW_MODERATION_PATH = '/quan-ly/danh-gia';
export const MODERATION_STATES = ['pending', 'hidden', 'published', 'rejected'] as const;
export type ModerationState = (typeof MODERATION_STATES)[number];

export interface ReviewModerationData {
  state: ModerationState;
  page: StaffReviewPageDto;
  done?: string;
  csrf: () => SafeHtml;
}

/** Which decisions a review in this state can take (the service refuses the others with 409). */
const ACTIONS: Record<ModerationState, Array<'publish' | 'reject' | 'hide'>> = {
  pending: ['publish', 'reject'],
  hidden: ['publish', 'reject'],
  published: ['hide'],
  rejected: [],
};

function item(ctx: PageContext, r: StaffReviewDto, state: ModerationState, csrf: () => SafeHtml): SafeHtml {
  const { t } = ctx;
  return html`<li class="review">
<p><strong>${r.authorName}</strong> · ${formatDate(r.createdAt)} · ${t('rev.mod.order')} <code>${r.subOrderCode}</code> · ${t('rev.mod.reports')}: ${r.reportCount}</p>
<p>${t('rev.product')}: ${r.productStars}/5 · ${t('rev.seller')}: ${r.sellerStars}/5</p>
<p class="review-text">${r.text}</p>
${r.replyText ? html`<blockquote class="review-reply"><p><strong>${t('rev.reply')}</strong></p><p>${r.replyText}</p></blockquote>` : ''}
${r.screening.length ? html`<p class="error">${t('rev.mod.screening')}: ${r.screening.map((s, i) => html`${i ? ', ' : ''}${s.term} (${s.severity}, ${s.field})`)}</p>` : ''}
${ACTIONS[state].length ? html`<p class="actions">${ACTIONS[state].map((a) => html`<form method="post" action="${REVIEW_MODERATION_PATH}/${r.id}/${a}" class="inline">${csrf()}<button type="submit"${a === 'publish' ? '' : html` class="secondary"`}>${t(`rev.mod.${a}`)}</button></form> `)}</p>` : ''}
</li>`;
}

/** Staff moderation of reviews: held (pending), hidden by reports or staff, and the decided ones. */
export function reviewModerationView(ctx: PageContext, d: ReviewModerationData): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('rev.mod.title')}</h1>
${alert(d.done, 'success')}
<p class="muted">${t('rev.mod.intro')}</p>
<nav aria-label="${t('rev.mod.states')}"><ul class="chips">${MODERATION_STATES.map(
    (s) => html`<li><a href="${REVIEW_MODERATION_PATH}?trang-thai=${s}"${s === d.state ? html` aria-current="page"` : ''}>${t(`rev.mod.state.${s}`)}</a></li>`,
  )}</ul></nav>
${d.page.items.length ? html`<ul class="review-list">${d.page.items.map((r) => item(ctx, r, d.state, d.csrf))}</ul>` : html`<p>${t('admin.empty')}</p>`}
${pager(t, { page: d.page.page, total: d.page.total, pageSize: d.page.pageSize, href: (p) => `${REVIEW_MODERATION_PATH}?trang-thai=${d.state}&page=${p}` })}`;
}
