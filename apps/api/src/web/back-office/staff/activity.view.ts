import { toCsv } from '@tradefloor/core';
import { html, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import type { MessageKey } from '../../i18n/messages';
import { formatDate, formatNumber } from '../../kit/format';
import { ACTIVITY_RANGES, type Activity } from './activity';
import { timeSeriesChart } from '../../html/charts';

export const STATS_PATH = '/quan-ly/thong-ke';

const SERIES: Array<{ key: 'scans' | 'bulletinViews' | 'productViews'; title: MessageKey }> = [
  { key: 'scans', title: 'admin.stats.scans' },
  { key: 'bulletinViews', title: 'admin.stats.bulletinViews' },
  { key: 'productViews', title: 'admin.stats.productViews' },
];

const shortDay = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;

/** The "activity over time" section: range choice, one chart per series, CSV of the same numbers. */
export function activitySection(ctx: PageContext, activity: Activity, range: number): SafeHtml {
  const { t, lang } = ctx;
  const num = (n: number) => formatNumber(lang, n);
  const charts = SERIES.map(({ key, title }) => {
    const values = activity[key];
    const total = values.reduce((a, b) => a + b, 0);
    const peak = values.reduce((best, v, i) => (v > values[best] ? i : best), 0);
    const description = `${formatDate(activity.from)} – ${formatDate(activity.to)}. ${t('admin.stats.total')}: ${num(total)}.${
      total ? ` ${t('admin.stats.peak')}: ${num(values[peak])} (${formatDate(activity.days[peak])}).` : ''
    }`;
    return timeSeriesChart({
      id: `activity-${key}`,
      title: t(title),
      level: 3,
      description,
      points: activity.days.map((day, i) => ({ day, value: values[i] })),
      columns: { label: t('admin.stats.day'), value: t('admin.stats.count') },
      format: num,
      shortDay,
      longDay: formatDate,
    });
  });
  return html`<section id="hoat-dong" aria-labelledby="activity-h">
<h2 id="activity-h">${t('admin.stats.activity')}</h2>
<nav aria-label="${t('admin.stats.range')}"><ul class="chips">${ACTIVITY_RANGES.map(
    (r) => html`<li><a href="${STATS_PATH}?days=${r}#hoat-dong"${r === range ? html` aria-current="page"` : ''}>${r} ${t('admin.stats.days')}</a></li>`,
  )}</ul></nav>
<p class="muted">${formatDate(activity.from)} – ${formatDate(activity.to)}. ${t('admin.stats.activityNote')}</p>
${charts}
<p><a href="${STATS_PATH}/hoat-dong.csv?days=${range}" download>${t('admin.stats.csvActivity')}</a></p>
</section>`;
}

/** The same series as CSV: one row per day (ISO date, which spreadsheets read as a date). */
export function activityCsv(ctx: PageContext, activity: Activity): string {
  const { t } = ctx;
  return toCsv([[t('admin.stats.day'), ...SERIES.map((s) => t(s.title))], ...activity.days.map((day, i) => [day, ...SERIES.map((s) => activity[s.key][i])])]);
}
