/**
 * Numbers and dates in the console's language, through Intl only: digits in
 * the language's own script (Persian ۰–۹, Arabic-Indic ٠–٩), dates in the
 * chosen calendar and time zone. Numbers from the API are rounded here, for
 * display only.
 */
import type { Kind } from '../../shared/kinds';
import type { Calendar } from '../../shared/calendar';
import type { TouchpointLabels } from '../../shared/schemas/site';
import { lang, type Lang } from './lang';

/** Each language's digits. Chromium's ICU gives bare `ar` Latin digits, so they are asked for by name. */
const NUMBERING: Record<Lang, string> = { en: 'latn', fa: 'arabext', ar: 'arab' };

/** A BCP 47 tag for Intl: the language, its digits and, for dates, a calendar. */
export function localeTag(calendar?: Calendar, language: Lang = lang.value): string {
  return `${language}-u-${calendar ? `ca-${calendar}-` : ''}nu-${NUMBERING[language]}`;
}

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = lang.value + JSON.stringify(options);
  let format = cache.get(key);
  if (!format) cache.set(key, (format = new Intl.NumberFormat(localeTag(), options)));
  return format;
}

export function formatNumber(n: number, digits = 0): string {
  // 'negative': −0.4 rounds to 0, not to a "-0" that reads as a sign without a value.
  return numberFormat({ maximumFractionDigits: digits, minimumFractionDigits: digits, signDisplay: 'negative' }).format(n);
}

/** A year or a day of the month: digits only, no grouping (۱۴۰۵, not ۱٬۴۰۵). */
export function formatPlain(n: number): string {
  return numberFormat({ useGrouping: false }).format(n);
}

/** A share (0–1) as a percentage. */
export function formatPercent(share: number, digits = 1): string {
  return numberFormat({ style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(share);
}

/** Decimals a kind's score is shown with: NPS and CSAT in whole points, the CES mean to two places. */
export const SCORE_DIGITS: Record<Kind, number> = { nps: 0, csat: 0, ces: 2 };

export function formatScore(kind: Kind, score: number | null): string {
  if (score === null) return '–';
  // CSAT is a share of satisfied answers: a percentage, with the language's own sign and placement.
  return kind == 'csat' ? formatPercent(score / 100, 0) : formatNumber(score, SCORE_DIGITS[kind]);
}

/**
 * An interval as "29 – 45" in the kind's units, low end first in reading
 * order. Each end is isolated (LRI … PDI): a negative low end in fa or ar
 * would otherwise pull the whole interval into one left-to-right run and
 * read high to low.
 */
export function formatInterval(kind: Kind, ci: [number, number] | null): string {
  if (!ci) return '–';
  return `${isolated(formatNumber(ci[0], SCORE_DIGITS[kind]))} – ${isolated(formatNumber(ci[1], SCORE_DIGITS[kind]))}`;
}

/** A number (or a URL, a slug) set inside right-to-left text as one left-to-right run (LRI … PDI): −67 stays −67, never 67−. */
export function isolated(text: string): string {
  return `\u2066${text}\u2069`;
}

/** A change with its sign (+4, −3), one more decimal than the score. */
export function formatChange(kind: Kind, delta: number): string {
  const digits = SCORE_DIGITS[kind] + 1;
  return numberFormat({ signDisplay: 'exceptZero', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(delta);
}

/**
 * A p-value with its relation: "= 0.123", or "< 0.001"; four decimals near
 * 0.05, so that a value called significant never reads as 0.050.
 */
export function formatP(p: number): string {
  if (p < 0.001) return `< ${formatNumber(0.001, 3)}`;
  return `= ${formatNumber(p, p >= 0.0495 && p < 0.0505 ? 4 : 3)}`;
}

export type DateStyle = 'day' | 'short' | 'month' | 'monthName' | 'hour' | 'stamp';

const DATE_OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  day: { dateStyle: 'medium' },
  short: { month: 'short', day: 'numeric' },
  month: { year: 'numeric', month: 'long' },
  monthName: { month: 'long' },
  hour: { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  stamp: { dateStyle: 'medium', timeStyle: 'short' },
};

const dates = new Map<string, Intl.DateTimeFormat>();

/** An instant (ms) as a date in the zone and calendar, in the console's language. */
export function formatDate(ms: number, tz: string, calendar: Calendar, style: DateStyle = 'day'): string {
  const key = `${lang.value} ${calendar} ${tz} ${style}`;
  let format = dates.get(key);
  if (!format) dates.set(key, (format = new Intl.DateTimeFormat(localeTag(calendar), { ...DATE_OPTIONS[style], timeZone: tz })));
  return format.format(ms);
}

/**
 * A range's ends as the URL holds them (local dates, YYYY-MM-DD, Gregorian as
 * the API takes them; or local times, YYYY-MM-DDTHH:MM, for an hour opened
 * from the trend), shown in the chosen calendar as a reader names a period:
 * dates from the first day to the last (`to` is the day after it), times
 * from start to end.
 */
export function formatRange(from: string, to: string, calendar: Calendar): { from: string; to: string } {
  const wall = (iso: string, days = 0): number => {
    const [y, m, d, hh = 12, mm = 0] = iso.split(/[-T:]/).map(Number);
    return Date.UTC(y!, m! - 1, d! + days, hh, mm);
  };
  const times = to.includes('T');
  const format = (iso: string, days?: number) =>
    /^\d{4}-\d{2}-\d{2}/.test(iso) ? formatDate(wall(iso, days), 'UTC', calendar, times ? 'stamp' : 'day') : iso;
  return { from: format(from), to: format(to, times ? 0 : -1) };
}

/** A touchpoint's name in the console's language, as the site's admin set it, else its slug. */
export function labelOf(labels: TouchpointLabels | undefined, slug: string): string {
  return labels?.[slug]?.[lang.value] ?? slug;
}

/** Display names of languages and regions ("fa" → "Persian" / "فارسی"). */
export function displayName(type: 'language' | 'region', code: string): string {
  try {
    return new Intl.DisplayNames([lang.value], { type, fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}
