import { html, type SafeHtml } from '../html';
import { CHART_BAR, CHART_INK, chartFigure } from './chart-frame';

export interface Bar {
  label: string;
  value: number;
}

/** A horizontal bar chart (one bar per category), followed by the same numbers as a table. */
export function barChart(id: string, title: string, bars: Bar[], labels: { label: string; value: string }, format: (n: number) => string): SafeHtml {
  const rowH = 28;
  const labelW = 190;
  const width = 600;
  const barMax = width - labelW - 70;
  const max = Math.max(1, ...bars.map((b) => b.value));
  return chartFigure({
    id,
    title,
    description: bars.map((b) => `${b.label}: ${format(b.value)}`).join('; '),
    width,
    height: bars.length * rowH + 10,
    marks: html`${bars.map((b, i) => {
      const y = 5 + i * rowH;
      const w = Math.round((b.value / max) * barMax);
      return html`<g><text x="${labelW - 8}" y="${y + 18}" text-anchor="end" font-size="13" fill="${CHART_INK}">${b.label.length > 26 ? `${b.label.slice(0, 25)}…` : b.label}</text>
<rect x="${labelW}" y="${y + 4}" width="${w}" height="${rowH - 8}" fill="${CHART_BAR}" data-value="${b.value}"></rect>
<text x="${labelW + w + 6}" y="${y + 18}" font-size="13" fill="${CHART_INK}">${format(b.value)}</text></g>`;
    })}`,
    table: { columns: labels, rows: bars.map((b) => ({ label: b.label, value: format(b.value) })) },
  });
}
