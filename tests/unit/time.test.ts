import { describe, expect, it } from 'vitest';
import { bucketEdges, instantOf, isTimeZone, isoUtc, offsetAt, parseInstant, startOfDay } from '../../shared/time';

const at = (iso: string) => Date.parse(iso);
const edges = (tz: string, interval: 'hour' | 'day' | 'week' | 'month', from: string, to: string) =>
  bucketEdges(tz, interval, at(from), at(to), 10_000).map(isoUtc);
const HOUR = 3_600_000;

describe('time zones', () => {
  it('knows IANA zones and refuses others', () => {
    for (const tz of ['UTC', 'Asia/Tehran', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/New_York']) expect(isTimeZone(tz)).toBe(true);
    // Offsets Intl also takes (+00:07) would put local midnights off the 15-minute grid.
    for (const tz of ['', 'Mars/Base', 'Asia/Tehran2', 'x'.repeat(100), '+00:07', '-05:00', '+0330']) expect(isTimeZone(tz)).toBe(false);
  });

  it('reads offsets, including half- and three-quarter-hour ones', () => {
    expect(offsetAt('Asia/Tehran', at('2026-11-01T00:00:00Z'))).toBe(3.5 * HOUR);
    expect(offsetAt('Asia/Kolkata', at('2026-11-01T00:00:00Z'))).toBe(5.5 * HOUR);
    expect(offsetAt('Asia/Kathmandu', at('2026-11-01T00:00:00Z'))).toBe(5.75 * HOUR);
    expect(offsetAt('America/New_York', at('2026-07-01T00:00:00Z'))).toBe(-4 * HOUR);
  });

  it('finds the first instant of a day, even where midnight does not exist', () => {
    expect(isoUtc(startOfDay('Asia/Tehran', { y: 2026, m: 11, d: 1 }))).toBe('2026-10-31T20:30:00Z');
    // America/Santiago springs forward at midnight: 6 Sep 2026 starts at 01:00 local (-03).
    expect(isoUtc(startOfDay('America/Santiago', { y: 2026, m: 9, d: 6 }))).toBe('2026-09-06T04:00:00Z');
    // An autumn wall time that happens twice maps to its first occurrence.
    expect(isoUtc(instantOf('America/New_York', at('2026-11-01T01:30:00Z')))).toBe('2026-11-01T05:30:00Z');
  });
});

describe('bucket edges', () => {
  it('days in Asia/Tehran (+03:30) start at 20:30 UTC', () => {
    expect(edges('Asia/Tehran', 'day', '2026-10-31T20:30:00Z', '2026-11-03T20:30:00Z')).toEqual([
      '2026-10-31T20:30:00Z', '2026-11-01T20:30:00Z', '2026-11-02T20:30:00Z', '2026-11-03T20:30:00Z',
    ]);
  });

  it('days in Asia/Kolkata (+05:30) and Asia/Kathmandu (+05:45)', () => {
    expect(edges('Asia/Kolkata', 'day', '2026-11-01T00:00:00Z', '2026-11-03T00:00:00Z')).toEqual([
      '2026-11-01T00:00:00Z', '2026-11-01T18:30:00Z', '2026-11-02T18:30:00Z', '2026-11-03T00:00:00Z',
    ]);
    expect(edges('Asia/Kathmandu', 'day', '2026-11-01T00:00:00Z', '2026-11-03T00:00:00Z')).toEqual([
      '2026-11-01T00:00:00Z', '2026-11-01T18:15:00Z', '2026-11-02T18:15:00Z', '2026-11-03T00:00:00Z',
    ]);
  });

  it('America/New_York has a 23-hour and a 25-hour day', () => {
    const spring = edges('America/New_York', 'day', '2026-03-07T05:00:00Z', '2026-03-10T04:00:00Z');
    expect(spring).toEqual(['2026-03-07T05:00:00Z', '2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z', '2026-03-10T04:00:00Z']);
    expect((Date.parse(spring[2]!) - Date.parse(spring[1]!)) / HOUR).toBe(23);
    const autumn = edges('America/New_York', 'day', '2026-10-31T04:00:00Z', '2026-11-03T05:00:00Z');
    expect(autumn).toEqual(['2026-10-31T04:00:00Z', '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z', '2026-11-03T05:00:00Z']);
    expect((Date.parse(autumn[2]!) - Date.parse(autumn[1]!)) / HOUR).toBe(25);
  });

  it('hours are real hours: the repeated 01:00 of an autumn night is two buckets', () => {
    const hours = edges('America/New_York', 'hour', '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z');
    expect(hours).toHaveLength(26); // 25 buckets
    expect(hours.slice(0, 4)).toEqual(['2026-11-01T04:00:00Z', '2026-11-01T05:00:00Z', '2026-11-01T06:00:00Z', '2026-11-01T07:00:00Z']);
  });

  it('hours in a half-hour zone fall on :30 UTC', () => {
    expect(edges('Asia/Kolkata', 'hour', '2026-11-01T00:00:00Z', '2026-11-01T02:00:00Z')).toEqual([
      '2026-11-01T00:00:00Z', '2026-11-01T00:30:00Z', '2026-11-01T01:30:00Z', '2026-11-01T02:00:00Z',
    ]);
  });

  it('weeks start on Monday, local midnight', () => {
    // 1 Nov 2026 is a Sunday.
    expect(edges('Asia/Kathmandu', 'week', '2026-11-01T00:00:00Z', '2026-11-20T00:00:00Z')).toEqual([
      '2026-11-01T00:00:00Z', '2026-11-01T18:15:00Z', '2026-11-08T18:15:00Z', '2026-11-15T18:15:00Z', '2026-11-20T00:00:00Z',
    ]);
  });

  it('months start on the 1st, local midnight', () => {
    expect(edges('Asia/Tehran', 'month', '2026-01-15T00:00:00Z', '2026-04-20T00:00:00Z')).toEqual([
      '2026-01-15T00:00:00Z', '2026-01-31T20:30:00Z', '2026-02-28T20:30:00Z', '2026-03-31T20:30:00Z', '2026-04-20T00:00:00Z',
    ]);
    expect(edges('UTC', 'month', '2026-11-01T00:00:00Z', '2027-02-01T00:00:00Z')).toEqual([
      '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z', '2027-01-01T00:00:00Z', '2027-02-01T00:00:00Z',
    ]);
  });

  it('refuses to make more buckets than allowed', () => {
    expect(() => bucketEdges('UTC', 'hour', at('2026-01-01T00:00:00Z'), at('2026-02-01T00:00:00Z'), 100)).toThrow();
  });
});

describe('parseInstant', () => {
  it('reads dates and offset-less date-times in the zone, others as written', () => {
    expect(isoUtc(parseInstant('2026-11-01', 'Asia/Tehran')!)).toBe('2026-10-31T20:30:00Z');
    expect(isoUtc(parseInstant('2026-11-01T09:00', 'Asia/Kolkata')!)).toBe('2026-11-01T03:30:00Z');
    expect(isoUtc(parseInstant('2026-11-01T09:00:00Z', 'Asia/Kolkata')!)).toBe('2026-11-01T09:00:00Z');
    expect(isoUtc(parseInstant('2026-11-01T09:00:00+03:30', 'UTC')!)).toBe('2026-11-01T05:30:00Z');
    expect(parseInstant('2026-11-01T09:00:00.123Z', 'UTC')).toBe(Date.parse('2026-11-01T09:00:00.123Z'));
  });

  it('refuses impossible dates', () => {
    for (const text of ['2026-02-29', '2026-13-01', '2026-11-31', '2026-11-01T24:00', '2026-11-01T10:60', '1969-12-31', '2026-1-1', '2026-11-01T10:00+25:00']) {
      expect(parseInstant(text, 'UTC'), text).toBeNull();
    }
  });
});
