import type { BulletinEntity } from '@tradefloor/news-bulletin';
import { field } from '../../html/forms';
import { html, type SafeHtml } from '../../html/html';
import type { PageContext } from '../../html/layout';
import { formatDateTime } from '../../kit/format';
import { pager } from '../../kit/pager';
import { bulletinUrl, withQuery } from '../../kit/urls';
import { absoluteUrl } from './bulletin.view';

export interface EventsData {
  title: string;
  /** What was typed, shown again; `from`/`to` are the valid days of it. */
  input: { from: string; to: string };
  errors: { from?: string; to?: string };
  from: string | null;
  to: string | null;
  past: boolean;
  yesterday: string;
  items: BulletinEntity[];
  total: number;
  page: number;
  pageSize: number;
}

/** /su-kien: the date filter, upcoming (or past) events and the way to the other list. */
export function eventsView(ctx: PageContext, d: EventsData): SafeHtml {
  const { t } = ctx;
  return html`<h1>${d.title}</h1>
<form class="inline" action="/su-kien" method="get">
${field({ name: 'from', label: t('events.from'), type: 'date', value: d.input.from, error: d.errors.from })}
${field({ name: 'to', label: t('events.to'), type: 'date', value: d.input.to, error: d.errors.to })}
<button type="submit">${t('events.filter')}</button>
</form>
${d.items.length ? html`<ul class="event-list">${d.items.map((e) => eventItem(ctx, e))}</ul>` : html`<p>${t('events.empty')}</p>`}
${pager(t, { page: d.page, total: d.total, pageSize: d.pageSize, href: (n) => withQuery('/su-kien', { from: d.from, to: d.to, page: n }) })}
<p>${d.past ? html`<a href="/su-kien">${t('events.upcoming')}</a>` : html`<a href="/su-kien?to=${d.yesterday}">${t('events.past')}</a>`}</p>`;
}

function eventItem(ctx: PageContext, e: BulletinEntity): SafeHtml {
  const { t, lang } = ctx;
  return html`<li class="event">
<h2><a href="${bulletinUrl(e.slug)}">${e.title}</a></h2>
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
export function eventLd(base: string, e: BulletinEntity): object {
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
    url: `${base}${bulletinUrl(e.slug)}`,
  };
}
