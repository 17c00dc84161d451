import { niceCeiling, timeSeriesChart } from './time-series-chart';

describe('time-series chart', () => {
  it('rounds the axis up to 1, 2 or 5 × 10^k', () => {
    expect([0, 1, 3, 7, 10, 11, 240, 999].map(niceCeiling)).toEqual([1, 1, 5, 10, 10, 20, 500, 1000]);
  });

  it('draws one column per day with its value, names the most recent day, and lists every day in the table', () => {
    const points = Array.from({ length: 30 }, (_, i) => ({ day: `2025-06-${String(i + 1).padStart(2, '0')}`, value: i === 29 ? 4 : i % 3 }));
    const out = String(
      timeSeriesChart({
        id: 's',
        title: 'Lượt quét',
        description: 'Tổng: 33',
        points,
        columns: { label: 'Ngày', value: 'Số lượt' },
        format: String,
        shortDay: (d) => d.slice(8),
        longDay: (d) => d,
      }),
    );
    expect([...out.matchAll(/<rect [^>]*data-day="([\d-]+)" data-value="(\d+)"/g)]).toHaveLength(30);
    expect(out).toContain('data-day="2025-06-30" data-value="4"><title>2025-06-30: 4</title>');
    // Columns are scaled to the rounded maximum (5): a value of 4 fills 4/5 of the plot height.
    expect(out).toMatch(/height="142.4" fill="#0b6b3a" data-day="2025-06-30"/);
    expect(out).toMatch(/<text [^>]*text-anchor="middle"[^>]*>30<\/text>/);
    expect((out.match(/<tr><td>/g) ?? []).length).toBe(30);
  });
});
