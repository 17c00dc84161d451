/**
 * Plain text of stored (sanitised) HTML, keeping its shape: `<br>` becomes a line break, a
 * paragraph, heading or block a blank line, a list item or table row a line. Used wherever stored
 * descriptions leave as text: the seller's edit form (which turns blank lines back into paragraphs),
 * the product read model (marketplace descriptions, search text).
 *
 * Entities are decoded in ONE pass, so `&amp;lt;` (the text "&lt;" typed by a seller) stays the
 * literal text `&lt;` — decoding `&amp;` first and `&lt;` after would wrongly make it `<`.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/\r\n?/g, '\n')
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(li|tr|dt|dd)\s*>/gi, '\n')
    .replace(/<\/(p|h[1-6]|div|ul|ol|dl|blockquote|pre|table|section|article)\s*>/gi, '\n\n')
    .replace(/<\/(td|th)\s*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, decodeEntity)
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntity(entity: string, body: string): string {
  if (body[0] === '#') {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : entity;
  }
  return NAMED[body.toLowerCase()] ?? entity;
}
