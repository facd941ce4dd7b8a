/**
 * Whole periods of a calendar, for the console's presets and its date
 * picker: where a quarter and a year begin, and which Gregorian day a
 * calendar's date names. Expected dates are worked out from the calendars'
 * month lengths, as in compare-periods.test.ts: 1 Farvardin 1405 =
 * 2026-03-21, 1 Mehr 1405 = 2026-03-21 + 6 × 31 = 2026-09-23; Esfand 1403
 * has 30 days (1 Farvardin 1404 = 2025-03-21) and Esfand 1404 has 29; the
 * Umm al-Qura table has 1 Rajab 1446 = 2025-01-01, 1 Sha‘ban = 2025-01-31,
 * 1 Ramadan = 2025-03-01.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALENDARS, type Calendar, toCalendar } from '../../shared/calendar';
import { fromCalendar, quarterStart, yearStart } from '../../shared/months';
import { addDays } from '../../shared/time';

const gregorian = (iso: string) => ({ y: Number(iso.slice(0, 4)), m: Number(iso.slice(5, 7)), d: Number(iso.slice(8, 10)) });
const iso = (d: { y: number; m: number; d: number }) => `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;

describe('quarterStart and yearStart', () => {
  const at = (f: typeof quarterStart, calendar: Calendar, day: string) => iso(f(calendar, gregorian(day)));

  it('gregory: 5 November 2026 is in the quarter from 1 October and the year from 1 January', () => {
    expect(at(quarterStart, 'gregory', '2026-11-05')).toBe('2026-10-01');
    expect(at(yearStart, 'gregory', '2026-11-05')).toBe('2026-01-01');
    expect(at(quarterStart, 'gregory', '2026-01-01')).toBe('2026-01-01');
    expect(at(quarterStart, 'gregory', '2026-03-31')).toBe('2026-01-01');
  });

  it('persian: 15 Aban 1405 (2026-11-06) is in the quarter from 1 Mehr and the year from 1 Farvardin', () => {
    expect(at(quarterStart, 'persian', '2026-11-06')).toBe('2026-09-23');
    expect(at(yearStart, 'persian', '2026-11-06')).toBe('2026-03-21');
    // 29 Esfand 1404, the year's last day.
    expect(at(yearStart, 'persian', '2026-03-20')).toBe('2025-03-21');
  });

  it('islamic-umalqura: 15 Ramadan 1446 (2025-03-15) is in the quarter from 1 Rajab', () => {
    expect(at(quarterStart, 'islamic-umalqura', '2025-03-15')).toBe('2025-01-01');
  });
});

describe('fromCalendar', () => {
  it('names the Gregorian day of a calendar date', () => {
    expect(iso(fromCalendar('persian', { y: 1405, m: 7, d: 1 }))).toBe('2026-09-23');
    expect(iso(fromCalendar('persian', { y: 1405, m: 1, d: 1 }))).toBe('2026-03-21');
    expect(iso(fromCalendar('persian', { y: 1403, m: 12, d: 30 }))).toBe('2025-03-20');
    expect(iso(fromCalendar('islamic-umalqura', { y: 1446, m: 9, d: 1 }))).toBe('2025-03-01');
    expect(iso(fromCalendar('islamic-umalqura', { y: 1446, m: 8, d: 29 }))).toBe('2025-02-28');
    expect(iso(fromCalendar('gregory', { y: 2028, m: 2, d: 29 }))).toBe('2028-02-29');
  });

  it('takes a day past the end of the month as its last day: 30 Esfand 1404 is 29 Esfand', () => {
    expect(iso(fromCalendar('persian', { y: 1404, m: 12, d: 30 }))).toBe('2026-03-20');
    expect(iso(fromCalendar('gregory', { y: 2026, m: 2, d: 31 }))).toBe('2026-02-28');
    expect(iso(fromCalendar('islamic-umalqura', { y: 1446, m: 8, d: 30 }))).toBe('2025-02-28');
  });

  it('undoes toCalendar for any day of 1990–2060, from anywhere near or far', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CALENDARS), fc.integer({ min: 0, max: 70 * 365 }), fc.integer({ min: 0, max: 70 * 365 }), (calendar, day, nearDay) => {
        const date = addDays({ y: 1990, m: 1, d: 1 }, day);
        const near = addDays({ y: 1990, m: 1, d: 1 }, nearDay);
        expect(iso(fromCalendar(calendar, toCalendar(calendar, date), near))).toBe(iso(date));
      }),
      { numRuns: 300 },
    );
  });
});
