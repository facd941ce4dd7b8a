/**
 * Whole months of a calendar (gregory, persian, islamic-umalqura), with
 * nothing but `Intl`: where the month holding a date starts, how long it is,
 * and the same day some months before. Dates are Gregorian local dates, as
 * everywhere in shared/time.ts; a calendar only names them.
 *
 * Months differ in length (Farvardin 31 days, Mehr 30, Esfand 29 or 30 in a
 * leap year; an Umm al-Qura month 29 or 30), so "the same day a month
 * before" needs two rules: a day the earlier month does not have becomes its
 * last day (31 Farvardin → 29 Esfand), and a month's last day stays a last
 * day (30 Mehr → 31 Shahrivar, 28 February → 31 January), so that a whole
 * month always maps to a whole month.
 */
import { type Calendar, type CalendarDate, dayOfMonth, toCalendar } from './calendar';
import { type LocalDate, addDays, nextMonthStart } from './time';

/** The first day of the month of `calendar` that holds `date`. */
export function monthStart(calendar: Calendar, date: LocalDate): LocalDate {
  return addDays(date, 1 - dayOfMonth(calendar, date));
}

/** Days in the month of `calendar` that holds `date`. */
export function monthLength(calendar: Calendar, date: LocalDate): number {
  return dayOfMonth(calendar, addDays(nextMonthStart(calendar, date), -1));
}

/**
 * The same day of the month `months` months before `date` (12: a year, in
 * calendars of 12 months), by the two rules above.
 */
export function monthsBefore(calendar: Calendar, date: LocalDate, months: number): LocalDate {
  if (months === 0) return date;
  const day = dayOfMonth(calendar, date);
  const isLast = day === monthLength(calendar, date);
  let first = monthStart(calendar, date);
  let length = 0;
  for (let i = 0; i < months; i++) {
    const last = addDays(first, -1);
    length = dayOfMonth(calendar, last);
    first = addDays(last, 1 - length);
  }
  return addDays(first, (isLast ? length : Math.min(day, length)) - 1);
}

/** The first day of the quarter (months 1–3, 4–6, 7–9, 10–12 of `calendar`'s year) that holds `date`. */
export function quarterStart(calendar: Calendar, date: LocalDate): LocalDate {
  return monthsBefore(calendar, monthStart(calendar, date), (toCalendar(calendar, date).m - 1) % 3);
}

/** The first day of `calendar`'s year (1 January, 1 Farvardin, 1 Muharram) that holds `date`. */
export function yearStart(calendar: Calendar, date: LocalDate): LocalDate {
  return monthsBefore(calendar, monthStart(calendar, date), toCalendar(calendar, date).m - 1);
}

/** Mean days of a month: a solar year's twelfth, or a lunar month. */
const MEAN_MONTH: Record<Calendar, number> = { gregory: 30.44, persian: 30.44, 'islamic-umalqura': 29.53 };

/**
 * The Gregorian date that `calendar` names `date` (the inverse of
 * toCalendar); a day past the end of its month is the month's last day.
 * From the middle of the month of `near`, step whole months by their mean
 * length to the middle of the asked month (a few steps: the middle of a month
 * is two weeks from either end, more than the steps drift), then count days.
 */
export function fromCalendar(calendar: Calendar, date: CalendarDate, near: LocalDate = { y: 2026, m: 1, d: 1 }): LocalDate {
  let middle = addDays(monthStart(calendar, near), 14);
  for (let step = 0; step < 10; step++) {
    const at = toCalendar(calendar, middle);
    const months = (date.y - at.y) * 12 + (date.m - at.m);
    if (months === 0) break;
    middle = addDays(monthStart(calendar, addDays(middle, Math.round(months * MEAN_MONTH[calendar]))), 14);
  }
  const first = monthStart(calendar, middle);
  return addDays(first, Math.min(Math.max(date.d, 1), monthLength(calendar, first)) - 1);
}
