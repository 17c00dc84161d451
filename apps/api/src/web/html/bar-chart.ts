import { html, type SafeHtml } from './html';

export interface Bar {
  label: string;
  value: number;
}

export interface BarChartOptions {
  /**
   * `rows` (default): one horizontal bar per category, labels on the left — for named categories.
   * `columns`: vertical bars along an axis — for a time series (scans per day).
   */
  layout?: 'rows' | 'columns';
}

const WIDTH = 600;
const INK = '#1b1f1d';
const BAR = '#0b6b3a';

function shorten(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

function rows(bars: Bar[], max: number, format: (n: number) => string): { height: number; marks: SafeHtml[] } {
  const rowH = 28;
  const labelW = 190;
  const barMax = WIDTH - labelW - 70;
  const marks = bars.map((b, i) => {
    const y = 5 + i * rowH;
    const w = Math.round((b.value / max) * barMax);
    return html`<g><text x="${labelW - 8}" y="${y + 18}" text-anchor="end" font-size="13" fill="${INK}">${shorten(b.label, 26)}</text>
<rect x="${labelW}" y="${y + 4}" width="${w}" height="${rowH - 8}" fill="${BAR}" data-value="${b.value}"></rect>
<text x="${labelW + w + 6}" y="${y + 18}" font-size="13" fill="${INK}">${format(b.value)}</text></g>`;
  });
  return { height: bars.length * rowH + 10, marks };
}

function columns(bars: Bar[], max: number, format: (n: number) => string): { height: number; marks: SafeHtml[] } {
  const height = 240;
  // Phones scale the 600-unit-wide drawing down to about 350 px: labels are drawn large to stay readable.
  const [left, right, top, bottom] = [48, 8, 14, 32];
  const plotH = height - top - bottom;
  const slot = (WIDTH - left - right) / Math.max(1, bars.length);
  // At most about seven axis labels, so they never overlap; every value is in the table below.
  const every = Math.max(1, Math.ceil(bars.length / 7));
  const axis = html`<line x1="${left}" y1="${top + plotH}" x2="${WIDTH - right}" y2="${top + plotH}" stroke="#8a948f"></line>
<text x="${left - 6}" y="${top + 12}" text-anchor="end" font-size="16" fill="${INK}">${format(max)}</text>
<text x="${left - 6}" y="${top + plotH}" text-anchor="end" font-size="16" fill="${INK}">0</text>`;
  const marks = bars.map((b, i) => {
    const h = Math.round((b.value / max) * plotH);
    const x = left + i * slot;
    const w = Math.max(1, Math.round(slot * 0.7));
    return html`<g><rect x="${Math.round(x + (slot - w) / 2)}" y="${top + plotH - h}" width="${w}" height="${h}" fill="${BAR}" data-value="${b.value}"><title>${b.label}: ${format(b.value)}</title></rect>
${i % every === 0 ? html`<text x="${Math.round(x + slot / 2)}" y="${height - 8}" text-anchor="middle" font-size="16" fill="${INK}">${shorten(b.label, 8)}</text>` : ''}</g>`;
  });
  return { height, marks: [axis, ...marks] };
}

/**
 * A bar chart as inline SVG (no chart library, no script), described for screen readers
 * (role="img" with <title>/<desc>) and followed by the same numbers as a table.
 */
export function barChart(
  id: string,
  title: string,
  bars: Bar[],
  labels: { label: string; value: string },
  format: (n: number) => string,
  options: BarChartOptions = {},
): SafeHtml {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const { height, marks } = (options.layout === 'columns' ? columns : rows)(bars, max, format);
  const summary = bars.map((b) => `${b.label}: ${format(b.value)}`).join('; ');
  return html`<figure class="chart" aria-labelledby="${id}-cap">
<figcaption id="${id}-cap"><h2>${title}</h2></figcaption>
<svg role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${WIDTH} ${height}" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-title">${title}</title>
<desc id="${id}-desc">${summary}</desc>
${marks}
</svg>
<details><summary>${labels.label} / ${labels.value}</summary>
<table><thead><tr><th scope="col">${labels.label}</th><th scope="col" class="num">${labels.value}</th></tr></thead>
<tbody>${bars.map((b) => html`<tr><td>${b.label}</td><td class="num">${format(b.value)}</td></tr>`)}</tbody></table>
</details>
</figure>`;
}
