import { calendarDays, vietnamDate } from '@tradefloor/core';
import type { EnterpriseEntity } from '@tradefloor/enterprise-profile';
import type { BatchEntity, ScanSeriesDto, TraceabilityDashboard } from '@tradefloor/traceability';
import { timeSeriesChart } from '../../../html/charts';
import { field } from '../../../html/forms';
import { html, type SafeHtml } from '../../../html/html';
import { fill, fillText } from '../../../i18n/fill';
import type { MessageKey, Translate } from '../../../i18n/messages';
import type { PageContext } from '../../../html/layout';
import type { FieldErrors } from '../../../session/form-validation';
import { formatDateTime, formatNumber } from '../../../kit/format';
import { errorSummary } from '../business-forms';
import { batchPath, placeLabel, stateBadge, TRACE_BASE } from './trace.view';

const OUTCOMES = ['genuine', 'warning', 'revoked', 'unknown'] as const;

/** Every day of the period with its scans: the lib answers only the days that had some. */
function perDay(s: ScanSeriesDto): Array<{ day: string; scans: number }> {
  const counts = new Map(s.series.map((b) => [vietnamDate(new Date(b.start)), b.scans]));
  return calendarDays(s.from, s.to).map((day) => ({ day, scans: counts.get(day) ?? 0 }));
}

/** dd/mm for the chart's axis (the table under it has the same label). */
const shortDay = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}`;

/** A batch's scan dashboard: totals, the period form, scans per day (chart and table), outcomes. */
export function scanDashboardView(
  ctx: PageContext,
  batch: BatchEntity,
  series: ScanSeriesDto,
  period: { asked: { from?: string; to?: string }; errors: FieldErrors },
): SafeHtml {
  const { t, lang } = ctx;
  const { asked, errors } = period;
  const title = scanDashboardTitle(t, batch);
  const num = (n: number) => formatNumber(lang, n);
  const days = perDay(series);
  const outcomeTotals = OUTCOMES.map((o) => ({ o, n: series.series.reduce((sum, b) => sum + b[o], 0) }));
  return html`<p><a href="${batchPath(batch.id)}">← ${fill(t('trace.batch'), { lot: batch.lotCode })}</a></p>
<h1>${title}</h1>
<ul class="figures" role="list">
<li class="figure"><b>${num(series.totals.issued)}</b>${t('trace.totals.issued')}</li>
<li class="figure"><b>${num(series.totals.scanned)}</b>${t('trace.totals.scanned')}</li>
<li class="figure"><b>${num(series.totals.warning)}</b>${t('trace.totals.warning')}</li>
<li class="figure"><b>${num(series.totals.revoked)}</b>${t('trace.totals.revoked')}</li>
</ul>
${periodForm(t, batch.id, Object.keys(errors).length ? asked : { from: series.from, to: series.to }, errors)}
${timeSeriesChart({
  id: 'scans',
  title: t('trace.dash.chart'),
  description: days.map((d) => `${shortDay(d.day)}: ${num(d.scans)}`).join('; '),
  points: days.map((d) => ({ day: d.day, value: d.scans })),
  columns: { label: t('trace.dash.day'), value: t('trace.dash.scans') },
  format: num,
  shortDay,
  longDay: shortDay,
})}
<div class="table-scroll"><table class="biz-table trace-table"><caption>${t('trace.dash.outcomes')}</caption>
<thead><tr><th scope="col">${t('trace.dash.outcome')}</th><th scope="col" class="num">${t('trace.dash.scans')}</th></tr></thead>
<tbody>${outcomeTotals.map(({ o, n }) => html`<tr><td>${t(`trace.outcome.${o}` as MessageKey)}</td><td class="num">${num(n)}</td></tr>`)}</tbody></table></div>
<p><a href="${TRACE_BASE}/canh-bao?dn=${batch.enterpriseId}">${t('trace.anom.title')}</a></p>`;
}

export function scanDashboardTitle(t: Translate, batch: BatchEntity): string {
  return fillText(t('trace.dash.title'), { lot: batch.lotCode });
}

type Anomalies = Awaited<ReturnType<TraceabilityDashboard['anomalies']>>;

/** The enterprise's anomalies: stamps in warning, scans of revoked and of unknown stamps. */
export function anomaliesView(ctx: PageContext, enterprise: EnterpriseEntity, a: Anomalies, thresholds: { scans: number; places: number }): SafeHtml {
  const { t, lang } = ctx;
  const num = (n: number) => formatNumber(lang, n);
  const when = (d: Date | string | null) => formatDateTime(lang, d);
  const lot = (batchId: string, code: string) => html`<a href="${batchPath(batchId)}">${code}</a>`;
  const none = html`<p>${t('trace.anom.none')}</p>`;
  const table = (head: string[], rows: SafeHtml[]) =>
    rows.length
      ? html`<div class="table-scroll"><table class="biz-table trace-table"><thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`
      : none;
  const scanRows = (list: typeof a.revokedScans) =>
    list.map(
      (s) =>
        html`<tr><td><code>${s.serial}</code></td><td>${lot(s.batchId, s.lotCode)}</td><td>${when(s.scannedAt)}</td><td>${placeLabel(t, s.place)}</td></tr>`,
    );
  const scanHead = [t('trace.col.serial'), t('trace.col.lot'), t('trace.col.scannedAt'), t('trace.col.place')];
  return html`<p><a href="${TRACE_BASE}?dn=${enterprise.id}">← ${t('trace.back')}</a></p>
<h1>${t('trace.anom.title')}</h1>
<p class="muted">${enterprise.displayName} · ${t('trace.anom.lead')}</p>
<p>${fill(t('trace.anom.thresholds'), thresholds)}</p>
<h2>${t('trace.anom.warning')}</h2>
${table(
  [t('trace.col.serial'), t('trace.col.lot'), t('trace.col.state'), t('trace.col.scans'), t('trace.col.places'), t('trace.col.lastScan')],
  a.warningStamps.map(
    (s) =>
      html`<tr><td><code>${s.serial}</code></td><td>${lot(s.batchId, s.lotCode)}</td><td>${stateBadge(t, s.state)}</td><td class="num">${num(s.scanCount)}</td><td class="num">${num(s.distinctPlaces)}</td><td>${when(s.lastScannedAt)}</td></tr>`,
  ),
)}
<h2>${t('trace.anom.revoked')}</h2>
${table(scanHead, scanRows(a.revokedScans))}
<h2>${t('trace.anom.unknown')}</h2>
${table(scanHead, scanRows(a.unknownScans))}`;
}

/** The period of the chart: a GET form, so the page works without JavaScript and can be bookmarked. */
function periodForm(t: Translate, batchId: string, values: { from?: string; to?: string }, errors: FieldErrors): SafeHtml {
  return html`${errorSummary(t('biz.form.fix'), errors)}
<form class="trace-period" method="get" action="${batchPath(batchId)}/thong-ke">
${field({ name: 'from', label: t('trace.dash.from'), type: 'date', value: values.from, error: errors.from })}
${field({ name: 'to', label: t('trace.dash.to'), type: 'date', value: values.to, error: errors.to })}
<button type="submit">${t('trace.dash.show')}</button>
</form>`;
}
