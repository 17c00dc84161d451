import { html, type SafeHtml } from '../html';

export interface ChartFrame {
  id: string;
  title: string;
  /** Heading level of the caption (3 inside a section that has its own heading). */
  level?: 2 | 3;
  /** What the chart shows, in words (screen readers read it instead of the drawing). */
  description: string;
  width: number;
  height: number;
  /** The drawing: SVG elements inside the viewBox. */
  marks: SafeHtml;
  /** The same numbers as a table, for reading and copying. */
  table: { columns: { label: string; value: string }; rows: Array<{ label: string; value: string }> };
}

/**
 * The frame shared by the back office charts: a figure with an inline SVG (no chart library, no
 * script) described for screen readers (role="img" with <title>/<desc>), followed by its data table.
 */
export function chartFigure(c: ChartFrame): SafeHtml {
  return html`<figure class="chart" aria-labelledby="${c.id}-cap">
<figcaption id="${c.id}-cap">${c.level === 3 ? html`<h3>${c.title}</h3>` : html`<h2>${c.title}</h2>`}</figcaption>
<svg role="img" aria-labelledby="${c.id}-title ${c.id}-desc" viewBox="0 0 ${c.width} ${c.height}" xmlns="http://www.w3.org/2000/svg">
<title id="${c.id}-title">${c.title}</title>
<desc id="${c.id}-desc">${c.description}</desc>
${c.marks}
</svg>
<details><summary>${c.table.columns.label} / ${c.table.columns.value}</summary>
<table><thead><tr><th scope="col">${c.table.columns.label}</th><th scope="col" class="num">${c.table.columns.value}</th></tr></thead>
<tbody>${c.table.rows.map((r) => html`<tr><td>${r.label}</td><td class="num">${r.value}</td></tr>`)}</tbody></table>
</details>
</figure>`;
}

/** Chart colours (contrast ≥ 4.5:1 on white for text). */
export const CHART_INK = '#1b1f1d';
export const CHART_BAR = '#0b6b3a';
export const CHART_GRID = '#d5dcd8';
