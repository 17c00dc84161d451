import type { ProductDto, ProductScreeningDto, ScreeningMatchDto } from '@tradefloor/catalog';
import { alert } from '../../html/forms';
import { html, trusted, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import type { MessageKey } from '../../i18n/messages';
import { formatDateTime, formatPriceRange } from '../../kit/format';
import { pager } from '../../kit/pager';
import { withQuery } from '../../kit/urls';
import { reasonForm } from './reason-form.view';

export const PRODUCT_QUEUE_PATH = '/quan-ly/duyet-san-pham';

/** A failed action, shown on the queue: a reason missing on one card, or a message for the page. */
export interface ProductQueueProblem {
  id?: string;
  reason?: string;
  error?: string;
  /** The override reason typed on this card, and its error. */
  overrideReason?: string;
  overrideError?: string;
  message?: string;
  status: number;
}

export interface ProductQueueData {
  items: ProductDto[];
  total: number;
  page: number;
  pageSize: number;
  enterprises: Map<string, { name: string; status: string }>;
  done?: string;
  problem: ProductQueueProblem;
  csrf: () => SafeHtml;
}

/** The moderation queue: pending products with a preview, approve or reject with a reason. */
export function productQueueView(ctx: PageContext, d: ProductQueueData): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('admin.prod.title')}</h1>
${alert(d.done, 'success')}${alert(d.problem.message)}
<p class="muted">${t('admin.prod.pending')}: ${d.total}</p>
${d.items.length ? html`<ol class="queue">${d.items.map((p) => productCard(ctx, p, d))}</ol>` : html`<p>${t('admin.empty')}</p>`}
${pager(t, { page: d.page, total: d.total, pageSize: d.pageSize, href: (page) => withQuery(PRODUCT_QUEUE_PATH, { page }) })}`;
}

function productCard(ctx: PageContext, p: ProductDto, d: ProductQueueData): SafeHtml {
  const { t, lang } = ctx;
  const enterprise = d.enterprises.get(p.enterpriseId);
  const mine = d.problem.id === p.id ? d.problem : undefined;
  return html`<li class="item" id="p-${p.id}"><article aria-labelledby="h-${p.id}">
<h2 id="h-${p.id}">${p.name}</h2>
${p.images.length ? html`<ul class="thumbs">${p.images.slice(0, 4).map((i) => html`<li><img src="${i.thumbnailUrl}" alt="${p.name}" width="96" height="96" loading="lazy"></li>`)}</ul>` : html`<p class="muted">${t('admin.prod.noImages')}</p>`}
<dl class="facts">
<dt>${t('admin.prod.enterprise')}</dt><dd>${enterprise?.name ?? '—'}${enterprise && enterprise.status !== 'verified' ? html` <strong class="warn">(${t('admin.prod.enterpriseNotVerified')})</strong>` : ''}</dd>
<dt>${t('admin.prod.price')}</dt><dd class="price">${formatPriceRange(p.priceVnd, p.priceMaxVnd ?? null)} / ${p.unit}</dd>
<dt>${t('admin.prod.sku')}</dt><dd>${p.sku}</dd>
<dt>${t('admin.prod.submittedAt')}</dt><dd>${formatDateTime(lang, p.submittedAt)}</dd>
${p.certifications.length ? html`<dt>${t('admin.prod.certifications')}</dt><dd>${p.certifications.map((c) => c.name ?? c.type).join(', ')}</dd>` : ''}
</dl>
<div class="preview" role="group" aria-label="${t('admin.prod.description')}"><div class="prose">${trusted(p.description)}</div></div>
${p.screening ? screeningSection(ctx, p.screening) : ''}
<div class="actions">
<form method="post" action="${PRODUCT_QUEUE_PATH}/${p.id}/approve">${d.csrf()}<input type="hidden" name="revision" value="${String(p.revision)}"><button type="submit">${t('admin.prod.approve')}</button></form>
${p.screening?.prohibited && !p.screening.override ? overrideForm(ctx, p, d, mine) : ''}
${reasonForm(ctx, d.csrf(), `${PRODUCT_QUEUE_PATH}/${p.id}/reject`, p.id, t('admin.prod.reject'), mine)}
</div>
</article></li>`;
}

const FIELD_LABELS: Record<string, MessageKey> = {
  name: 'admin.screen.field.name',
  description: 'admin.screen.field.description',
  sku: 'admin.screen.field.sku',
  unit: 'admin.screen.field.unit',
};

/** The keyword screening of a card: what matched, and each field's text with the matches marked (every part escaped). */
function screeningSection(ctx: PageContext, s: ProductScreeningDto): SafeHtml {
  const { t } = ctx;
  const restricted = s.matches.some((m) => m.severity === 'restricted');
  const summary = s.prohibited ? t('admin.screen.prohibited') : restricted ? t('admin.screen.restricted') : t('admin.screen.clean');
  const byField = new Map<string, ScreeningMatchDto[]>();
  for (const m of s.matches) byField.set(m.field, [...(byField.get(m.field) ?? []), m]);
  return html`<section class="screening${s.prohibited ? ' prohibited' : ''}" aria-label="${t('admin.screen.title')}">
<h3>${t('admin.screen.title')}</h3>
<p${s.prohibited ? html` class="warn"` : ''}>${s.prohibited ? html`<strong>${summary}</strong>` : summary}</p>
${s.matches.length ? html`<dl class="facts">${[...byField].map(([field, matches]) => html`<dt>${t(FIELD_LABELS[field] ?? 'admin.screen.field.other')}</dt><dd>${highlighted(ctx, s.texts[field] ?? '', matches)}</dd>`)}</dl>` : ''}
${s.override ? html`<p>${t('admin.screen.overridden')}: ${s.override.reason}</p>` : ''}
</section>`;
}

/** `text` with each match in a <mark> (overlapping matches merged into the first); text and terms are escaped by `html`. */
function highlighted(ctx: PageContext, text: string, matches: ScreeningMatchDto[]): SafeHtml {
  const parts: SafeHtml[] = [];
  let at = 0;
  for (const m of [...matches].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (m.start < at) continue;
    parts.push(html`${text.slice(at, m.start)}`);
    parts.push(
      html`<mark class="${m.severity}" title="${m.term} (${ctx.t(m.severity === 'prohibited' ? 'admin.screen.severity.prohibited' : 'admin.screen.severity.restricted')})">${text.slice(m.start, m.end)}</mark>`,
    );
    at = m.end;
  }
  parts.push(html`${text.slice(at)}`);
  return html`${parts}`;
}

function overrideForm(ctx: PageContext, p: ProductDto, d: ProductQueueData, mine: ProductQueueProblem | undefined): SafeHtml {
  const id = `override-${p.id}`;
  const error = mine?.overrideError;
  return html`<form class="reason${error ? ' has-error' : ''}" method="post" action="${PRODUCT_QUEUE_PATH}/${p.id}/approve">
${d.csrf()}<input type="hidden" name="revision" value="${String(p.revision)}"><input type="hidden" name="overrideScreening" value="true">
<label for="${id}">${ctx.t('admin.screen.overrideReason')}</label>
<textarea id="${id}" name="overrideReason" rows="2" required minlength="10" maxlength="2000"${error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}>${mine?.overrideReason ?? ''}</textarea>
${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}
<button type="submit" class="secondary">${ctx.t('admin.screen.override')}</button>
</form>`;
}
