import { html, type SafeHtml } from './html';

/**
 * The box around a table that may be wider than a phone: it scrolls sideways instead of the page.
 * It is a named region in the tab order so that keyboard users can scroll it too (arrow keys once
 * it has the focus; WCAG 2.1.1, axe's scrollable-region-focusable): a table of plain figures has
 * no link or button that would otherwise bring its hidden columns into view.
 */
export function scrollRegion(labelledBy: string, table: SafeHtml, className = 'table-wrap'): SafeHtml {
  return html`<div class="${className}" role="region" tabindex="0" aria-labelledby="${labelledBy}">${table}</div>`;
}
