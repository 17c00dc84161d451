import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PrivacyRequests, type PrivacyRequestDto } from '@tradefloor/privacy';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import { formatDateTime } from '../../kit/format';
import { BackOffice, STAFF } from '../back-office';

const PATH = '/quan-ly/yeu-cau-du-lieu';

function queueView(ctx: PageContext, items: PrivacyRequestDto[], csrf: () => SafeHtml): SafeHtml {
  const { t, lang } = ctx;
  return html`<h1>${t('pv.queue.title')}</h1><p>${t('pv.queue.intro')}</p>
<table><thead><tr><th>${t('pv.queue.code')}</th><th>${t('pv.queue.kind')}</th><th>${t('pv.queue.who')}</th><th>${t('pv.queue.ackDue')}</th><th>${t('pv.queue.due')}</th><th>${t('pv.state')}</th><th></th></tr></thead><tbody>
${items.map(
  (i) => html`<tr${i.overdue ? html` class="overdue"` : ''}><th scope="row">${i.code}</th><td>${i.kind}</td><td>${i.name}<br><small>${i.email}</small></td>
<td>${formatDateTime(lang, i.ackDueAt)}</td><td>${formatDateTime(lang, i.dueAt)}${i.extensionReason ? html`<br><small>${t('pv.queue.extended')}: ${i.extensionReason}</small>` : ''}</td>
<td>${i.status}${i.overdue ? html` <strong>${t('pv.queue.overdue')}</strong>` : ''}</td>
<td>${i.status === 'received' ? html`<form method="post" action="${PATH}/${i.id}/nhan">${csrf()}<button type="submit">${t('pv.queue.ack')}</button></form>` : ''}</td></tr>`,
)}
</tbody></table>`;
}

/** The staff queue of privacy requests (/quan-ly/yeu-cau-du-lieu) with its timers; overdue rows highlighted. */
@ApiExcludeController()
@Controller('quan-ly/yeu-cau-du-lieu')
export class PrivacyRequestQueuePageController {
  constructor(
    private readonly bo: BackOffice,
    private readonly requests: PrivacyRequests,
  ) {}

  @Get()
  queue(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, STAFF, async (r) => {
      this.bo.send(r, r.ctx.t('pv.queue.title'), queueView(r.ctx, await this.requests.list(), r.csrf));
    });
  }

  @Post(':id/nhan')
  acknowledge(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.bo.form(req, reply, STAFF, async (r) => {
      await this.requests.acknowledge(id);
      this.bo.redirect(r, PATH);
    });
  }
}
