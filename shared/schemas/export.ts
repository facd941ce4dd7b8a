/** Raw response export (docs/contract.md §4 `GET /v1/sites/{site}/responses`). */
import * as v from 'valibot';
import { KINDS } from '../kinds';
import { CHANNELS, ChannelParam } from './channel';
import { DateParam, SurveyId, Touchpoint, Uuid, limitParam, text } from './common';
import { TimeZone } from './scores';

export const EXPORT_FORMATS = ['ndjson', 'csv'] as const;
export const EXPORT_MAX_LIMIT = 10_000;

/** A score bound of the feed, 0–10 (the kind's own scale narrows what matches). */
const ScoreParam = v.pipe(
  v.string(),
  v.regex(/^\d{1,2}$/, 'must be an integer between 0 and 10'),
  v.transform(Number),
  v.maxValue(10, 'must be an integer between 0 and 10'),
);

/** `GET /v1/sites/{site}/responses`: an export of raw answers, or (newest first, filtered) a feed of comments. */
export const ExportQuery = v.pipe(
  v.strictObject({
    from: v.optional(DateParam),
    to: v.optional(DateParam),
    /** Zone for date-only or offset-less from/to (an addition to the contract). */
    tz: v.optional(TimeZone, 'UTC'),
    survey: v.optional(SurveyId),
    kind: v.optional(v.picklist(KINDS, 'must be nps, csat or ces')),
    channel: v.optional(ChannelParam),
    format: v.optional(v.picklist(EXPORT_FORMATS, 'must be ndjson or csv'), 'ndjson'),
    /** Opaque: copy it from the `Link: rel="next"` header. */
    cursor: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,200}$/, 'is not a cursor this API made'))),
    limit: v.optional(limitParam(EXPORT_MAX_LIMIT), '1000'),
    /** `desc`: newest first (a feed); the cursor follows the order. */
    order: v.optional(v.picklist(['asc', 'desc'], 'must be asc or desc'), 'asc'),
    has_comment: v.optional(v.pipe(v.picklist(['true', 'false'], 'must be true or false'), v.transform((s) => s === 'true'))),
    min_score: v.optional(ScoreParam),
    max_score: v.optional(ScoreParam),
    touchpoint: v.optional(Touchpoint),
    /** Comments containing this, ignoring case, Arabic/Persian letter variants, tatweel and ZWNJ. */
    q: v.optional(v.pipe(text(200), v.trim(), v.minLength(1, 'must not be blank'))),
    /** Only this answer (the console's link from a chat message opens it). */
    id: v.optional(Uuid),
  }),
  v.forward(
    v.check((q) => q.min_score === undefined || q.max_score === undefined || q.min_score <= q.max_score, 'must not be above max_score'),
    ['min_score'],
  ),
);
export type ExportQuery = v.InferOutput<typeof ExportQuery>;

/** One exported response (an NDJSON line; CSV has the same columns, meta as JSON). */
export const ExportedResponse = v.object({
  id: v.string(),
  survey: v.string(),
  kind: v.picklist(KINDS),
  score: v.number(),
  comment: v.nullable(v.string()),
  touchpoint: v.nullable(v.string()),
  locale: v.nullable(v.string()),
  page: v.nullable(v.string()),
  user: v.nullable(v.string()),
  meta: v.nullable(v.record(v.string(), v.union([v.string(), v.number(), v.boolean()]))),
  country: v.nullable(v.string()),
  device: v.string(),
  created_at: v.string(),
  commented_at: v.nullable(v.string()),
  /** Last, so that CSV readers that count columns keep working. */
  channel: v.picklist(CHANNELS),
});
export type ExportedResponse = v.InferOutput<typeof ExportedResponse>;

export const EXPORT_COLUMNS = Object.keys(ExportedResponse.entries) as (keyof ExportedResponse)[];
