/** Analyst endpoints (read key or admin token), typed with shared/'s schemas. */
import type { Calendar } from '../../shared/calendar';
import type { Kind } from '../../shared/kinds';
import type { ExportedResponse, ExportFormat } from '../../shared/schemas/export';
import type { Compare, Interval, ScoresResult } from '../../shared/schemas/scores';
import type { SiteMeta } from '../../shared/schemas/site';
import type { ThemeSide, ThemesResult } from '../../shared/schemas/themes';
import { addDays } from '../../shared/time';
import { getJson, nextLink, request, withQuery } from './client';
import { segment } from './path';

export type { ScoresResult };
export type Bucket = NonNullable<ScoresResult['series']>[number];
export type Group = NonNullable<ScoresResult['groups']>[number];

/** Which answers a request is about, as the analyst's filters say it (state/filters.ts fills in the defaults). */
export interface AnswerFilters {
  site: string;
  /** One survey, else every survey of `kind`. */
  survey: string;
  kind: Kind;
  /** False when no kind was chosen: the feed and the export then read every kind. */
  kindChosen: boolean;
  /** Local dates in `tz`, YYYY-MM-DD; `to` is exclusive. */
  from: string;
  to: string;
  tz: string;
  interval: Interval;
  calendar: Calendar;
  /** A week start (`mon`, `sat`, `sun`), or '' for the calendar's own. */
  week: string;
  touchpoint: string;
  /** web (the widget), email, sms, qr or link; '' for all. */
  channel: string;
  /** What a change is measured against (docs/contract.md §17). */
  compare: Compare;
}

/** What selects the answers: one survey, else every survey of a kind. */
export function subject(f: AnswerFilters): { survey?: string; kind?: Kind } {
  return f.survey ? { survey: f.survey } : { kind: f.kind };
}

/** What the feed and the export read: one survey, the kind chosen, or every kind. */
function answersOf(f: AnswerFilters): { survey?: string; kind?: Kind } {
  return f.survey || f.kindChosen ? subject(f) : {};
}

const site = (f: AnswerFilters) => `/v1/sites/${segment('site', f.site)}`;

/** What the dashboard adds to the filters for one request. */
export interface ScoresExtra {
  interval?: Interval;
  group_by?: string;
  compare?: boolean;
  /** Overrides of the range (parts of a long hourly series). */
  from?: string;
  to?: string;
  /** The journey shows every touchpoint, whatever the filter. */
  allTouchpoints?: boolean;
}

export function scoresQuery(f: AnswerFilters, extra: ScoresExtra = {}): Record<string, string | undefined> {
  return {
    ...subject(f),
    from: extra.from ?? f.from,
    to: extra.to ?? f.to,
    tz: f.tz,
    touchpoint: extra.allTouchpoints ? undefined : f.touchpoint || undefined,
    channel: f.channel || undefined,
    interval: extra.interval,
    // Calendar and week start shape buckets and calendar comparisons only; the API's defaults are left implicit.
    calendar: (extra.interval || (extra.compare && f.compare != 'previous')) && f.calendar != 'gregory' ? f.calendar : undefined,
    week_start: extra.interval == 'week' && f.week ? f.week : undefined,
    group_by: extra.group_by,
    compare: extra.compare ? f.compare : undefined,
  };
}

export function fetchScores(f: AnswerFilters, extra: ScoresExtra, signal?: AbortSignal): Promise<ScoresResult> {
  return getJson<ScoresResult>(`${site(f)}/scores`, { query: scoresQuery(f, extra), signal });
}

export function fetchMeta(siteKey: string, signal?: AbortSignal): Promise<SiteMeta> {
  return getJson<SiteMeta>(`/v1/sites/${segment('site', siteKey)}/meta`, { signal });
}

/** The API's ceiling on buckets in one series. */
export const MAX_BUCKETS = 10_000;
/** Hourly series longer than this are fetched in parts of this many days, so that progress can be shown. */
export const PART_DAYS = 31;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

function shiftDate(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const next = addDays({ y, m, d }, days);
  return `${next.y}-${String(next.m).padStart(2, '0')}-${String(next.d).padStart(2, '0')}`;
}

/**
 * The series of the filters' interval. A long hourly series (a year is 8,760
 * buckets) comes in monthly parts, each reported to `progress`; local days
 * never straddle a part, so the parts join into exactly the one long series.
 * A range over the API's bucket ceiling is asked for whole, so that the API
 * says why it refuses.
 */
export async function fetchSeries(
  f: AnswerFilters,
  progress: (done: number, parts: number) => void,
  signal?: AbortSignal,
): Promise<Bucket[]> {
  const days = daysBetween(f.from, f.to);
  const split = f.interval == 'hour' && days > PART_DAYS && days * 24 <= MAX_BUCKETS;
  if (!split) {
    progress(0, 1);
    const result = await fetchScores(f, { interval: f.interval }, signal);
    progress(1, 1);
    return result.series ?? [];
  }
  const parts: { from: string; to: string }[] = [];
  for (let start = f.from; start < f.to; start = shiftDate(start, PART_DAYS)) {
    const end = shiftDate(start, PART_DAYS);
    parts.push({ from: start, to: end < f.to ? end : f.to });
  }
  const series: Bucket[] = [];
  progress(0, parts.length);
  for (const [i, part] of parts.entries()) {
    const result = await fetchScores(f, { interval: 'hour', ...part }, signal);
    series.push(...(result.series ?? []));
    progress(i + 1, parts.length);
  }
  return series;
}

/** How many terms each side of the Themes view lists. */
export const THEMES_SHOWN = 15;

/** The comment themes of one side (what the low band says more, or less) under the filters. */
export function fetchThemes(f: AnswerFilters, side: ThemeSide, signal?: AbortSignal): Promise<ThemesResult> {
  return getJson<ThemesResult>(`${site(f)}/themes`, {
    query: { ...subject(f), from: f.from, to: f.to, tz: f.tz, touchpoint: f.touchpoint || undefined, channel: f.channel || undefined, side, limit: String(THEMES_SHOWN) },
    signal,
  });
}

/** Filters of the comments feed, beyond the analyst's. */
export interface CommentFilters {
  /** A score band of the kind (of every kind that has it, when none is chosen). */
  band?: string;
  q?: string;
  /** A term of the themes: comments holding it in any spelling. */
  theme?: string;
  /** A breakdown's row: answers of one language, country, device or reason. */
  locale?: string;
  country?: string;
  device?: string;
  reason?: string;
  /** Every answer, with or without a comment. */
  all?: boolean;
}

export interface CommentPage {
  responses: ExportedResponse[];
  /** Where the next page is, if more remain. */
  next: string | null;
}

export const COMMENTS_PAGE = 50;

function parseNdjson(text: string): ExportedResponse[] {
  return text
    .split('\n')
    .filter((line) => line.trim() != '')
    .map((line) => JSON.parse(line) as ExportedResponse);
}

/**
 * The API reads a bounded stretch of answers per request, so a search that
 * matches little gives short (even empty) pages with a Link to carry on:
 * follow them until a page's worth is found, at most this many requests.
 */
const FOLLOW_MAX = 20;

/** One answer by its id (a chat message's link), comment or not, whatever its date; null when it is not there (erased). */
export async function fetchAnswer(siteKey: string, id: string, signal?: AbortSignal): Promise<ExportedResponse | null> {
  const response = await request(withQuery(`/v1/sites/${encodeURIComponent(siteKey)}/responses`, { id, limit: 1 }), { signal });
  return parseNdjson(await response.text())[0] ?? null;
}

/** Newest comments first, a page at a time; `next` continues where the last page ended. */
export async function fetchComments(f: AnswerFilters, c: CommentFilters, next: string | null, signal?: AbortSignal): Promise<CommentPage> {
  const page: CommentPage = { responses: [], next };
  let url: string | null = next ?? firstCommentsUrl(f, c);
  for (let requests = 0; url && requests < FOLLOW_MAX && page.responses.length < COMMENTS_PAGE; requests++) {
    const response = await request(url, { signal });
    page.responses.push(...parseNdjson(await response.text()));
    url = page.next = nextLink(response);
  }
  return page;
}

function firstCommentsUrl(f: AnswerFilters, c: CommentFilters): string {
  return withQuery(`${site(f)}/responses`, {
    ...answersOf(f),
    from: f.from,
    to: f.to,
    tz: f.tz,
    has_comment: c.all ? undefined : 'true',
    order: 'desc',
    limit: COMMENTS_PAGE,
    band: c.band,
    touchpoint: f.touchpoint,
    channel: f.channel,
    locale: c.locale,
    country: c.country,
    device: c.device,
    reason: c.reason,
    q: c.q,
    theme: c.theme,
  });
}

/**
 * The export request of the current filters (the comments view's too: band,
 * text, theme, a breakdown's row): every answer, oldest first, with the local
 * time in the chosen zone and the date in the chosen calendar as the last
 * columns.
 */
export function exportUrl(f: AnswerFilters, format: ExportFormat, c: CommentFilters = {}): string {
  return withQuery(`${site(f)}/responses`, {
    ...answersOf(f),
    from: f.from,
    to: f.to,
    tz: f.tz,
    calendar: f.calendar,
    touchpoint: f.touchpoint,
    channel: f.channel,
    band: c.band,
    locale: c.locale,
    country: c.country,
    device: c.device,
    reason: c.reason,
    q: c.q,
    theme: c.theme,
    format,
    limit: 10_000,
  });
}
