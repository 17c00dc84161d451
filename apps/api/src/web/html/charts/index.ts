/** Inline SVG charts for the back office: no chart library, no script, each with its data table. */
export { barChart, type Bar } from './bar-chart';
export { niceCeiling, timeSeriesChart, type DayValue, type TimeSeriesOptions } from './time-series-chart';
