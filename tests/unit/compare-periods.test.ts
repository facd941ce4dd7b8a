/**
 * The period a `compare` puts beside the asked range (docs/contract.md §17):
 * the same calendar period a month or a year before, in the query's calendar
 * and zone. Expected dates are worked out by hand from the calendars' month
 * lengths, not with Intl:
 *
 * - Persian: Farvardin–Shahrivar have 31 days, Mehr–Bahman 30, Esfand 29
 *   (30 in a leap year: 1403). 1 Farvardin 1403 = 2024-03-20, 1404 =
 *   2025-03-21, 1405 = 2026-03-21; so 1 Mehr 1405 = 2026-03-21 + 6 × 31
 *   days = 2026-09-23, 1 Aban = 2026-10-23, 1 Azar = 2026-11-22, and
 *   1 Esfand 1404 = 2026-03-21 − 29 = 2026-02-20, 1 Esfand 1403 =
 *   2025-03-21 − 30 = 2025-02-19. Tehran is UTC+03:30 all year since 2022.
 * - Umm al-Qura (the published table): 1 Ramadan 1445 = 2024-03-11,
 *   1 Shawwal 1445 = 2024-04-10 (30 days); 1 Ramadan 1446 = 2025-03-01,
 *   1 Shawwal = 2025-03-30 (29 days), 1 Dhu al-Qadah = 2025-04-29 (30).
 *   Riyadh is UTC+03:00.
 */
import { describe, expect, it } from 'vitest';
import type { Calendar } from '../../shared/calendar';
import { monthLength, monthsBefore } from '../../shared/months';
import type { Compare } from '../../shared/schemas/scores';
import { isoUtc } from '../../shared/time';
import { InvalidParameter, comparedPeriod } from '../../worker/scores/range';

const gregorian = (iso: string) => ({ y: Number(iso.slice(0, 4)), m: Number(iso.slice(5, 7)), d: Number(iso.slice(8, 10)) });
const iso = (d: { y: number; m: number; d: number }) => `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;

/** The compared period of [from, to) (UTC instants), as ISO UTC. */
function period(compare: Compare, calendar: Calendar, tz: string, from: string, to: string): [string, string] {
  const p = comparedPeriod({ compare, calendar, tz }, Date.parse(from), Date.parse(to))!;
  return [isoUtc(p.from), isoUtc(p.to)];
}

describe('monthsBefore: the same day, a last day stays a last day', () => {
  const before = (calendar: Calendar, day: string, months: number) => iso(monthsBefore(calendar, gregorian(day), months));

  it('gregory: 31 March → 28 February (29 in 2028); 28 February → 31 January; 29 February → 28 February a year before', () => {
    expect(before('gregory', '2026-03-31', 1)).toBe('2026-02-28');
    expect(before('gregory', '2028-03-31', 1)).toBe('2028-02-29');
    expect(before('gregory', '2026-03-30', 1)).toBe('2026-02-28');
    expect(before('gregory', '2026-03-15', 1)).toBe('2026-02-15');
    expect(before('gregory', '2026-02-28', 1)).toBe('2026-01-31');
    expect(before('gregory', '2026-01-31', 1)).toBe('2025-12-31');
    expect(before('gregory', '2028-02-29', 12)).toBe('2027-02-28');
    expect(before('gregory', '2027-02-28', 12)).toBe('2026-02-28');
    // The last day of a common February maps to the last of a leap one.
    expect(before('gregory', '2029-02-28', 12)).toBe('2028-02-29');
    expect(before('gregory', '2026-04-30', 1)).toBe('2026-03-31');
  });

  it('persian: 31 Farvardin → 29 Esfand (30 in 1403), 30 Mehr → 31 Shahrivar, 30 Esfand 1403 → 29 Esfand 1402', () => {
    expect(before('persian', '2026-04-20', 1)).toBe('2026-03-20'); // 31 Farvardin 1405 → 29 Esfand 1404
    expect(before('persian', '2025-04-20', 1)).toBe('2025-03-20'); // 31 Farvardin 1404 → 30 Esfand 1403
    expect(before('persian', '2026-10-22', 1)).toBe('2026-09-22'); // 30 Mehr 1405 → 31 Shahrivar 1405
    expect(before('persian', '2026-11-06', 1)).toBe('2026-10-07'); // 15 Aban → 15 Mehr 1405
    expect(before('persian', '2025-03-20', 12)).toBe('2024-03-19'); // 30 Esfand 1403 → 29 Esfand 1402
    expect(before('persian', '2026-10-23', 12)).toBe('2025-10-23'); // 1 Aban 1405 → 1 Aban 1404
  });

  it('islamic-umalqura: 30 Shawwal 1446 → 29 Ramadan 1446; 29 Ramadan 1446 → 30 Ramadan 1445', () => {
    expect(before('islamic-umalqura', '2025-04-28', 1)).toBe('2025-03-29');
    expect(before('islamic-umalqura', '2025-03-29', 12)).toBe('2024-04-09');
    expect(before('islamic-umalqura', '2025-03-15', 12)).toBe('2024-03-25'); // 15 Ramadan
  });

  it('knows month lengths: 31, 30, 29 and a leap 30', () => {
    expect(monthLength('persian', gregorian('2026-04-01'))).toBe(31); // Farvardin 1405
    expect(monthLength('persian', gregorian('2026-10-01'))).toBe(30); // Mehr 1405
    expect(monthLength('persian', gregorian('2026-03-01'))).toBe(29); // Esfand 1404
    expect(monthLength('persian', gregorian('2025-03-01'))).toBe(30); // Esfand 1403
    expect(monthLength('islamic-umalqura', gregorian('2025-03-10'))).toBe(29); // Ramadan 1446
    expect(monthLength('gregory', gregorian('2028-02-10'))).toBe(29);
  });
});

describe('compare=previous_month and previous_year', () => {
  it('Aban 1405 in Tehran against all of Mehr 1405, not the 30 days before; against Aban 1404 a year before', () => {
    const aban = ['2026-10-22T20:30:00Z', '2026-11-21T20:30:00Z'] as const;
    expect(period('previous_month', 'persian', 'Asia/Tehran', ...aban)).toEqual(['2026-09-22T20:30:00Z', '2026-10-22T20:30:00Z']);
    expect(period('previous_year', 'persian', 'Asia/Tehran', ...aban)).toEqual(['2025-10-22T20:30:00Z', '2025-11-21T20:30:00Z']);
    // compare=previous keeps its meaning: the equally long stretch just before.
    expect(period('previous', 'persian', 'Asia/Tehran', ...aban)).toEqual(['2026-09-22T20:30:00Z', '2026-10-22T20:30:00Z']);
    // Mehr (30 days) against Shahrivar (31): the whole month, where previous would take 30 days.
    const mehr = ['2026-09-22T20:30:00Z', '2026-10-22T20:30:00Z'] as const;
    expect(period('previous_month', 'persian', 'Asia/Tehran', ...mehr)).toEqual(['2026-08-22T20:30:00Z', '2026-09-22T20:30:00Z']);
    expect(period('previous', 'persian', 'Asia/Tehran', ...mehr)).toEqual(['2026-08-23T20:30:00Z', '2026-09-22T20:30:00Z']);
  });

  it('Farvardin against Esfand: 29 days after a common year, 30 after the leap 1403', () => {
    expect(period('previous_month', 'persian', 'Asia/Tehran', '2026-03-20T20:30:00Z', '2026-04-20T20:30:00Z')).toEqual(['2026-02-19T20:30:00Z', '2026-03-20T20:30:00Z']);
    expect(period('previous_month', 'persian', 'Asia/Tehran', '2025-03-20T20:30:00Z', '2025-04-20T20:30:00Z')).toEqual(['2025-02-18T20:30:00Z', '2025-03-20T20:30:00Z']);
    // The single day 31 Farvardin 1405 against 29 Esfand 1404.
    expect(period('previous_month', 'persian', 'Asia/Tehran', '2026-04-19T20:30:00Z', '2026-04-20T20:30:00Z')).toEqual(['2026-03-19T20:30:00Z', '2026-03-20T20:30:00Z']);
    // The leap day 30 Esfand 1403 a year before: 29 Esfand 1402.
    expect(period('previous_year', 'persian', 'Asia/Tehran', '2025-03-19T20:30:00Z', '2025-03-20T20:30:00Z')).toEqual(['2024-03-18T20:30:00Z', '2024-03-19T20:30:00Z']);
  });

  it('gregory: February against January, 31 March against the last of February, Feb 29 against Feb 28', () => {
    expect(period('previous_month', 'gregory', 'UTC', '2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z')).toEqual(['2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z']);
    expect(period('previous_month', 'gregory', 'UTC', '2026-03-31T00:00:00Z', '2026-04-01T00:00:00Z')).toEqual(['2026-02-28T00:00:00Z', '2026-03-01T00:00:00Z']);
    expect(period('previous_month', 'gregory', 'UTC', '2028-03-31T00:00:00Z', '2028-04-01T00:00:00Z')).toEqual(['2028-02-29T00:00:00Z', '2028-03-01T00:00:00Z']);
    expect(period('previous_year', 'gregory', 'UTC', '2028-02-29T00:00:00Z', '2028-03-01T00:00:00Z')).toEqual(['2027-02-28T00:00:00Z', '2027-03-01T00:00:00Z']);
    expect(period('previous_year', 'gregory', 'UTC', '2028-02-01T00:00:00Z', '2028-03-01T00:00:00Z')).toEqual(['2027-02-01T00:00:00Z', '2027-03-01T00:00:00Z']);
    expect(period('previous_year', 'gregory', 'UTC', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).toEqual(['2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z']);
    // Two months against the two before them, shifted by one: they overlap, as asked.
    expect(period('previous_month', 'gregory', 'UTC', '2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z')).toEqual(['2025-12-01T00:00:00Z', '2026-02-01T00:00:00Z']);
  });

  it('keeps the local time of day, and follows the zone across a change of summer time', () => {
    expect(period('previous_month', 'gregory', 'UTC', '2026-03-31T12:00:00Z', '2026-04-01T00:00:00Z')).toEqual(['2026-02-28T12:00:00Z', '2026-03-01T00:00:00Z']);
    // 8 March 2026 in New York is 23 hours long (EST → EDT); 8 February is 24, at −05:00.
    expect(period('previous_month', 'gregory', 'America/New_York', '2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z')).toEqual(['2026-02-08T05:00:00Z', '2026-02-09T05:00:00Z']);
    // 09:15 local on 15 April (EDT, −04:00) is 09:15 local on 15 March (EDT since the 8th).
    expect(period('previous_month', 'gregory', 'America/New_York', '2026-04-15T13:15:00Z', '2026-04-16T04:00:00Z')).toEqual(['2026-03-15T13:15:00Z', '2026-03-16T04:00:00Z']);
  });

  it('islamic-umalqura in Riyadh: Shawwal 1446 against Ramadan (29 days); Ramadan 1446 against Ramadan 1445 (30 days)', () => {
    expect(period('previous_month', 'islamic-umalqura', 'Asia/Riyadh', '2025-03-29T21:00:00Z', '2025-04-28T21:00:00Z')).toEqual(['2025-02-28T21:00:00Z', '2025-03-29T21:00:00Z']);
    expect(period('previous_year', 'islamic-umalqura', 'Asia/Riyadh', '2025-02-28T21:00:00Z', '2025-03-29T21:00:00Z')).toEqual(['2024-03-10T21:00:00Z', '2024-04-09T21:00:00Z']);
  });

  it('refuses hours on month days the earlier month does not have, naming compare', () => {
    // 30 March 18:00 to 31 March 12:00 both fall on 28 February, the later hour first.
    const refused = () => period('previous_month', 'gregory', 'UTC', '2026-03-30T18:00:00Z', '2026-03-31T12:00:00Z');
    expect(refused).toThrow(InvalidParameter);
    expect(refused).toThrow(/^compare: /);
  });

  it('without compare there is no period', () => {
    expect(comparedPeriod({ tz: 'UTC' }, 0, 86_400_000)).toBeUndefined();
  });
});
