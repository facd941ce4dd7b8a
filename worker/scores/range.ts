/**
 * Turn the analyst's from / to / interval / tz into bucket edges, or say
 * which parameter is wrong (a plain error the route turns into a 400).
 */
import type { Calendar, WeekStart } from '../../shared/calendar';
import { monthsBefore } from '../../shared/months';
import type { Compare, Interval } from '../../shared/schemas/scores';
import {
  DAY,
  HOUR,
  type LocalDate,
  TooManyBuckets,
  addDays,
  bucketEdges,
  floorQuarter,
  instantOf,
  localDate,
  offsetAt,
  parseInstant,
  startOfDay,
} from '../../shared/time';

/** Longest range a query may span: three years (of 366 days, to allow leap years). */
export const MAX_RANGE_MS = 3 * 366 * DAY;
/** Most buckets one series may have (a year of hours fits). */
export const MAX_BUCKETS = 10_000;
export const DEFAULT_DAYS = 30;
const NOMINAL: Record<Interval, number> = { hour: HOUR, day: DAY, week: 7 * DAY, month: 28 * DAY };

/** A query parameter that cannot be used, and why. */
export class InvalidParameter extends Error {
  constructor(
    readonly parameter: string,
    readonly reason: string,
  ) {
    super(`${parameter}: ${reason}`);
  }
}

function invalid(parameter: string, message: string): InvalidParameter {
  return new InvalidParameter(parameter, message);
}

/** Dates on the wire are ISO 8601, hence Gregorian, whatever `calendar` names the buckets. */
export const NOT_A_DATE = 'is not a real date or time (ISO 8601: Gregorian, from 1970)';

function instant(parameter: string, text: string, tz: string): number {
  const t = parseInstant(text, tz);
  if (t === null) throw invalid(parameter, NOT_A_DATE);
  return t;
}

export interface RangeQuery {
  from?: string;
  to?: string;
  tz: string;
  interval?: Interval;
  /** Whose months `month` buckets are (default gregory). */
  calendar?: Calendar;
  /** First day of `week` buckets (default: the calendar's). */
  week_start?: WeekStart;
}

/**
 * Bucket edges in ms. Without `to`, the range ends at the next local midnight
 * (today is included); without `from`, it starts 30 local days before that.
 * Both ends are floored to 15 minutes, the finest rollup grain.
 */
export function resolveEdges(q: RangeQuery, now: number): number[] {
  // Read in the order they are written, so that a wrong `from` is named before `to`.
  const fromAsked = q.from !== undefined ? instant('from', q.from, q.tz) : undefined;
  const to = floorQuarter(q.to !== undefined ? instant('to', q.to, q.tz) : startOfDay(q.tz, addDays(localDate(q.tz, now), 1)));
  const from = floorQuarter(fromAsked ?? startOfDay(q.tz, addDays(localDate(q.tz, to - 1), 1 - DEFAULT_DAYS)));
  if (from >= to) throw invalid('from', 'must be before to');
  if (to - from > MAX_RANGE_MS) throw invalid('to', 'the range must not exceed 3 years');
  if (!q.interval) return [from, to];
  const tooMany = () =>
    invalid('interval', `gives more than ${MAX_BUCKETS} buckets over this range; use a longer interval or a shorter range`);
  // Cheap bound first: a local hour or day is never shorter than 23/24 of nominal.
  if ((to - from) / (NOMINAL[q.interval] * (23 / 24)) > MAX_BUCKETS + 1) throw tooMany();
  try {
    return bucketEdges(q.tz, q.interval, from, to, MAX_BUCKETS, { calendar: q.calendar, weekStart: q.week_start });
  } catch (error) {
    if (error instanceof TooManyBuckets) throw tooMany();
    throw error;
  }
}

export interface CompareQuery {
  compare?: Compare;
  tz: string;
  calendar?: Calendar;
}

const MONTHS_BEFORE: Record<Exclude<Compare, 'previous'>, number> = { previous_month: 1, previous_year: 12 };

/**
 * The period `compare` sets beside [from, to) (ms), or undefined without one.
 * `previous` is the equally long stretch just before. `previous_month` and
 * `previous_year` move each end to the same local time of the same day of
 * the month one month or one year (12 months) before, in `calendar` and
 * `tz` (shared/months.ts): Aban 1405 is compared with all of Mehr 1405. An
 * end at a local midnight is the day after the range's last day, so that
 * last day is moved instead: a month ending on its last day maps to a month
 * ending on its last day.
 */
export function comparedPeriod(q: CompareQuery, from: number, to: number): { from: number; to: number } | undefined {
  if (q.compare === undefined) return undefined;
  if (q.compare === 'previous') return { from: 2 * from - to, to: from };
  const months = MONTHS_BEFORE[q.compare];
  const before = (date: LocalDate) => monthsBefore(q.calendar ?? 'gregory', date, months);
  const moved = (ms: number, end: boolean): number => {
    const date = localDate(q.tz, ms);
    if (ms === startOfDay(q.tz, date)) return end ? startOfDay(q.tz, addDays(before(addDays(date, -1)), 1)) : startOfDay(q.tz, before(date));
    // The wall-clock time of day, kept on the day moved to.
    const time = ms + offsetAt(q.tz, ms) - Date.UTC(date.y, date.m - 1, date.d);
    const day = before(date);
    return instantOf(q.tz, Date.UTC(day.y, day.m - 1, day.d) + time);
  };
  const period = { from: floorQuarter(moved(from, false)), to: floorQuarter(moved(to, true)) };
  // Hours within the last days of a month that the earlier month lacks (30 March 18:00 to 31 March 12:00, both on 28 February).
  if (period.from >= period.to) throw invalid('compare', `leaves nothing to compare with: the range falls on days the earlier month does not have; use whole days or compare=previous`);
  return period;
}
