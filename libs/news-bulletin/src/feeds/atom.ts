import { escapeXml } from '@tradefloor/core';
import type { FeedChannel, FeedItem } from './feed-item';

/** Atom 1.0 (RFC 4287). Every entry has an author: the byline, else the site itself. */
export function renderAtom(channel: FeedChannel, items: FeedItem[], fallbackUpdated: Date): string {
  const updated = items.reduce((max, i) => (i.updatedAt > max ? i.updatedAt : max), items[0]?.updatedAt ?? fallbackUpdated);
  const entries = items.map((i) =>
    [
      '<entry>',
      `<id>urn:uuid:${i.id}</id>`,
      `<title type="text">${escapeXml(i.title)}</title>`,
      `<link rel="alternate" type="text/html" href="${escapeXml(i.url)}"/>`,
      `<published>${i.publishedAt.toISOString()}</published>`,
      `<updated>${i.updatedAt.toISOString()}</updated>`,
      `<author><name>${escapeXml(i.author ?? channel.title)}</name></author>`,
      i.category ? `<category term="${escapeXml(i.category)}"/>` : '',
      `<summary type="text">${escapeXml(i.summary)}</summary>`,
      `<content type="html">${escapeXml(i.body)}</content>`,
      '</entry>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">',
    `<id>${escapeXml(channel.selfUrl)}</id>`,
    `<title type="text">${escapeXml(channel.title)}</title>`,
    `<subtitle type="text">${escapeXml(channel.description)}</subtitle>`,
    `<updated>${updated.toISOString()}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(channel.selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(channel.siteUrl)}"/>`,
    `<author><name>${escapeXml(channel.title)}</name></author>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
