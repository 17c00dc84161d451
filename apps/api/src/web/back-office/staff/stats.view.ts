import type { StatisticsService } from '@tradefloor/catalog';
import { ENTERPRISE_KINDS } from '@tradefloor/enterprise-profile';
import { barChart } from '../../html/charts';
import { html, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import { formatNumber } from '../../kit/format';
import type { Activity } from './activity';
import { activitySection } from './activity.view';

type Overview = Awaited<ReturnType<StatisticsService['overview']>>;
type Commune = Awaited<ReturnType<StatisticsService['communes']>>[number];

/** Province figures as accessible SVG charts, the activity section and the CSV exports. */
export function statsView(ctx: PageContext, overview: Overview, topCommunes: Commune[], activity: Activity, range: number): SafeHtml {
  const { t, lang } = ctx;
  const num = (n: number) => formatNumber(lang, n);
  return html`<h1>${t('admin.stats.title')}</h1>
<p class="muted">${t('admin.stats.asOf')}: ${overview.asOf}</p>
<ul class="figures" role="list">
<li class="figure"><b>${num(overview.enterprises.verified)}</b>${t('admin.stats.verifiedEnterprises')}</li>
<li class="figure"><b>${num(overview.products.published)}</b>${t('admin.stats.publishedProducts')}</li>
<li class="figure"><b>${num(overview.ocop.products)}</b>${t('admin.stats.ocopProducts')}</li>
</ul>
${barChart(
  'ocop',
  t('admin.stats.ocopByStars'),
  [
    { label: t('admin.stats.fiveStar'), value: overview.ocop.fiveStar },
    { label: t('admin.stats.potentialFiveStar'), value: overview.ocop.potentialFiveStar },
    { label: t('admin.stats.fourStar'), value: overview.ocop.fourStar },
    { label: t('admin.stats.threeStar'), value: overview.ocop.threeStar },
  ],
  { label: t('admin.stats.rank'), value: t('admin.stats.products') },
  num,
)}
${barChart(
  'kinds',
  t('admin.stats.enterprisesByKind'),
  ENTERPRISE_KINDS.map((k) => ({ label: t(`admin.kind.${k}`), value: overview.enterprises.byKind[k] })),
  { label: t('admin.ent.kind'), value: t('admin.stats.enterprises') },
  num,
)}
${
  topCommunes.length
    ? barChart(
        'communes',
        t('admin.stats.productsByCommune'),
        topCommunes.map((c) => ({ label: c.communeName, value: c.publishedProducts })),
        { label: t('admin.stats.commune'), value: t('admin.stats.products') },
        num,
      )
    : html`<h2>${t('admin.stats.productsByCommune')}</h2><p>${t('admin.empty')}</p>`
}
${activitySection(ctx, activity, range)}
<h2>${t('admin.stats.export')}</h2>
<ul><li><a href="/api/v1/stats/overview.csv" download>${t('admin.stats.csvOverview')}</a></li>
<li><a href="/api/v1/stats/communes.csv" download>${t('admin.stats.csvCommunes')}</a></li></ul>`;
}
