import { VIETNAM_PUBLIC_HOLIDAYS } from './vietnam-holidays';
import { WorkingDays } from './working-days';

/** Vietnam time (UTC+7) instant → ISO in Vietnam time, for readable expectations. */
const vn = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().replace('Z', '+07:00');
const at = (local: string) => new Date(`${local}+07:00`);

describe('WorkingDays (Vietnamese working days and configured public holidays)', () => {
  const days = new WorkingDays(VIETNAM_PUBLIC_HOLIDAYS);

  it('skips weekends: a request on Friday is due at the end of Tuesday (2 working days)', () => {
    expect(vn(days.addWorkingDays(at('2026-03-06T10:00:00'), 2))).toBe('2026-03-10T23:59:59.999+07:00');
    expect(days.isWorkingDay(at('2026-03-07T12:00:00'))).toBe(false); // Saturday
    expect(days.isWorkingDay(at('2026-03-08T12:00:00'))).toBe(false); // Sunday
  });

  it('skips the configured Tết holiday: a request the day before Tết 2026 is due after it', () => {
    // Friday 13 Feb 2026; Tết runs 14–22 Feb; the next working days are Mon 23 and Tue 24.
    expect(vn(days.addWorkingDays(at('2026-02-13T16:00:00'), 2))).toBe('2026-02-24T23:59:59.999+07:00');
    expect(days.isWorkingDay(at('2026-02-18T09:00:00'))).toBe(false); // a Wednesday inside Tết
  });

  it('skips single holidays (30 April, 1 May) and counts by the Vietnamese calendar day, not UTC', () => {
    // Wednesday 29 Apr 2026 at 23:30 in Vietnam is still the 29th there (16:30 UTC).
    expect(vn(days.addWorkingDays(at('2026-04-29T23:30:00'), 2))).toBe('2026-05-05T23:59:59.999+07:00');
    // 00:30 on Thursday 30 Apr in Vietnam is 17:30 UTC on the 29th: it is a holiday there.
    expect(days.isWorkingDay(at('2026-04-30T00:30:00'))).toBe(false);
  });

  it('uses only the holidays it is given (configured data), and counts calendar days for completion', () => {
    const plain = new WorkingDays([]);
    expect(plain.isWorkingDay(at('2026-02-18T09:00:00'))).toBe(true);
    const extra = new WorkingDays(['2026-03-10']);
    expect(vn(extra.addWorkingDays(at('2026-03-06T10:00:00'), 2))).toBe('2026-03-11T23:59:59.999+07:00');
    expect(vn(days.addDays(at('2026-03-06T10:00:00'), 15))).toBe('2026-03-21T23:59:59.999+07:00');
  });
});
