import { AppError } from '../../lib/app-error.js';

const DAY_MS = 86_400_000;
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new AppError('INVALID_SEARCH', `"${timeZone}" is not a time zone; use a name like Europe/Paris.`);
    }
    formats.set(timeZone, format);
  }
  return format;
}

/** How far the zone's wall clock is ahead of UTC at this instant, in ms. */
function offsetAt(format: Intl.DateTimeFormat, instant: number): number {
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]));
  const wall = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/** Throws a clear 400 for a time zone Intl does not know. */
export function checkTimeZone(timeZone: string): void {
  formatFor(timeZone);
}

/**
 * The instant a calendar day (days since 1970-01-01) begins in a time zone, so `on:2026-11-05` means the day the
 * person calls 5 November, daylight saving time included.
 */
export function startOfDay(day: number, timeZone: string): number {
  const format = formatFor(timeZone);
  const wallMidnight = day * DAY_MS;
  const first = wallMidnight - offsetAt(format, wallMidnight);
  // A second look, in case a DST change lies between UTC midnight and the zone's midnight.
  return wallMidnight - offsetAt(format, first);
}
