/**
 * The analyst's filters, read from the URL (state/route.ts) with their
 * defaults: site, survey or kind, range, time zone (the browser's), interval,
 * calendar (the console language's), week start, touchpoint, channel and
 * what the change is measured against.
 */
import { computed } from '@preact/signals';
import { CALENDARS, type Calendar, WEEK_STARTS } from '../../shared/calendar';
import { KINDS } from '../../shared/kinds';
import { monthsBefore, monthStart, quarterStart, yearStart } from '../../shared/months';
import { CHANNELS } from '../../shared/channels';
import { addDays, type Compare, COMPARES, INTERVALS, isTimeZone, type LocalDate, localDate } from '../../shared/time';
import type { AnswerFilters } from '../api/analyst';
import { lang, type Lang } from '../i18n/lang';
import { route } from './route';
import { onlySite } from './session';

/** Days back from today, whole months of the chosen calendar, or dates chosen by hand. */
export const RANGES = ['7d', '30d', '90d', '365d', 'month', 'last-month', 'quarter', 'year', 'custom'] as const;
export type Range = (typeof RANGES)[number];

/** Persian readers count in Solar Hijri months; English and Arabic default to Gregorian. */
export const DEFAULT_CALENDAR: Record<Lang, Calendar> = { en: 'gregory', fa: 'persian', ar: 'gregory' };

export const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** What the requests are about (api/analyst.ts), and how the range was chosen. */
export interface Filters extends AnswerFilters {
  range: Range;
  /** A zone the URL asked for that this browser (or the API) does not know; `tz` is then UTC. */
  unknownZone: string | null;
}

export const isoDate = (d: LocalDate) => `${String(d.y).padStart(4, '0')}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;

export function parseDate(iso: string): LocalDate | null {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return y && m && d ? { y, m, d } : null;
}

/** The last `days` local days in `tz`, today included: [from, to). */
export function lastDays(days: number, tz: string, now = Date.now()): { from: string; to: string } {
  const tomorrow = addDays(localDate(tz, now), 1);
  return { from: isoDate(addDays(tomorrow, -days)), to: isoDate(tomorrow) };
}

/** Where this month, quarter or year of a calendar begins, and where the whole month before this one does. */
const PERIOD_START: Record<'month' | 'last-month' | 'quarter' | 'year', (calendar: Calendar, today: LocalDate) => LocalDate> = {
  month: monthStart,
  'last-month': (calendar, today) => monthsBefore(calendar, monthStart(calendar, today), 1),
  quarter: quarterStart,
  year: yearStart,
};

/**
 * A preset's local dates in `tz`, [from, to): the last N days with today, or
 * this month, quarter or year of `calendar` up to today, or the whole month
 * before this one.
 */
export function presetRange(range: Exclude<Range, 'custom'>, tz: string, calendar: Calendar, now = Date.now()): { from: string; to: string } {
  if (range.endsWith('d')) return lastDays(Number(range.slice(0, -1)), tz, now);
  const today = localDate(tz, now);
  const period = range as keyof typeof PERIOD_START;
  return {
    from: isoDate(PERIOD_START[period](calendar, today)),
    to: isoDate(period == 'last-month' ? monthStart(calendar, today) : addDays(today, 1)),
  };
}

/** A month's worth of days or a year's: what a range may be compared with, beside the equally long stretch before it. */
export function comparesFor(from: string, to: string): Compare[] {
  const days = (Date.parse(to.slice(0, 10)) - Date.parse(from.slice(0, 10))) / 86_400_000;
  return COMPARES.filter((c) => c == 'previous' || (c == 'previous_month' ? days <= 31 : days <= 366));
}

/** Months are compared with the month before, a year with the year before; the rest with the stretch before. */
const DEFAULT_COMPARE: Partial<Record<Range, Compare>> = { month: 'previous_month', 'last-month': 'previous_month', year: 'previous_year' };

/** The analyst parameters that travel between analyst views (the navigation's links, a number opening its comments). */
const KEPT = ['site', 'survey', 'kind', 'range', 'from', 'to', 'tz', 'interval', 'calendar', 'week', 'touchpoint', 'channel', 'compare', 'band', 'q', 'theme', 'locale', 'country', 'device', 'reason', 'answers'];

export function kept(): Record<string, string | undefined> {
  const p = route.value.params;
  return Object.fromEntries(KEPT.map((name) => [name, p[name]]));
}

function pick<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

export const filters = computed<Filters>(() => {
  const p = route.value.params;
  // A zone no one knows (a typo, an old link) must not stop every view: UTC, and said so beside the control.
  const asked = p.tz || browserZone();
  const tz = isTimeZone(asked) ? asked : 'UTC';
  const calendar = pick(p.calendar, CALENDARS, DEFAULT_CALENDAR[lang.value]);
  const range = pick(p.range, RANGES, p.from && p.to ? 'custom' : '30d');
  const span = range == 'custom' ? { from: p.from ?? '', to: p.to ?? '' } : presetRange(range, tz, calendar);
  const compares = comparesFor(span.from, span.to);
  return {
    site: p.site || onlySite.value || '',
    survey: p.survey ?? '',
    kind: pick(p.kind, KINDS, 'nps'),
    // Named in the URL: views that can read every kind (comments, export) read only it.
    kindChosen: (KINDS as readonly string[]).includes(p.kind ?? ''),
    range,
    ...span,
    tz,
    unknownZone: tz == asked ? null : asked,
    interval: pick(p.interval, INTERVALS, 'day'),
    calendar,
    week: (WEEK_STARTS as readonly string[]).includes(p.week ?? '') ? p.week! : '',
    touchpoint: p.touchpoint ?? '',
    channel: (CHANNELS as readonly string[]).includes(p.channel ?? '') ? p.channel! : '',
    // Among those the range allows.
    compare: pick(p.compare, compares, pick(DEFAULT_COMPARE[range], compares, 'previous')),
  };
});
