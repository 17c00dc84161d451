import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, Clock, vietnamDate, type ResolvedConfig } from '@tradefloor/core';
import { BulletinQueryService, type BulletinEntity } from '@tradefloor/news-bulletin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { field } from '../../html/forms';
import { html, jsonLd, type SafeHtml } from '../../html/html';
import { layout, type PageContext } from '../../html/layout';
import { pageContext, sendPage } from '../../kit/page-context';
import { absoluteUrl, bulletinPath } from './bulletin.view';
import { formatDateTime, parseDay, queryPage, queryText } from '../../kit/format';
import { pager } from '../../kit/pager';

const PAGE_SIZE = 20;
const DAY_MS = 86_400_000;

/** /su-kien: fairs, market days and exhibitions, upcoming by default, or within a chosen date range. */
@ApiExcludeController()
@Controller('su-kien')
export class EventsPageController {
  constructor(
    private readonly queries: BulletinQueryService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = pageContext(req, reply, this.config.publicBaseUrl);
    const { t } = ctx;
    const input = { from: queryText(req.query, 'from', 20), to: queryText(req.query, 'to', 20) };
    const page = queryPage(req.query);
    const from = input.from ? parseDay(input.from) : null;
    const to = input.to ? parseDay(input.to) : null;
    const errors: { from?: string; to?: string } = {};
    if (input.from && !from) errors.from = t('events.badDate');
    if (input.to && !to) errors.to = t('events.badDate');
    if (from && to && to < from) errors.to = t('events.badRange');
    const invalid = Object.keys(errors).length > 0;

    // Days are Vietnamese calendar days: from its first to its last second in UTC+7.
    const result = invalid
      ? { items: [], total: 0 }
      : await this.queries.events({
          from: from ? `${from}T00:00:00+07:00` : undefined,
          to: to ? `${to}T23:59:59+07:00` : undefined,
          page,
          pageSize: PAGE_SIZE,
        });
    const today = vietnamDate(this.clock.now());
    const yesterday = vietnamDate(new Date(this.clock.now().getTime() - DAY_MS));
    const past = !!to && to < today && !from;
    const title = past ? t('events.past.title') : t('events.title');
    const query = (p: number) => {
      const params = new URLSearchParams();
      if (from) params.set('from', from);
      if (to) params.set('to', to);
      if (p > 1) params.set('page', String(p));
      const s = params.toString();
      return s ? `?${s}` : '';
    };
    const body = html`<h1>${title}</h1>
<form class="inline" action="/su-kien" method="get">
${field({ name: 'from', label: t('events.from'), type: 'date', value: input.from, error: errors.from })}
${field({ name: 'to', label: t('events.to'), type: 'date', value: input.to, error: errors.to })}
<button type="submit">${t('events.filter')}</button>
</form>
${result.items.length ? html`<ul class="event-list">${result.items.map((e) => eventItem(ctx, e))}</ul>` : html`<p>${t('events.empty')}</p>`}
${pager(t, '/su-kien', query, page, result.total, PAGE_SIZE)}
<p>${past ? html`<a href="/su-kien">${t('events.upcoming')}</a>` : html`<a href="/su-kien?to=${yesterday}">${t('events.past')}</a>`}</p>`;
    const base = this.config.publicBaseUrl;
    const ld = result.items.length ? jsonLd(result.items.map((e) => eventLd(base, e))) : undefined;
    sendPage(reply, layout(ctx, { title, description: t('events.description'), path: '/su-kien', structuredData: ld }, body), invalid ? 400 : 200);
  }
}

function eventItem(ctx: PageContext, e: BulletinEntity): SafeHtml {
  const { t, lang } = ctx;
  return html`<li class="event">
<h2><a href="${bulletinPath(e.slug)}">${e.title}</a></h2>
<dl>
${
  e.eventStartsAt && e.eventEndsAt
    ? html`<dt>${t('events.when')}</dt><dd><time datetime="${e.eventStartsAt.toISOString()}">${formatDateTime(lang, e.eventStartsAt)}</time> – <time datetime="${e.eventEndsAt.toISOString()}">${formatDateTime(lang, e.eventEndsAt)}</time></dd>`
    : ''
}
${e.eventLocation ? html`<dt>${t('events.where')}</dt><dd>${e.eventLocation}</dd>` : ''}
${e.eventOrganiser ? html`<dt>${t('events.organiser')}</dt><dd>${e.eventOrganiser}</dd>` : ''}
</dl>
<p>${e.summary}</p>
</li>`;
}

/** schema.org Event, so search engines can list the fair with its dates and place. */
function eventLd(base: string, e: BulletinEntity): object {
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: e.title,
    description: e.summary,
    startDate: e.eventStartsAt?.toISOString(),
    endDate: e.eventEndsAt?.toISOString(),
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    location: e.eventLocation ? { '@type': 'Place', name: e.eventLocation, address: e.eventLocation } : undefined,
    organizer: e.eventOrganiser ? { '@type': 'Organization', name: e.eventOrganiser } : undefined,
    image: e.coverImageUrl ? [absoluteUrl(base, e.coverImageUrl)] : undefined,
    url: `${base}${bulletinPath(e.slug)}`,
  };
}
