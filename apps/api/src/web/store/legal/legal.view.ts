import type { LegalDocument, LegalVersionDto, LegalVersionSummaryDto, LegalVersionWithDiffDto } from '@tradefloor/legal';
import type { RetentionRule } from '@tradefloor/core';
import type { RankingDisclosure } from '@tradefloor/search';
import { alert } from '../../html/forms';
import { html, trusted, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import { formatDateTime } from '../../kit/format';

export const docTitleKey = (document: LegalDocument) => `legal.doc.${document}` as const;

function meta(ctx: PageContext, v: LegalVersionSummaryDto): SafeHtml {
  const { t } = ctx;
  return html`<p class="legal-meta">${t('legal.version')} ${v.number} · ${t(`legal.status.${v.status}`)} · ${t('legal.effectiveAt')} ${formatDateTime(ctx.lang, v.effectiveAt)} · ${t('legal.publishedAt')} ${formatDateTime(ctx.lang, v.publishedAt)}${v.material ? html` · <strong>${t('legal.material')}</strong>` : ''}</p>`;
}

function versionList(ctx: PageContext, versions: LegalVersionSummaryDto[]): SafeHtml {
  return html`<h2 id="versions">${ctx.t('legal.versions')}</h2>
<ol class="legal-versions">${versions.map(
    (v) =>
      html`<li><a href="${v.url}">${ctx.t('legal.version')} ${v.number}: ${v.title}</a> — ${ctx.t(`legal.status.${v.status}`)}, ${ctx.t('legal.effectiveAt').toLowerCase()} ${formatDateTime(ctx.lang, v.effectiveAt)}<br><span class="legal-meta">${v.summary}</span></li>`,
  )}</ol>`;
}

function rankingTable(ctx: PageContext, r: RankingDisclosure): SafeHtml {
  const { t } = ctx;
  return html`<section class="legal-ranking" aria-labelledby="ranking-settings"><h2 id="ranking-settings">${t('legal.ranking.settings')}</h2>
<h3>${t('legal.ranking.meili')}</h3>
<ol data-meili-rules>${r.meiliRankingRules.map((rule) => html`<li><code>${rule}</code></li>`)}</ol>
<h3>${t('legal.ranking.fields')}</h3>
<ol data-searchable>${r.searchableFields.map((f) => html`<li><code>${f}</code></li>`)}</ol>
<h3>${t('legal.ranking.sorts')}</h3>
<ul data-sorts>${r.sorts.map((s) => html`<li><code>${s}</code></li>`)}</ul>
<h3>${t('legal.ranking.pg')}</h3>
<table data-pg-weights><thead><tr><th scope="col">field</th><th scope="col">label</th><th scope="col">weight</th></tr></thead>
<tbody>${r.pgWeights.map((w) => html`<tr><td><code>${w.field}</code></td><td>${w.label}</td><td>${w.weight}</td></tr>`)}</tbody></table>
<h3>${t('legal.ranking.paid')}</h3>
<p data-paid-placement="${String(r.paidPlacement)}">${t('legal.ranking.noPaid')}</p>
</section>`;
}

function retentionTable(ctx: PageContext, rules: RetentionRule[]): SafeHtml {
  const { t } = ctx;
  return html`<section class="legal-retention" aria-labelledby="retention-periods"><h2 id="retention-periods">${t('legal.retention.title')}</h2>
<p>${t('legal.retention.intro')}</p>
<table data-retention><thead><tr><th scope="col">${t('legal.retention.kind')}</th><th scope="col">${t('legal.retention.days')}</th></tr></thead>
<tbody>${rules.map((r) => html`<tr data-kind="${r.kind}"><td>${r.description}</td><td>${r.days}</td></tr>`)}</tbody></table>
</section>`;
}

/** Parts of a document's page generated from the running configuration rather than written in its text. */
export interface GeneratedSections {
  ranking?: RankingDisclosure;
  retention?: RetentionRule[];
}

/** A document's page: the version in force, its generated sections (ranking settings, retention periods), every version. */
export function legalDocumentView(
  ctx: PageContext,
  document: LegalDocument,
  current: LegalVersionDto,
  versions: LegalVersionSummaryDto[],
  { ranking, retention }: GeneratedSections = {},
): SafeHtml {
  return html`<article class="prose" lang="vi"><h1>${ctx.t(docTitleKey(document))}</h1>
${ctx.lang === 'vi' ? '' : html`<p class="legal-meta" lang="en">${ctx.t('legal.officialVi')}</p>`}
${meta(ctx, current)}
${trusted(current.body)}
${ranking ? rankingTable(ctx, ranking) : ''}
${retention?.length ? retentionTable(ctx, retention) : ''}
</article>
${versionList(ctx, versions)}`;
}

/** One version at its stable address, with what changed from the previous one. */
export function legalVersionView(ctx: PageContext, document: LegalDocument, v: LegalVersionWithDiffDto, docPath: string): SafeHtml {
  const { t } = ctx;
  const changed = v.diff.filter((d) => d.change !== 'unchanged');
  return html`<article class="prose"><h1>${t(docTitleKey(document))} — ${t('legal.version')} ${v.number}</h1>
${meta(ctx, v)}
<p><strong>${t('legal.summary')}:</strong> ${v.summary}</p>
<p><a href="${docPath}">${t('legal.versions')}</a></p>
</article>
<h2>${t('legal.diff')}</h2>
${
  v.previous === null
    ? html`<p>${t('legal.diff.first')}</p>`
    : changed.length
      ? html`<ul class="legal-diff" data-previous="${v.previous}">${v.diff.map((d) =>
          d.change === 'unchanged'
            ? html`<li class="unchanged"><span class="text">${d.text}</span></li>`
            : html`<li class="${d.change}"><span class="tag">${d.change === 'added' ? t('legal.diff.added') : t('legal.diff.removed')}:</span><span class="text">${d.text}</span></li>`,
        )}</ul>`
      : html`<p>${t('legal.diff.none')}</p>`
}
<h2>${t('legal.fullText')}</h2>
<article class="prose" lang="vi">${trusted(v.body)}</article>`;
}

/** Asked after a correct sign-in while a material version in force is not accepted. */
export function legalAcceptanceView(
  ctx: PageContext,
  state: { pending: Array<{ document: string; version: number; title: string; url: string }>; ticket: string; csrf: SafeHtml; error?: string },
): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('legal.accept.title')}</h1>
<p>${t('legal.accept.intro')}</p>
<ul>${state.pending.map((p) => html`<li><a href="${p.url}">${p.title} — ${t('legal.version')} ${p.version}</a></li>`)}</ul>
<form class="stack" method="post" action="/dang-nhap/dong-y" novalidate>
${state.csrf}
<input type="hidden" name="ticket" value="${state.ticket}">
<input type="hidden" name="versions" value="${state.pending.map((p) => `${p.document}:${p.version}`).join(',')}">
${alert(state.error)}
<div class="field${state.error ? ' has-error' : ''}"><label><input type="checkbox" name="accept" value="yes"${state.error ? html` aria-invalid="true"` : ''}> ${t('legal.accept.box')}</label></div>
<button type="submit">${t('legal.accept.submit')}</button>
</form>`;
}
