import type { ImportReportDto } from '@tradefloor/catalog';
import type { EnterpriseEntity } from '@tradefloor/enterprise-profile';
import { html, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import { inLanguage } from '../../i18n/error-text';
import { errorSummary } from './business-forms';

export const IMPORT_PATH = '/quan-ly/san-pham/nhap-csv';

export interface ProductImportData {
  mine: EnterpriseEntity[];
  current: string | undefined;
  dryRun: boolean;
  report?: ImportReportDto;
  fileError?: string;
  csrf: SafeHtml;
}

/** The CSV upload form and, after a run, its per-row report. */
export function productImportView(ctx: PageContext, d: ProductImportData): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('biz.import.title')}</h1>
${
  !d.mine.length
    ? html`<p>${t('biz.prod.needEnterprise')}</p>`
    : html`<p>${t('biz.import.intro')}</p>
<p class="hint">${t('biz.import.columns')}</p>
${errorSummary(t('biz.form.fix'), d.fileError ? { file: d.fileError } : {})}
<form class="stack biz-form" method="post" action="${IMPORT_PATH}" enctype="multipart/form-data">
${d.csrf}
<div class="field"><label for="f-enterpriseId">${t('biz.import.enterprise')}</label>
<select id="f-enterpriseId" name="enterpriseId">${d.mine.map((e) => html`<option value="${e.id}"${e.id === d.current ? html` selected` : ''}>${e.displayName}</option>`)}</select></div>
<div class="field${d.fileError ? ' has-error' : ''}"><label for="f-file">${t('biz.import.file')}</label>
<input id="f-file" name="file" type="file" accept=".csv,text/csv" required${d.fileError ? html` aria-invalid="true"` : ''}></div>
<label class="check"><input type="checkbox" name="dryRun" value="1"${d.dryRun ? html` checked` : ''}> ${t('biz.import.dryRun')}</label>
<button type="submit">${t('biz.import.submit')}</button>
</form>
${d.report ? importReport(ctx, d.report) : ''}`
}`;
}

function importReport(ctx: PageContext, report: ImportReportDto): SafeHtml {
  const { t } = ctx;
  const summary = report.dryRun
    ? report.invalidRows
      ? t('biz.import.dryBad')
      : t('biz.import.dryOk')
    : report.invalidRows
      ? t('biz.import.nothingWritten')
      : `${t('biz.import.created')}: ${report.created}`;
  return html`<section aria-labelledby="rep"><h2 id="rep">${t('biz.import.report')}</h2>
<p class="alert ${report.invalidRows ? 'error' : 'success'}" role="${report.invalidRows ? 'alert' : 'status'}">${summary}
(${t('biz.import.valid')}: ${report.validRows}/${report.totalRows}; ${t('biz.import.invalid')}: ${report.invalidRows})</p>
<div class="table-scroll"><table class="biz-table"><caption>${t('biz.import.report')}</caption>
<thead><tr><th scope="col">${t('biz.import.row')}</th><th scope="col">SKU</th><th scope="col">${t('biz.status')}</th><th scope="col">${t('biz.import.errors')}</th></tr></thead>
<tbody>${report.rows.map(
    (row) => html`<tr class="${row.status === 'ok' ? 'ok' : 'bad'}"><th scope="row">${row.row}</th><td>${row.sku ?? ''}</td>
<td>${row.status === 'ok' ? html`<span class="badge badge-ok">${t('biz.import.ok')}</span>` : html`<span class="badge badge-bad">${t('biz.import.error')}</span>`}</td>
<td>${row.errors.length ? html`<ul>${row.errors.map((e) => html`<li><code>${e.field}</code>: ${inLanguage(ctx.lang, e.message)}</li>`)}</ul>` : ''}</td></tr>`,
  )}</tbody></table></div></section>`;
}
