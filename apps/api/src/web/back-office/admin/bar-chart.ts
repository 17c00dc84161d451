import { html, type SafeHtml } from '../../html/html';

export interface Bar {
  label: string;
  value: number;
}

/**
 * A horizontal bar chart as inline SVG (no chart library, no script), described for screen
 * readers (role="img" with <title>/<desc>) and followed by the same numbers as a table.
 */
export function barChart(id: string, title: string, bars: Bar[], labels: { label: string; value: string }, format: (n: number) => string): SafeHtml {
  const rowH = 28;
  const labelW = 190;
  const width = 600;
  const barMax = width - labelW - 70;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * rowH + 10;
  const summary = bars.map((b) => `${b.label}: ${format(b.value)}`).join('; ');
  return html`<figure class="chart" aria-labelledby="${id}-cap">
<figcaption id="${id}-cap"><h2>${title}</h2></figcaption>
<svg role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-title">${title}</title>
<desc id="${id}-desc">${summary}</desc>
${bars.map((b, i) => {
    const y = 5 + i * rowH;
    const w = Math.round((b.value / max) * barMax);
    return html`<g><text x="${labelW - 8}" y="${y + 18}" text-anchor="end" font-size="13" fill="#1b1f1d">${b.label.length > 26 ? `${b.label.slice(0, 25)}…` : b.label}</text>
<rect x="${labelW}" y="${y + 4}" width="${w}" height="${rowH - 8}" fill="#0b6b3a" data-value="${b.value}"></rect>
<text x="${labelW + w + 6}" y="${y + 18}" font-size="13" fill="#1b1f1d">${format(b.value)}</text></g>`;
  })}
</svg>
<details><summary>${labels.label} / ${labels.value}</summary>
<table><thead><tr><th scope="col">${labels.label}</th><th scope="col" class="num">${labels.value}</th></tr></thead>
<tbody>${bars.map((b) => html`<tr><td>${b.label}</td><td class="num">${format(b.value)}</td></tr>`)}</tbody></table>
</details>
</figure>`;
}
