import { Injectable } from '@nestjs/common';
import { Clock } from '@tradefloor/core';
import { ReferenceData } from '@tradefloor/enterprise-profile';
import { BatchAccess, TraceabilityDashboard, TraceEvents, type StampRangesDto } from '@tradefloor/traceability';
import { html, type SafeHtml } from '../../../html/html';
import { bizStepLabel } from '../../../i18n/biz-steps';
import { fill, fillText } from '../../../i18n/fill';
import type { MessageKey, Translate } from '../../../i18n/messages';
import { formatDate, formatDateTime, formatNumber, toVietnamLocal } from '../../../kit/format';
import { BackOffice, type BackOfficeRequest } from '../../back-office';
import { activateForm, eventForm, issueForm, revokeForm, type FailedForm } from './batch-forms';
import { batchPath, downloadLinks, stateBadge, TRACE_BASE } from './trace.view';

const TOTALS = ['issued', 'activated', 'revoked', 'scanned', 'warning'] as const;

/** `?issued=25&from=1&to=25` and the like, set by the redirect after a successful form. */
function notice(t: Translate, q: Record<string, string | undefined>, batchId: string): SafeHtml | '' {
  const n = (k: string) => (/^\d{1,7}$/.test(q[k] ?? '') ? Number(q[k]) : undefined);
  let text: SafeHtml | string | undefined;
  if (q.created) text = t('trace.created');
  else if (n('issued') !== undefined && n('from') !== undefined && n('to') !== undefined) {
    const range = { fromSeq: n('from')!, toSeq: n('to')! };
    text = html`${fill(t('trace.issued'), { n: n('issued')!, from: range.fromSeq, to: range.toSeq })} ${t('trace.issued.download')} ${downloadLinks(t, batchId, range)}`;
  } else if (n('activated') !== undefined) text = fill(t('trace.activated'), { n: n('activated')! });
  else if (n('revoked') !== undefined) text = fill(t('trace.revoked'), { n: n('revoked')! });
  else if (q.event) text = t('trace.event.added');
  return text ? html`<p class="alert success" role="status">${text}</p>` : '';
}

function stampSection(t: Translate, num: (n: number) => string, batchId: string, ranges: StampRangesDto): SafeHtml {
  return html`<section aria-labelledby="stamps-h"><h2 id="stamps-h">${t('trace.stamps')}</h2>
<ul class="figures" role="list">${TOTALS.map((k) => html`<li class="figure"><b>${num(ranges.totals[k])}</b>${t(`trace.totals.${k}` as MessageKey)}</li>`)}</ul>
${
  ranges.items.length
    ? html`<p>${t('trace.downloadAll')}: ${downloadLinks(t, batchId)}</p>
<div class="table-scroll"><table class="biz-table trace-table"><caption>${t('trace.ranges')}</caption>
<thead><tr><th scope="col">${t('trace.range.seq')}</th><th scope="col">${t('trace.range.state')}</th><th scope="col" class="num">${t('trace.range.count')}</th><th scope="col">${t('trace.range.download')}</th></tr></thead>
<tbody>${ranges.items.map(
        (r) =>
          html`<tr><td>${r.fromSeq === r.toSeq ? num(r.fromSeq) : `${num(r.fromSeq)}–${num(r.toSeq)}`}</td><td>${stateBadge(t, r.state)}</td><td class="num">${num(r.count)}</td><td>${downloadLinks(t, batchId, r, 'short')}</td></tr>`,
      )}</tbody></table></div>
${ranges.truncated ? html`<p class="muted">${t('trace.ranges.truncated')}</p>` : ''}`
    : html`<p>${t('trace.noStamps')}</p>`
}
</section>`;
}

/**
 * A batch's page: its facts, stamps (totals, ranges by state, downloads), the issue, activate and
 * revoke forms, and its EPCIS journal. Every form posts to its own route and, when refused, this
 * page is rendered again with that form's values and errors.
 */
@Injectable()
export class BatchPage {
  constructor(
    private readonly bo: BackOffice,
    private readonly access: BatchAccess,
    private readonly dashboard: TraceabilityDashboard,
    private readonly events: TraceEvents,
    private readonly reference: ReferenceData,
    private readonly clock: Clock,
  ) {}

  async render(r: BackOfficeRequest, batchId: string, failed?: FailedForm, status = 200): Promise<void> {
    const { t, lang } = r.ctx;
    const { batch, product, enterprise } = await this.access.assertCanManage(r.user, batchId);
    const [ranges, events, commune] = await Promise.all([
      this.dashboard.stampRanges(r.user, batch.id),
      this.events.list(r.user, batch.id),
      batch.originCommuneCode ? this.reference.commune(batch.originCommuneCode) : Promise.resolve(null),
    ]);
    const num = (n: number) => formatNumber(lang, n);
    const csrf = r.csrf();
    const forms = { t, lang, batchId: batch.id, csrf, failed };
    const title = `${fillText(t('trace.batch'), { lot: batch.lotCode })} — ${product.name}`;
    const body = html`<p><a href="${TRACE_BASE}?dn=${enterprise.id}">← ${t('trace.back')}</a></p>
<h1>${fill(t('trace.batch'), { lot: batch.lotCode })} <span class="muted">— ${product.name}</span></h1>
${notice(t, r.req.query as Record<string, string | undefined>, batch.id)}
<section aria-labelledby="info-h"><h2 id="info-h">${t('trace.info')}</h2>
<dl class="trace-facts">
<dt>${t('trace.f.product')}</dt><dd>${product.name}</dd>
<dt>${t('trace.gtin')}</dt><dd>${batch.gtin14 ?? t('trace.noGtin')}</dd>
<dt>${t('trace.f.producedAt')}</dt><dd>${formatDate(batch.producedAt)}</dd>
${batch.expiresAt ? html`<dt>${t('trace.f.expiresAt')}</dt><dd>${formatDate(batch.expiresAt)}</dd>` : ''}
<dt>${t('trace.f.quantity')}</dt><dd>${num(batch.quantity)} ${batch.unit}</dd>
${commune ? html`<dt>${t('trace.f.origin')}</dt><dd>${commune.name}</dd>` : ''}
${batch.certifications.length ? html`<dt>${t('trace.f.certifications')}</dt><dd>${batch.certifications.map((c) => (c.type === 'other' ? c.name : t(`biz.prod.cert.${c.type}` as MessageKey))).join(', ')}</dd>` : ''}
${batch.notes ? html`<dt>${t('trace.f.notes')}</dt><dd>${batch.notes}</dd>` : ''}
</dl>
<p><a class="button secondary" href="${batchPath(batch.id)}/thong-ke">${t('trace.dash.link')}</a></p>
</section>
${stampSection(t, num, batch.id, ranges)}
${issueForm(forms)}
${ranges.items.length ? html`${activateForm(forms)}${revokeForm(forms)}` : ''}
<section aria-labelledby="events-h"><h2 id="events-h">${t('trace.events')}</h2>
<p class="muted">${t('trace.events.lead')}</p>
${
  events.length
    ? html`<ol class="timeline">${events.map(
        (e) => html`<li><strong>${bizStepLabel(lang, e.bizStep)}</strong>
<div class="muted">${formatDateTime(lang, e.eventTime)}${e.place ? html` · ${e.place}` : ''}</div>${e.actor ? html`<div>${e.actor}</div>` : ''}${e.note ? html`<div>${e.note}</div>` : ''}</li>`,
      )}</ol>`
    : html`<p>${t('trace.events.none')}</p>`
}
${eventForm(forms, toVietnamLocal(this.clock.now()))}
</section>`;
    this.bo.send(r, title, body, status);
  }
}
