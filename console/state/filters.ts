/**
 * The analyst's filters, read from the URL (state/route.ts) with their
 * defaults: site, survey or kind, range, time zone (the browser's), interval,
 * calendar (the console language's), week start, touchpoint and channel.
 */
import { computed } from '@preact/signals';
import { CALENDARS, type Calendar, WEEK_STARTS } from '../../shared/calendar';
import { KINDS } from '../../shared/kinds';
import { CHANNELS } from '../../shared/schemas/channel';
import { addDays, INTERVALS, isTimeZone, localDate } from '../../shared/time';
import type { AnswerFilters } from '../api/analyst';
import { lang, type Lang } from '../i18n/lang';
import { route } from './route';
import { session } from './session';

export const RANGES = ['7d', '30d', '90d', '365d', 'custom'] as const;
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

const iso = (d: { y: number; m: number; d: number }) =>
  `${String(d.y).padStart(4, '0')}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;

/** The last `days` local days in `tz`, today included: [from, to). */
export function lastDays(days: number, tz: string, now = Date.now()): { from: string; to: string } {
  const tomorrow = addDays(localDate(tz, now), 1);
  return { from: iso(addDays(tomorrow, -days)), to: iso(tomorrow) };
}

function pick<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

export const filters = computed<Filters>(() => {
  const p = route.value.params;
  // A zone no one knows (a typo, an old link) must not stop every view: UTC, and said so beside the control.
  const asked = p.tz || browserZone();
  const tz = isTimeZone(asked) ? asked : 'UTC';
  const range = pick(p.range, RANGES, p.from && p.to ? 'custom' : '30d');
  const days = range == 'custom' ? null : Number(range.slice(0, -1));
  const span = days === null ? { from: p.from ?? '', to: p.to ?? '' } : lastDays(days, tz);
  return {
    site: p.site || session.value?.site || '',
    survey: p.survey ?? '',
    kind: pick(p.kind, KINDS, 'nps'),
    range,
    ...span,
    tz,
    unknownZone: tz == asked ? null : asked,
    interval: pick(p.interval, INTERVALS, 'day'),
    calendar: pick(p.calendar, CALENDARS, DEFAULT_CALENDAR[lang.value]),
    week: (WEEK_STARTS as readonly string[]).includes(p.week ?? '') ? p.week! : '',
    touchpoint: p.touchpoint ?? '',
    channel: (CHANNELS as readonly string[]).includes(p.channel ?? '') ? p.channel! : '',
  };
});
