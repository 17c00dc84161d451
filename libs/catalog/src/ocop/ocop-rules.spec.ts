import { addMonths, checkOcopScore, isCalendarDate, ocopLevel } from './ocop-rules';

describe('OCOP rules', () => {
  it('adds 36 months, clamping to the month end', () => {
    expect(addMonths('2023-02-24', 36)).toBe('2026-02-24');
    expect(addMonths('2024-02-29', 36)).toBe('2027-02-28');
    expect(addMonths('2022-12-31', 36)).toBe('2025-12-31');
  });

  it('checks score bands', () => {
    expect(checkOcopScore(5, 90, false)).toEqual([]);
    expect(checkOcopScore(5, 100, false)).toEqual([]);
    expect(checkOcopScore(5, 89.99, false)).toHaveLength(1);
    expect(checkOcopScore(4, 70, false)).toEqual([]);
    expect(checkOcopScore(4, 90, false)).toHaveLength(1);
    expect(checkOcopScore(3, 50, false)).toEqual([]);
    expect(checkOcopScore(3, 69.5, false)).toEqual([]);
    expect(checkOcopScore(3, 70, false)).toHaveLength(1);
    expect(checkOcopScore(3, 49, false)).toHaveLength(1);
  });

  it('requires 4 stars and a score ≥ 90 for potential 5-star, and counts it separately', () => {
    expect(checkOcopScore(4, 92, true)).toEqual([]);
    expect(checkOcopScore(4, 85, true).map((e) => e.field)).toEqual(['score']);
    expect(checkOcopScore(5, 95, true).map((e) => e.field)).toEqual(['potentialFiveStar']);
    expect(ocopLevel(4, true)).toBe('potential5');
    expect(ocopLevel(4, false)).toBe('4');
  });

  it('recognises calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2023-2-1')).toBe(false);
  });
});
