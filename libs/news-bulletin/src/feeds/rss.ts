import { escapeXml } from '@tradefloor/core';
import type { FeedChannel, FeedItem } from './feed-item';

/** RFC 822 date as RSS 2.0 wants it, e.g. "Thu, 20 Apr 2023 08:00:00 GMT". */
export function rfc822(date: Date): string {
  return date.toUTCString();
}

/** RSS 2.0 (https://www.rssboard.org/rss-specification), with an atom:link rel="self". */
export function renderRss(channel: FeedChannel, items: FeedItem[]): string {
  const lastBuild = items.reduce<Date | null>((max, i) => (!max || i.updatedAt > max ? i.updatedAt : max), null);
  const entries = items.map((i) =>
    [
      '<item>',
      `<title>${escapeXml(i.title)}</title>`,
      `<link>${escapeXml(i.url)}</link>`,
      `<guid isPermaLink="true">${escapeXml(i.url)}</guid>`,
      `<pubDate>${rfc822(i.publishedAt)}</pubDate>`,
      `<description>${escapeXml(i.summary)}</description>`,
      i.author ? `<dc:creator>${escapeXml(i.author)}</dc:creator>` : '',
      i.category ? `<category>${escapeXml(i.category)}</category>` : '',
      '</item>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    `<title>${escapeXml(channel.title)}</title>`,
    `<link>${escapeXml(channel.siteUrl)}</link>`,
    `<description>${escapeXml(channel.description)}</description>`,
    '<language>vi</language>',
    lastBuild ? `<lastBuildDate>${rfc822(lastBuild)}</lastBuildDate>` : '',
    `<atom:link href="${escapeXml(channel.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    ...entries,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}
