import { VIETNAM_UTC_OFFSET_MS as VN_OFFSET_MS, vietnamDate as vnDay } from '@tradefloor/core';

const DAY_MS = 86_400_000;

/**
 * Working days in Vietnam: Monday to Friday, except the configured public holidays. Deadlines
 * counted in working days end at the end (23:59:59.999, Vietnam time) of the last working day;
 * the day something arrives is not counted.
 */
export class WorkingDays {
  private readonly holidays: ReadonlySet<string>;

  constructor(holidays: Iterable<string>) {
    this.holidays = new Set(holidays);
  }

  isWorkingDay(day: Date): boolean {
    const local = new Date(day.getTime() + VN_OFFSET_MS);
    const weekday = local.getUTCDay();
    return weekday !== 0 && weekday !== 6 && !this.holidays.has(vnDay(day));
  }

  /** The end of the `n`-th working day after `from` (Vietnam time). */
  addWorkingDays(from: Date, n: number): Date {
    let day = this.startOfVnDay(from);
    let left = n;
    while (left > 0) {
      day = new Date(day.getTime() + DAY_MS);
      if (this.isWorkingDay(day)) left--;
    }
    return new Date(day.getTime() + DAY_MS - 1);
  }

  /** Calendar days (the law counts the 15/20-day completion deadlines in days): end of the n-th day after `from`. */
  addDays(from: Date, n: number): Date {
    return new Date(this.startOfVnDay(from).getTime() + (n + 1) * DAY_MS - 1);
  }

  private startOfVnDay(d: Date): Date {
    return new Date(Date.parse(`${vnDay(d)}T00:00:00.000Z`) - VN_OFFSET_MS);
  }
}
