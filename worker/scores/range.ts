/**
 * Turn the analyst's from / to / interval / tz into bucket edges, or say
 * which parameter is wrong (a plain error the route turns into a 400).
 */
import type { Calendar, WeekStart } from '../../shared/calendar';
import type { Interval } from '../../shared/schemas/scores';
import { DAY, HOUR, TooManyBuckets, addDays, bucketEdges, floorQuarter, localDate, parseInstant, startOfDay } from '../../shared/time';

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

function instant(parameter: string, text: string, tz: string): number {
  const t = parseInstant(text, tz);
  if (t === null) throw invalid(parameter, 'is not a real date or time');
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
  const to = floorQuarter(q.to !== undefined ? instant('to', q.to, q.tz) : startOfDay(q.tz, addDays(localDate(q.tz, now), 1)));
  const from = floorQuarter(
    q.from !== undefined ? instant('from', q.from, q.tz) : startOfDay(q.tz, addDays(localDate(q.tz, to - 1), 1 - DEFAULT_DAYS)),
  );
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
