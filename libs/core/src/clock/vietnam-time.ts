/** Việt Nam has kept UTC+7 without daylight saving since 1975, so the offset is a constant. */
export const VIETNAM_UTC_OFFSET_MS = 7 * 3_600_000;

const DAY_MS = 86_400_000;

/** The calendar day (YYYY-MM-DD) of an instant in Việt Nam: what "today" means to the province. */
export function vietnamDate(instant: Date): string {
  return new Date(instant.getTime() + VIETNAM_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** Every calendar day from `from` to `to` (YYYY-MM-DD, both included), oldest first. */
export function calendarDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${to}T00:00:00Z`); d <= end; d += DAY_MS) {
    days.push(new Date(d).toISOString().slice(0, 10));
  }
  return days;
}
