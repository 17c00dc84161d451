import type { AuditChainReport, AuditEventDto } from '@tradefloor/trust-safety';
import { alert, field } from '../../../html/forms';
import { html, type SafeHtml } from '../../../html/html';
import { scrollRegion } from '../../../html/scroll-region';
import type { PageContext } from '../../../html/layout';
import { formatDateTime } from '../../../kit/format';
import { pager } from '../../../kit/pager';
import { withQuery } from '../../../kit/urls';
import type { FieldErrors } from '../../../session/form-validation';

export const AUDIT_PATH = '/quan-ly/nhat-ky';
/** The filters of the page, as typed (days as YYYY-MM-DD). */
export const AUDIT_FILTERS = ['actorId', 'action', 'subjectType', 'subjectId', 'from', 'to'] as const;
export type AuditFilters = Partial<Record<(typeof AUDIT_FILTERS)[number], string>>;

const short = (value: unknown) => {
  if (value === null || value === undefined) return '';
  const text = JSON.stringify(value);
  return text.length > 400 ? `${text.slice(0, 399)}…` : text;
};

/** Admins read the log: filters (GET, so a view can be bookmarked), newest first, CSV of the same filter, the chain's verification on demand. */
export function auditLogView(
  ctx: PageContext,
  d: { filters: AuditFilters; errors: FieldErrors; items: AuditEventDto[]; total: number; page: number; pageSize: number; report?: AuditChainReport },
): SafeHtml {
  const { t, lang } = ctx;
  const f = d.filters;
  const active = Object.fromEntries(Object.entries(f).filter(([k, v]) => v && !d.errors[k]));
  return html`<h1 id="audit-title">${t('ts.audit.title')}</h1>
${
  d.report
    ? d.report.ok
      ? html`<p class="alert success" role="status" id="chain-result">${t('ts.audit.ok')}: ${d.report.checked} ${t('ts.audit.checked')}, ${d.report.headsChecked} ${t('ts.audit.heads')}.</p>`
      : html`<p class="alert error" role="alert" id="chain-result">${t('ts.audit.broken')} ${d.report.firstBroken?.seq ?? '?'}: ${d.report.firstBroken?.reason ?? ''}</p>`
    : ''
}
<form method="get" action="${AUDIT_PATH}" class="filters"><fieldset><legend>${t('ts.audit.filters')}</legend>
${field({ name: 'actorId', label: t('ts.audit.actor'), value: f.actorId, error: d.errors.actorId })}
${field({ name: 'action', label: t('ts.audit.action'), value: f.action, error: d.errors.action })}
${field({ name: 'subjectType', label: t('ts.audit.subjectType'), value: f.subjectType, error: d.errors.subjectType })}
${field({ name: 'subjectId', label: t('ts.audit.subjectId'), value: f.subjectId, error: d.errors.subjectId })}
${field({ name: 'from', label: t('ts.audit.from'), type: 'date', value: f.from, error: d.errors.from })}
${field({ name: 'to', label: t('ts.audit.to'), type: 'date', value: f.to, error: d.errors.to })}
</fieldset><button type="submit">${t('ts.audit.apply')}</button></form>
<p class="actions"><a class="button secondary" href="${withQuery(`${AUDIT_PATH}/export.csv`, active)}">${t('ts.audit.csv')}</a>
<a class="button secondary" href="${withQuery(AUDIT_PATH, { ...active, 'kiem-tra': 1 })}">${t('ts.audit.verify')}</a></p>
${alert(Object.keys(d.errors).length ? Object.values(d.errors)[0] : undefined)}
<p class="muted">${t('admin.total')}: ${d.total}</p>
${
  d.items.length
    ? scrollRegion(
        'audit-title',
        html`<table><thead><tr><th scope="col">${t('ts.audit.seq')}</th><th scope="col">${t('ts.audit.time')}</th><th scope="col">${t('ts.audit.who')}</th><th scope="col">${t('ts.audit.action')}</th><th scope="col">${t('ts.audit.subject')}</th><th scope="col">${t('ts.audit.change')}</th></tr></thead>
<tbody>${d.items.map(
          (
            e,
          ) => html`<tr><th scope="row">${e.seq}</th><td>${formatDateTime(lang, e.occurredAt)}</td><td>${e.actorRole}${e.actorId ? html`<br><code>${e.actorId}</code>` : ''}</td>
<td><code>${e.action}</code></td><td>${e.subjectType}<br><code>${e.subjectId}</code></td><td><code>${short(e.after)}</code></td></tr>`,
        )}</tbody></table>`,
      )
    : html`<p>${t('admin.empty')}</p>`
}
${pager(t, { page: d.page, total: d.total, pageSize: d.pageSize, href: (page) => withQuery(AUDIT_PATH, { ...active, page }) })}`;
}
