import type { InquiryStatsDto } from '@tradefloor/inquiries';
import { alert, field } from '../../html/forms';
import { html, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import type { FieldErrors } from '../../session/form-validation';

/** Bars per day as inline SVG (no script); the table below carries the same numbers for screen readers. */
function chart(ctx: PageContext, stats: InquiryStatsDto): SafeHtml {
  const width = 720;
  const height = 160;
  const max = Math.max(1, ...stats.perDay.map((d) => d.count));
  const step = width / Math.max(1, stats.perDay.length);
  const bar = Math.max(1, step * 0.8);
  return html`<svg class="inq-chart" viewBox="0 0 ${width} ${height + 20}" role="img" aria-labelledby="inq-chart-title">
<title id="inq-chart-title">${ctx.t('inq.stats.chart')}</title>
${stats.perDay.map((d, i) => {
  const h = Math.round((d.count / max) * height);
  return html`<rect x="${(i * step).toFixed(1)}" y="${height - h}" width="${bar.toFixed(1)}" height="${h}"><title>${d.day}: ${d.count}</title></rect>`;
})}
<text x="0" y="${height + 16}" font-size="12">${stats.from}</text>
<text x="${width}" y="${height + 16}" font-size="12" text-anchor="end">${stats.to}</text>
</svg>`;
}

/** Inquiry volumes over a date range (admins): per day (chart and table), per status, per enterprise. */
export function inquiryStatsView(
  ctx: PageContext,
  stats: InquiryStatsDto | undefined,
  form: Record<string, string | undefined>,
  errors: FieldErrors,
  message?: string,
): SafeHtml {
  const { t } = ctx;
  return html`<div class="inq-stats"><h1>${t('inq.stats.title')}</h1>
${alert(message)}
<form class="stack" method="get" action="/quan-ly/hoi-mua/thong-ke">
${field({ name: 'from', label: t('inq.stats.from'), type: 'date', value: form.from ?? stats?.from, error: errors.from })}
${field({ name: 'to', label: t('inq.stats.to'), type: 'date', value: form.to ?? stats?.to, error: errors.to })}
<button type="submit">${t('inq.inbox.show')}</button>
</form>
${
  stats
    ? html`<p>${t('inq.stats.total')}: <strong>${stats.total}</strong></p>
<h2>${t('inq.stats.perDay')}</h2>
${chart(ctx, stats)}
<table><caption class="skip">${t('inq.stats.perDay')}</caption><thead><tr><th scope="col">${t('inq.stats.day')}</th><th scope="col">${t('inq.stats.count')}</th></tr></thead>
<tbody>${stats.perDay.map((d) => html`<tr><td>${d.day}</td><td class="num">${d.count}</td></tr>`)}</tbody></table>
<h2>${t('inq.stats.perStatus')}</h2>
<table><thead><tr><th scope="col">${t('inq.stats.status')}</th><th scope="col">${t('inq.stats.count')}</th></tr></thead>
<tbody>${stats.perStatus.map((s) => html`<tr><td>${t(`inq.status.${s.status}`)}</td><td class="num">${s.count}</td></tr>`)}</tbody></table>
<h2>${t('inq.stats.perEnterprise')}</h2>
<table><thead><tr><th scope="col">${t('inq.stats.enterprise')}</th><th scope="col">${t('inq.stats.count')}</th></tr></thead>
<tbody>${stats.perEnterprise.map((e) => html`<tr><td>${e.enterpriseName}</td><td class="num">${e.count}</td></tr>`)}</tbody></table>`
    : ''
}</div>`;
}
