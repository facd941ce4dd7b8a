/**
 * Local calendars, read with nothing but `Intl`: the Gregorian calendar, the
 * Solar Hijri calendar of Iran (`persian`) and the Umm al-Qura calendar of
 * Saudi Arabia (`islamic-umalqura`), and which weekday a week starts on.
 *
 * A day is the same day in every calendar; only its name differs. So bucket
 * edges are still found on Gregorian local dates (shared/time.ts), and a
 * calendar is asked only two things: the day of its month a date falls on
 * (to find month starts) and the date's name (the bucket label).
 */
export const CALENDARS = ['gregory', 'persian', 'islamic-umalqura'] as const;
export type Calendar = (typeof CALENDARS)[number];

export const WEEK_STARTS = ['mon', 'sat', 'sun'] as const;
export type WeekStart = (typeof WEEK_STARTS)[number];

/** A date as a calendar numbers it: year, month (1..12) and day (1..31). */
export interface CalendarDate {
  y: number;
  m: number;
  d: number;
}

/** A Gregorian date in some time zone, as shared/time.ts reckons bucket edges on them. */
export type LocalDate = CalendarDate;

/**
 * The week as people who use the calendar count it: Monday (ISO 8601) with
 * the Gregorian calendar, Saturday in Iran and across the Arab world.
 */
const WEEK_START: Record<Calendar, WeekStart> = { gregory: 'mon', persian: 'sat', 'islamic-umalqura': 'sat' };

export function defaultWeekStart(calendar: Calendar): WeekStart {
  return WEEK_START[calendar];
}

/** Weekday numbers as `Date.prototype.getUTCDay` counts them (Sunday = 0). */
const WEEKDAY: Record<WeekStart, number> = { sun: 0, mon: 1, sat: 6 };

/** Days from a Gregorian date to the next start of a week (1..7: never the date itself). */
export function daysToNextWeek(date: LocalDate, weekStart: WeekStart): number {
  const weekday = new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay();
  return ((WEEKDAY[weekStart] - weekday + 6) % 7) + 1;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string, calendar: Calendar): Intl.DateTimeFormat {
  const key = `${calendar} ${tz}`;
  let f = formatters.get(key);
  if (!f) {
    // `latn` digits whatever the locale's default, so the parts read as numbers.
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, calendar, numberingSystem: 'latn', year: 'numeric', month: 'numeric', day: 'numeric' });
    formatters.set(key, f);
  }
  return f;
}

function partsOf(f: Intl.DateTimeFormat, ms: number): CalendarDate {
  let y = NaN;
  let m = NaN;
  let d = NaN;
  for (const p of f.formatToParts(ms)) {
    if (p.type === 'year') y = Number(p.value);
    else if (p.type === 'month') m = Number(p.value);
    else if (p.type === 'day') d = Number(p.value);
  }
  return { y, m, d };
}

/** The local date of an instant in `tz`, as `calendar` names it. */
export function calendarDateAt(tz: string, calendar: Calendar, ms: number): CalendarDate {
  return partsOf(formatter(tz, calendar), ms);
}

/** A Gregorian date as `calendar` names it. */
export function toCalendar(calendar: Calendar, date: LocalDate): CalendarDate {
  if (calendar === 'gregory') return { y: date.y, m: date.m, d: date.d };
  return partsOf(formatter('UTC', calendar), Date.UTC(date.y, date.m - 1, date.d));
}

/** The day of its month that a Gregorian date is in `calendar` (1 on the first). */
export function dayOfMonth(calendar: Calendar, date: LocalDate): number {
  return toCalendar(calendar, date).d;
}

/** `1404-09-01`: a calendar date with ASCII digits, whatever the calendar. */
export function dayLabel(date: CalendarDate): string {
  return `${String(date.y).padStart(4, '0')}-${String(date.m).padStart(2, '0')}-${String(date.d).padStart(2, '0')}`;
}

/**
 * The label of each bucket of `edges` (all but the last edge): the local day
 * of its start in `tz`, named in `calendar`. A first bucket that starts
 * mid-period (at `from`) gets the day of `from`; an hour, the day it is in.
 */
export function bucketLabels(tz: string, calendar: Calendar, edges: readonly number[]): string[] {
  const f = formatter(tz, calendar);
  const labels: string[] = [];
  for (let i = 0; i < edges.length - 1; i++) labels.push(dayLabel(partsOf(f, edges[i]!)));
  return labels;
}
