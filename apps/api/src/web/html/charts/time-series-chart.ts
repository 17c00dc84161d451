import { html, type SafeHtml } from '../html';
import { CHART_BAR, CHART_GRID, CHART_INK, chartFigure } from './chart-frame';

export interface DayValue {
  /** Calendar day, YYYY-MM-DD. */
  day: string;
  value: number;
}

export interface TimeSeriesOptions {
  id: string;
  title: string;
  level?: 2 | 3;
  description: string;
  /** One point per day, in order, days without activity included as 0. */
  points: DayValue[];
  columns: { label: string; value: string };
  format: (n: number) => string;
  /** Short day label under the axis (dd/mm) and the full one (table, tooltips). */
  shortDay: (day: string) => string;
  longDay: (day: string) => string;
}

const WIDTH = 600;
const HEIGHT = 220;
const LEFT = 48;
const RIGHT = 8;
const TOP = 12;
const BOTTOM = 30;
const MAX_X_LABELS = 7;

/** 1, 2 or 5 × 10^k at or above `n`, so the axis reads in round numbers. */
export function niceCeiling(n: number): number {
  if (n <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 5, 10].map((m) => m * power).find((v) => v >= n) ?? 10 * power;
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * A column per day (counts over time) on a zero-based axis with round gridlines; every column
 * carries its day and value (`data-day`, `data-value`, and a tooltip title).
 */
export function timeSeriesChart(o: TimeSeriesOptions): SafeHtml {
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const max = niceCeiling(Math.max(0, ...o.points.map((p) => p.value)));
  const slot = plotW / Math.max(1, o.points.length);
  const barW = Math.max(1, slot * 0.7);
  const y = (v: number) => TOP + plotH - (v / max) * plotH;
  // Label every step-th day counted back from the last, so the most recent day is always named.
  const step = Math.ceil(o.points.length / MAX_X_LABELS);
  const last = o.points.length - 1;
  const grid = Number.isInteger(max / 2) ? [0, max / 2, max] : [0, max];
  const marks = html`${grid.map(
    (v) => html`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${round(y(v))}" y2="${round(y(v))}" stroke="${CHART_GRID}"></line>
<text x="${LEFT - 6}" y="${round(y(v)) + 4}" text-anchor="end" font-size="11" fill="${CHART_INK}">${o.format(v)}</text>`,
  )}
${o.points.map((p, i) => {
  const x = LEFT + i * slot + (slot - barW) / 2;
  const top = y(p.value);
  return html`<rect x="${round(x)}" y="${round(top)}" width="${round(barW)}" height="${round(TOP + plotH - top)}" fill="${CHART_BAR}" data-day="${p.day}" data-value="${p.value}"><title>${o.longDay(p.day)}: ${o.format(p.value)}</title></rect>`;
})}
${o.points.map((p, i) =>
  (last - i) % step === 0
    ? html`<text x="${round(LEFT + i * slot + slot / 2)}" y="${HEIGHT - 10}" text-anchor="middle" font-size="11" fill="${CHART_INK}">${o.shortDay(p.day)}</text>`
    : '',
)}`;
  return chartFigure({
    id: o.id,
    title: o.title,
    level: o.level,
    description: o.description,
    width: WIDTH,
    height: HEIGHT,
    marks,
    table: { columns: o.columns, rows: o.points.map((p) => ({ label: o.longDay(p.day), value: o.format(p.value) })) },
  });
}
