import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError } from '@tradefloor/core';
import { AuditLog, AuditQueryDto } from '@tradefloor/trust-safety';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorText } from '../../../i18n/error-text';
import { parseDay } from '../../../kit/format';
import { queryPage, queryText } from '../../../kit/query';
import { validateForm, type FieldErrors } from '../../../session/form-validation';
import { ADMINS, BackOffice } from '../../back-office';
import { AUDIT_FILTERS, auditLogView, type AuditFilters } from './audit-log.view';

const PAGE_SIZE = 50;

/** A typed day as the instant the API's filter takes: `from` at 00:00 Vietnam time, `to` at the end of that day (exclusive bound). */
function dayBound(day: string | undefined, end: boolean): string | undefined {
  if (!day) return undefined;
  if (!parseDay(day)) return day; // left as typed: the DTO reports it
  const at = new Date(`${day}T00:00:00+07:00`);
  return new Date(at.getTime() + (end ? 86_400_000 : 0)).toISOString();
}

/** The audit log for administrators (/quan-ly/nhat-ky): the AuditLog service's filters, CSV and chain verification. */
@ApiExcludeController()
@Controller('quan-ly/nhat-ky')
export class AuditLogPageController {
  constructor(
    private readonly bo: BackOffice,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  page(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, ADMINS, async (r) => {
      const { filters, query, errors } = await this.read(req, r.ctx.lang);
      const list = await this.audit.list(query);
      const report = queryText(req.query, 'kiem-tra') ? await this.audit.verify() : undefined;
      const body = auditLogView(r.ctx, { filters, errors, items: list.items, total: list.total, page: query.page, pageSize: PAGE_SIZE, report });
      this.bo.send(r, r.ctx.t('ts.audit.title'), body, Object.keys(errors).length ? 400 : 200);
    });
  }

  @Get('export.csv')
  csv(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, ADMINS, async (r) => {
      const { query, errors } = await this.read(req, r.ctx.lang);
      if (Object.keys(errors).length) return this.bo.fail(r, 400, Object.values(errors)[0]);
      let csv: string;
      try {
        csv = await this.audit.csv(query);
      } catch (err) {
        if (!(err instanceof DomainError) || err.status >= 500) throw err;
        return this.bo.fail(r, err.status, errorText(r.ctx.lang, err));
      }
      void reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="nhat-ky-kiem-toan.csv"')
        .header('cache-control', 'private, no-store')
        .send(csv);
    });
  }

  /** The filters as typed, and the query the service takes (a bad filter is reported and left out). */
  private async read(req: FastifyRequest, lang: 'vi' | 'en'): Promise<{ filters: AuditFilters; query: AuditQueryDto; errors: FieldErrors }> {
    const filters: AuditFilters = Object.fromEntries(AUDIT_FILTERS.map((k) => [k, queryText(req.query, k)?.slice(0, 100)]).filter(([, v]) => v));
    const raw = { ...filters, from: dayBound(filters.from, false), to: dayBound(filters.to, true) };
    const { value, errors } = await validateForm(AuditQueryDto, raw, lang);
    for (const key of Object.keys(errors)) delete (value as unknown as Record<string, unknown>)[key];
    const query = Object.assign(value, { page: queryPage(req.query), pageSize: PAGE_SIZE });
    return { filters, query, errors };
  }
}
