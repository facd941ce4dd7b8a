/**
 * A day picked in the chosen calendar: day, month (named in the console's
 * language) and year, three native selects (a wheel on a phone, arrow keys
 * on a desktop), in reading order. The value is the Gregorian date the URL
 * and the API take; shared/months.ts converts both ways with Intl alone.
 */
import { h } from 'preact';
import type { Calendar } from '../../shared/calendar';
import { toCalendar } from '../../shared/calendar';
import { fromCalendar, monthLength } from '../../shared/months';
import { localDate, nextMonthStart } from '../../shared/time';
import { formatDate, formatPlain } from '../i18n/format';
import { t } from '../i18n/strings';
import { isoDate, parseDate } from '../state/filters';

/** Years offered: these many back from this one (and the value's, if older). */
const YEARS_BACK = 5;
const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

export interface DatePickerProps {
  id: string;
  label: string;
  /** YYYY-MM-DD, Gregorian. */
  value: string;
  calendar: Calendar;
  onChange: (iso: string) => void;
  describedBy?: string;
}

export function DatePicker({ id, label, value, calendar, onChange, describedBy }: DatePickerProps) {
  const today = localDate('UTC', Date.now());
  const date = parseDate(value) ?? today;
  const shown = toCalendar(calendar, date);
  const last = toCalendar(calendar, today).y;
  const set = (change: Partial<typeof shown>) => onChange(isoDate(fromCalendar(calendar, { ...shown, ...change }, date)));
  const years: number[] = [];
  for (let y = Math.min(shown.y, last - YEARS_BACK); y <= Math.max(shown.y, last); y++) years.push(y);
  // The months of the shown year, by name: from its first day, one month start after another.
  const months: string[] = [];
  for (let start = fromCalendar(calendar, { y: shown.y, m: 1, d: 1 }, date); months.length < 12; start = nextMonthStart(calendar, start)) {
    months.push(formatDate(Date.UTC(start.y, start.m - 1, start.d, 12), 'UTC', calendar, 'monthName'));
  }
  const days = Array.from({ length: monthLength(calendar, date) }, (_, i) => i + 1);
  const select = (part: 'day' | 'month' | 'year', key: 'd' | 'm' | 'y', options: number[], name: (n: number) => string) => (
    <select aria-label={`${label}: ${t(`date.${part}`)}`} value={shown[key]} onChange={(e) => set({ [key]: Number(e.currentTarget.value) })} aria-describedby={describedBy}>
      {options.map((n) => (
        <option value={n}>{name(n)}</option>
      ))}
    </select>
  );
  return (
    <span class="date-picker" role="group" aria-labelledby={`${id}-label`} id={id}>
      <span id={`${id}-label`} class="date-label">
        {label}
      </span>
      {select('day', 'd', days, formatPlain)}
      {select('month', 'm', MONTHS, (m) => months[m - 1]!)}
      {select('year', 'y', years, formatPlain)}
    </span>
  );
}
