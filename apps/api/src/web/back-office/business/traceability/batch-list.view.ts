import type { CommuneDirectory, EnterpriseEntity } from '@tradefloor/enterprise-profile';
import type { BatchesService } from '@tradefloor/traceability';
import { html, type SafeHtml } from '../../../html/html';
import type { PageContext } from '../../../html/layout';
import type { Translate } from '../../../i18n/messages';
import { formatDate, formatNumber } from '../../../kit/format';
import { pager } from '../../../kit/pager';
import { withQuery } from '../../../kit/urls';
import type { FieldErrors } from '../../../session/form-validation';
import type { Form } from '../business-forms';
import { enterpriseSwitch } from '../enterprise-choice';
import { renderBatchForm } from './batch-form';
import { batchPath, TRACE_BASE } from './trace.view';

type BatchRow = Awaited<ReturnType<BatchesService['listForEnterprise']>>['items'][number];

/** The enterprise's batches (lots) with their stamp counts, and the way to record one. */
export function batchListView(
  ctx: PageContext,
  d: { mine: EnterpriseEntity[]; current: EnterpriseEntity; items: BatchRow[]; total: number; page: number; pageSize: number },
): SafeHtml {
  const { t, lang } = ctx;
  const { mine, current, items, total, page, pageSize } = d;
  const num = (n: number) => formatNumber(lang, n);
  return html`<h1>${t('trace.title')}</h1>
<p class="muted">${t('trace.lead')}</p>
${enterpriseSwitch(t, mine, current, TRACE_BASE)}
<h2>${current.displayName}</h2>
<p class="actions"><a class="button" href="${TRACE_BASE}/lo-moi?dn=${current.id}">${t('trace.newBatch')}</a> <a class="button secondary" href="${TRACE_BASE}/canh-bao?dn=${current.id}">${t('trace.anom.title')}</a></p>
${
  items.length
    ? html`<div class="table-scroll"><table class="biz-table trace-table">
<thead><tr><th scope="col">${t('trace.col.lot')}</th><th scope="col">${t('trace.col.product')}</th><th scope="col">${t('trace.col.produced')}</th><th scope="col">${t('trace.col.expires')}</th><th scope="col" class="num">${t('trace.col.quantity')}</th><th scope="col" class="num">${t('trace.col.stamps')}</th></tr></thead>
<tbody>${items.map(
        ({ batch: b, productName }) =>
          html`<tr><td><a href="${batchPath(b.id)}">${b.lotCode}</a></td><td>${productName}</td><td>${formatDate(b.producedAt)}</td><td>${formatDate(b.expiresAt)}</td><td class="num">${num(b.quantity)} ${b.unit}</td><td class="num">${num(b.issuedCount)}</td></tr>`,
      )}</tbody></table></div>
${pager(t, { page, total, pageSize, href: (n) => withQuery(TRACE_BASE, { dn: current.id, page: n }) })}`
    : html`<p>${t('trace.none')}</p>`
}`;
}

/** Recording a batch: the form, or the way to create a product first. */
export function newBatchView(
  t: Translate,
  enterprise: EnterpriseEntity,
  choices: Array<{ id: string; name: string }>,
  d: { csrf: SafeHtml; form: Form; errors: FieldErrors; message?: string; communes: Awaited<ReturnType<CommuneDirectory['communesOf']>> },
): SafeHtml {
  const { csrf, form, errors, message, communes } = d;
  return html`<p><a href="${TRACE_BASE}?dn=${enterprise.id}">← ${t('trace.back')}</a></p>
<h1>${t('trace.newBatch')}</h1>
<p class="muted">${enterprise.displayName} · ${t('biz.form.required')}</p>
${
  choices.length
    ? renderBatchForm(t, {
        action: `${TRACE_BASE}/lo-moi`,
        csrf,
        form: { ...form, enterpriseId: enterprise.id },
        errors,
        message,
        products: choices,
        communes,
      })
    : html`<p>${t('trace.noProducts')}</p><p><a class="button" href="/quan-ly/san-pham/moi?dn=${enterprise.id}">${t('biz.prod.create')}</a></p>`
}`;
}
