/**
 * Calendar arithmetic in any IANA time zone with nothing but `Intl`: local
 * day/week/month/hour boundaries as UTC instants, for bucketing scores.
 * Dates here are Gregorian; months and weeks of other calendars come from
 * shared/calendar.ts.
 *
 * Every offset in use since 1972 is a multiple of 15 minutes (Asia/Kathmandu
 * is +05:45), so every boundary computed here falls on a 15-minute UTC
 * instant, which is the finest rollup grain.
 */
import { type Calendar, type LocalDate, type WeekStart, dayOfMonth, daysToNextWeek, defaultWeekStart } from './calendar';

export const MINUTE = 60_000;
export const QUARTER = 15 * MINUTE;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export type { LocalDate };
interface Wall extends LocalDate {
  h: number;
  mi: number;
  s: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** True for any named zone `Intl` knows (`UTC`, `Asia/Tehran`, `America/New_York`…). */
export function isTimeZone(tz: string): boolean {
  // Named zones only: Intl also takes offsets such as "+00:07", whose midnights miss the 15-minute grid.
  if (tz.length === 0 || tz.length > 64 || /^[+-]/.test(tz)) return false;
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

function wall(tz: string, ms: number): Wall {
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(ms)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return { y: parts.year!, m: parts.month!, d: parts.day!, h: parts.hour! % 24, mi: parts.minute!, s: parts.second! };
}

/** Local wall-clock time of an instant, as if it were UTC (ms). */
function wallMs(tz: string, ms: number): number {
  const w = wall(tz, ms);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s);
}

/** UTC offset of `tz` at an instant, in ms (Tehran: +3.5 h). */
export function offsetAt(tz: string, ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallMs(tz, whole) - whole;
}

/**
 * The first instant whose local wall time is at or after `naive` (a wall time
 * written as if UTC). Where the wall time occurs twice (autumn DST) this is
 * the first occurrence; where it does not exist (spring gap) it is the
 * instant the clocks jumped.
 */
export function instantOf(tz: string, naive: number): number {
  // The answer lies within ±14 h of `naive`; sample the offset on both sides
  // so that one transition inside the window is seen.
  const a = naive - offsetAt(tz, naive - 14 * HOUR);
  const b = naive - offsetAt(tz, naive + 14 * HOUR);
  const exact = [a, b].filter((t) => wallMs(tz, t) === naive).sort((x, y) => x - y);
  if (exact.length > 0) return exact[0]!;
  // In a gap: binary-search the jump between the two candidates, to the minute.
  let lo = Math.min(a, b);
  let hi = Math.max(a, b);
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (wallMs(tz, mid) >= naive) hi = mid;
    else lo = mid;
  }
  return hi;
}

export function localDate(tz: string, ms: number): LocalDate {
  const { y, m, d } = wall(tz, ms);
  return { y, m, d };
}

/** Calendar date `days` after (or before) `date`. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** First instant of a local calendar day (local midnight, or the end of a gap over it). */
export function startOfDay(tz: string, date: LocalDate): number {
  return instantOf(tz, Date.UTC(date.y, date.m - 1, date.d));
}

/**
 * The Gregorian date on which the month of `calendar` after the one holding
 * `date` begins. No month of these calendars is shorter than 28 days or
 * longer than 31, so 31 days after the first of a month is among the first
 * four days of the next: step there, then back to its first day.
 */
export function nextMonthStart(calendar: Calendar, date: LocalDate): LocalDate {
  const first = addDays(date, 1 - dayOfMonth(calendar, date));
  const ahead = addDays(first, 31);
  return addDays(ahead, 1 - dayOfMonth(calendar, ahead));
}

export const INTERVALS = ['hour', 'day', 'week', 'month'] as const;
export type CalendarInterval = (typeof INTERVALS)[number];

/** What a period is compared with (docs/contract.md §17): the equally long stretch before, or the same days a calendar month or year before. */
export const COMPARES = ['previous', 'previous_month', 'previous_year'] as const;
export type Compare = (typeof COMPARES)[number];

export class TooManyBuckets extends Error {}

export interface BucketOptions {
  /** Whose months `month` buckets are (default `gregory`). */
  calendar?: Calendar;
  /** First day of a `week` bucket (default: the calendar's, Monday for `gregory`). */
  weekStart?: WeekStart;
}

/**
 * Bucket edges covering [from, to): `from`, every local interval start strictly
 * inside, then `to`. Bucket i is [edges[i], edges[i + 1]). Hours are real
 * hours (an autumn DST night has two buckets for 01:00); days, weeks (Monday
 * unless asked otherwise) and months (of the asked calendar) start at local
 * midnight.
 */
export function bucketEdges(
  tz: string,
  interval: CalendarInterval,
  from: number,
  to: number,
  maxBuckets: number,
  { calendar = 'gregory', weekStart = defaultWeekStart(calendar) }: BucketOptions = {},
): number[] {
  const edges = [from];
  const push = (t: number): boolean => {
    if (t >= to) return false;
    if (t > edges[edges.length - 1]!) edges.push(t);
    if (edges.length > maxBuckets) throw new TooManyBuckets();
    return true;
  };
  if (interval === 'hour') {
    // Step through 15-minute instants; a local hour starts where minutes read 0.
    for (let t = Math.floor(from / QUARTER) * QUARTER + QUARTER; t < to; t += QUARTER) {
      const w = wall(tz, t);
      if (w.mi === 0 && !push(t)) break;
    }
  } else {
    // The next start of a local day, week or month after a date.
    const nextStart: Record<Exclude<CalendarInterval, 'hour'>, (date: LocalDate) => LocalDate> = {
      day: (date) => addDays(date, 1),
      week: (date) => addDays(date, daysToNextWeek(date, weekStart)),
      month: (date) => nextMonthStart(calendar, date),
    };
    const next = nextStart[interval];
    let date = next(localDate(tz, from));
    while (push(startOfDay(tz, date))) date = next(date);
  }
  edges.push(to);
  return edges;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * An ISO date or date-time as an analyst writes it. Dates and date-times
 * without an offset are read in `tz`; returns null for impossible dates.
 */
export function parseInstant(text: string, tz: string): number | null {
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const [y, mo, d, h = 0, mi = 0, s = 0] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  const frac = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  const naive = Date.UTC(y!, mo! - 1, d!, h, mi, s, frac);
  const check = new Date(naive);
  if (check.getUTCMonth() !== mo! - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59 || y! < 1970) {
    return null;
  }
  const zone = m[8];
  if (zone === undefined) return instantOf(tz, naive);
  if (zone === 'Z') return naive;
  const sign = zone[0] === '-' ? -1 : 1;
  const [oh, om] = zone.slice(1).split(':').map(Number);
  if (oh! > 18 || om! > 59) return null;
  return naive - sign * (oh! * HOUR + om! * MINUTE);
}

export function floorQuarter(ms: number): number {
  return Math.floor(ms / QUARTER) * QUARTER;
}

/** `2026-11-01T00:00:00Z`: ISO 8601 in UTC, no milliseconds. */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
