import { addMonths, certificateErrors, checkOcopScore, currentCertificate, isCalendarDate, ocopLevel } from './ocop-rules';

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

  it('shows the valid certificate with most stars, then the latest decision, ignoring lapsed and revoked ones', () => {
    const c = (id: string, stars: number, decisionDate: string, validUntil: string, status = 'valid') => ({ id, stars, decisionDate, validUntil, status });
    const today = '2025-07-10';
    const list = [
      c('old3', 3, '2023-01-01', '2026-01-01'),
      c('new3', 3, '2024-01-01', '2027-01-01'),
      c('lapsed5', 5, '2022-01-01', '2025-07-09'),
      c('revoked4', 4, '2024-06-01', '2027-06-01', 'revoked'),
    ];
    expect(currentCertificate(list, today)?.id).toBe('new3');
    expect(currentCertificate([...list, c('four', 4, '2022-08-01', '2025-07-10')], today)?.id).toBe('four');
    expect(currentCertificate([list[2], list[3]], today)).toBeUndefined();
  });

  it('reports every rule of a new certificate at once, by field', () => {
    const today = '2025-07-10';
    expect(certificateErrors({ stars: 4, score: 78, decisionDate: '2025-07-10' }, today)).toEqual([]);
    expect(certificateErrors({ stars: 5, score: 78, decisionDate: '2025-07-11' }, today).map((e) => e.field)).toEqual(['score', 'decisionDate']);
    expect(certificateErrors({ stars: 3, score: 95, potentialFiveStar: true, decisionDate: '2025-02-30' }, today).map((e) => e.field)).toEqual([
      'potentialFiveStar',
      'decisionDate',
    ]);
  });
});
