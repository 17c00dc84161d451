/** Milliseconds `timeZone` is ahead of UTC at `at` (Intl knows every zone's history and DST). */
function offsetMs(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(at));
  const n = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - Math.floor(at / 1000) * 1000;
}

/**
 * The next 00:00 in a partner's time zone after `now`: when its daily call quota resets. (Where a
 * DST change skips midnight, the instant the clocks show after the jump.)
 */
export function nextQuotaReset(now: Date, timeZone: string): Date {
  const local = now.getTime() + offsetMs(timeZone, now.getTime());
  const d = new Date(local);
  const midnightWall = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
  // Wall time → instant: the offset at the guess, checked once more across an offset change.
  let instant = midnightWall - offsetMs(timeZone, midnightWall);
  instant = midnightWall - offsetMs(timeZone, instant);
  return new Date(instant);
}

/** Throws RangeError for a name Intl does not know, so a channel with a bad zone fails at start-up. */
export function assertTimeZone(timeZone: string): void {
  new Intl.DateTimeFormat('en-US', { timeZone });
}
