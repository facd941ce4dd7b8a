/** Comment themes: what the unhappy talk about, what the happy praise (docs/contract.md §14). */
import * as v from 'valibot';
import { KINDS } from '../kinds';
import { CHANNELS, ChannelParam } from './channel';
import { DateParam, Locale, SurveyId, Touchpoint, limitParam } from './common';
import { CesMetrics, CsatMetrics, NpsMetrics, TimeZone } from './scores';

export const THEME_SIDES = ['low', 'high'] as const;
export type ThemeSide = (typeof THEME_SIDES)[number];
export const THEMES_MAX_LIMIT = 100;

/** `GET /v1/sites/{site}/themes` query string. */
export const ThemesQuery = v.pipe(
  v.strictObject({
    kind: v.optional(v.picklist(KINDS, 'must be nps, csat or ces')),
    survey: v.optional(SurveyId),
    from: v.optional(DateParam),
    to: v.optional(DateParam),
    tz: v.optional(TimeZone, 'UTC'),
    touchpoint: v.optional(Touchpoint),
    channel: v.optional(ChannelParam),
    locale: v.optional(Locale),
    /** `low`: what the low band says more than the rest; `high`: what it says less (the rest's praise). */
    side: v.optional(v.picklist(THEME_SIDES, 'must be low or high'), 'low'),
    limit: v.optional(limitParam(THEMES_MAX_LIMIT), '20'),
  }),
  v.forward(
    v.check((q) => q.kind !== undefined || q.survey !== undefined, 'is required unless survey is given'),
    ['kind'],
  ),
);
export type ThemesQuery = v.InferOutput<typeof ThemesQuery>;

/** The metric of the answers whose comment holds a term: a scores group's fields, without exposure. */
export const ThemeScore = v.union([NpsMetrics, CsatMetrics, CesMetrics]);
export type ThemeScore = v.InferOutput<typeof ThemeScore>;

export const ThemeTerm = v.object({
  /** Folded and stemmed: the key for the feed's `theme`. */
  term: v.string(),
  /** Spellings seen, most used first: show forms[0]. */
  forms: v.array(v.string()),
  /** Comments holding the term, and how they split between the low band and the rest. */
  count: v.number(),
  low: v.number(),
  rest: v.number(),
  /** Weighted log-odds ratio, low band against the rest, over its standard error. */
  z: v.number(),
  score: ThemeScore,
  /** Up to three answers holding it, newest first. */
  examples: v.array(v.string()),
});
export type ThemeTerm = v.InferOutput<typeof ThemeTerm>;

export const ThemesResult = v.object({
  site: v.string(),
  kind: v.picklist(KINDS),
  survey: v.optional(v.string()),
  from: v.string(),
  to: v.string(),
  tz: v.string(),
  touchpoint: v.optional(v.string()),
  channel: v.optional(v.picklist(CHANNELS)),
  locale: v.optional(v.string()),
  side: v.picklist(THEME_SIDES),
  /** Comments read, and how many of them are in the low band. */
  comments: v.number(),
  low: v.number(),
  rest: v.number(),
  /** True when the range held more comments than one answer reads: the newest were read. */
  partial: v.boolean(),
  terms: v.array(ThemeTerm),
});
export type ThemesResult = v.InferOutput<typeof ThemesResult>;
