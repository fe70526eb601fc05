import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/app-error.js';
import { checkTimeZone, startOfDay } from './time-zone.js';

const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;

describe('startOfDay', () => {
  it('is midnight UTC by default', () => {
    expect(startOfDay(day(2026, 11, 5), 'UTC')).toBe(Date.parse('2026-11-05T00:00:00Z'));
  });

  it('is local midnight in the zone, summer and winter', () => {
    expect(startOfDay(day(2026, 11, 5), 'Europe/Paris')).toBe(Date.parse('2026-11-04T23:00:00Z'));
    expect(startOfDay(day(2026, 7, 5), 'Europe/Paris')).toBe(Date.parse('2026-07-04T22:00:00Z'));
    expect(startOfDay(day(2026, 11, 5), 'America/New_York')).toBe(Date.parse('2026-11-05T05:00:00Z'));
    expect(startOfDay(day(2026, 11, 5), 'Asia/Kolkata')).toBe(Date.parse('2026-11-04T18:30:00Z'));
  });

  it('handles the days clocks change', () => {
    // Europe/Paris moves to summer time at 02:00 on 29 March 2026: that day still starts at 00:00 +01:00.
    expect(startOfDay(day(2026, 3, 29), 'Europe/Paris')).toBe(Date.parse('2026-03-28T23:00:00Z'));
    expect(startOfDay(day(2026, 3, 30), 'Europe/Paris')).toBe(Date.parse('2026-03-29T22:00:00Z'));
  });
});

describe('checkTimeZone', () => {
  it('refuses zones Intl does not know', () => {
    expect(() => checkTimeZone('Europe/Paris')).not.toThrow();
    expect(() => checkTimeZone('Mars/Olympus')).toThrow(AppError);
    expect(() => checkTimeZone('../../etc/passwd')).toThrow(/is not a time zone/);
  });
});
