import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError } from '@tradefloor/core';
import { MAX_IMPORT_BYTES, ProductImport, type ImportReportDto } from '@tradefloor/catalog';
import { EnterpriseAccess, EnterpriseQueries, type EnterpriseEntity } from '@tradefloor/enterprise-profile';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../../html/html';
import { assertCsrf } from '../../session/csrf';
import { errorSummary } from './business-forms';
import { BusinessPages, type BusinessRequest } from './business-pages';
import { readMultipartForm } from './multipart-form';

const PATH = '/quan-ly/san-pham/nhap-csv';

/** Product import from a spreadsheet (CSV): a dry run shows the per-row report before writing. */
@ApiExcludeController()
@Controller('quan-ly/san-pham/nhap-csv')
export class ProductImportController {
  constructor(
    private readonly pages: BusinessPages,
    private readonly importer: ProductImport,
    private readonly enterprises: EnterpriseQueries,
    private readonly access: EnterpriseAccess,
  ) {}

  @Get()
  page(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.pages.handle(req, reply, async (r) => {
      const mine = (await this.enterprises.mine(r.user.id)).map((m) => m.enterprise);
      const wanted = (req.query as { dn?: string }).dn;
      const enterprise = wanted ? await this.access.assertCanManage(r.user, wanted) : mine[0];
      this.render(r, mine, enterprise?.id, true);
    });
  }

  @Post()
  upload(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.pages.handle(req, reply, async (r) => {
      const { file, tooLarge, fields } = await readMultipartForm(req, MAX_IMPORT_BYTES);
      assertCsrf(req);
      const { t } = r.ctx;
      const mine = (await this.enterprises.mine(r.user.id)).map((m) => m.enterprise);
      const enterprise = await this.access.assertCanManage(r.user, fields.enterpriseId ?? '');
      const dryRun = fields.dryRun === '1';
      if (!file) return this.render(r, mine, enterprise.id, dryRun, undefined, tooLarge ? t('biz.import.tooLarge') : t('biz.import.missing'), 400);
      let report: ImportReportDto;
      try {
        report = await this.importer.run(r.user, enterprise.id, file, dryRun);
      } catch (err) {
        // A file that is not a usable CSV (missing columns, too many rows) is reported on the form.
        if (!(err instanceof DomainError) || err.status !== 400) throw err;
        return this.render(r, mine, enterprise.id, dryRun, undefined, err.details?.[0]?.message ?? err.message, 400);
      }
      const status = !dryRun && report.invalidRows > 0 ? 400 : 200;
      this.render(r, mine, enterprise.id, dryRun, report, undefined, status);
    });
  }

  private render(
    r: BusinessRequest,
    mine: EnterpriseEntity[],
    current: string | undefined,
    dryRun: boolean,
    report?: ImportReportDto,
    fileError?: string,
    status = 200,
  ): void {
    const { t } = r.ctx;
    const body = html`<h1>${t('biz.import.title')}</h1>
${
  !mine.length
    ? html`<p>${t('biz.prod.needEnterprise')}</p>`
    : html`<p>${t('biz.import.intro')}</p>
<p class="hint">${t('biz.import.columns')}</p>
${errorSummary(t('biz.form.fix'), fileError ? { file: fileError } : {})}
<form class="stack biz-form" method="post" action="${PATH}" enctype="multipart/form-data">
${r.csrf()}
<div class="field"><label for="f-enterpriseId">${t('biz.import.enterprise')}</label>
<select id="f-enterpriseId" name="enterpriseId">${mine.map((e) => html`<option value="${e.id}"${e.id === current ? html` selected` : ''}>${e.displayName}</option>`)}</select></div>
<div class="field${fileError ? ' has-error' : ''}"><label for="f-file">${t('biz.import.file')}</label>
<input id="f-file" name="file" type="file" accept=".csv,text/csv" required${fileError ? html` aria-invalid="true"` : ''}></div>
<label class="check"><input type="checkbox" name="dryRun" value="1"${dryRun ? html` checked` : ''}> ${t('biz.import.dryRun')}</label>
<button type="submit">${t('biz.import.submit')}</button>
</form>
${report ? this.report(r, report) : ''}`
}`;
    this.pages.send(r, t('biz.import.title'), body, status);
  }

  private report(r: BusinessRequest, report: ImportReportDto): SafeHtml {
    const { t } = r.ctx;
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
<td>${row.errors.length ? html`<ul>${row.errors.map((e) => html`<li><code>${e.field}</code>: ${e.message}</li>`)}</ul>` : ''}</td></tr>`,
    )}</tbody></table></div></section>`;
  }
}
