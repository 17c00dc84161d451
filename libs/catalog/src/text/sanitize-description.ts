import sanitizeHtml from 'sanitize-html';

/**
 * Product descriptions are rich text from sellers: an allow-list of formatting tags, links
 * restricted to http(s)/mailto, no scripts, styles, event handlers or embedded content.
 * TODO(merge): switch to core's `sanitizeRichText` once it lands (kept local to avoid a conflict).
 */
export function sanitizeDescription(html: string): string {
  return sanitizeHtml(html.normalize('NFC'), {
    allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'ul', 'ol', 'li', 'h2', 'h3', 'h4', 'blockquote', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
    allowedAttributes: { a: ['href', 'title', 'rel'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener noreferrer' }) },
  }).trim();
}
