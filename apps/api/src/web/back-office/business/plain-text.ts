import { escapeHtml } from '../../html/html';

/**
 * Sellers type plain text; the catalog stores sanitised HTML. Blank lines make paragraphs and
 * single line breaks stay breaks, so nobody has to write markup.
 */
export function textToHtml(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
  return paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('');
}
