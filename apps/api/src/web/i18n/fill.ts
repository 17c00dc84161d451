import { html, type SafeHtml } from '../html/html';

/**
 * A translated sentence with `{name}` slots, as HTML: the sentence is escaped like any text and
 * each slot takes a value (escaped, unless it is already SafeHtml such as `<strong>…</strong>`).
 * Word order differs between languages, so values go into slots, never concatenated around them.
 */
export function fill(sentence: string, values: Record<string, string | number | SafeHtml>): SafeHtml {
  const parts = sentence.split(/\{(\w+)\}/);
  return html`${parts.map((part, i) => (i % 2 === 0 ? part : part in values ? values[part] : `{${part}}`))}`;
}

/** The same as plain text (titles, attributes). */
export function fillText(sentence: string, values: Record<string, string | number>): string {
  return sentence.replace(/\{(\w+)\}/g, (slot, name: string) => (name in values ? String(values[name]) : slot));
}
