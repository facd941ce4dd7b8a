/** Raw response export (docs/contract.md §4 `GET /v1/sites/{site}/responses`). */
import * as v from 'valibot';
import { CALENDARS } from '../calendar';
import { BANDS, KINDS } from '../kinds';
import { isSearchable, SEARCH_MIN_CHARACTERS } from '../text/fold';
import { normaliseTerm } from '../text/words';
import { DEVICES } from '../devices';
import { CHANNELS, ChannelParam } from './channel';
import { DateParam, Locale, SurveyId, Touchpoint, Uuid, limitParam, text } from './common';
import { ReasonId } from './reasons';
import { TimeZone } from './scores';

export const EXPORT_FORMATS = ['ndjson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
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
    /** Zone for date-only or offset-less from/to (default UTC); given, it adds the `local_time` column. */
    tz: v.optional(TimeZone),
    /** Adds the `local_date` column: the answer's local day (in `tz`) in this calendar. */
    calendar: v.optional(v.picklist(CALENDARS, 'must be gregory, persian or islamic-umalqura')),
    /** `0`: a CSV without the UTF-8 byte-order mark (spreadsheets need it to read UTF-8; some tools do not want it). */
    bom: v.optional(v.pipe(v.picklist(['0', '1'], 'must be 0 or 1'), v.transform((s) => s === '1')), '1'),
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
    /** The kind's band: detractor, passive or promoter (NPS), low or high (CSAT, CES); without a kind, of every kind that has it. */
    band: v.optional(v.picklist(BANDS, `must be ${BANDS.join(', ')}`)),
    min_score: v.optional(ScoreParam),
    max_score: v.optional(ScoreParam),
    touchpoint: v.optional(Touchpoint),
    /** Answers with this reason (an option id), as scores' `reason` filter. */
    reason: v.optional(ReasonId),
    /** Exact filters, as the breakdowns group answers (a breakdown's row opens its answers). */
    locale: v.optional(Locale),
    country: v.optional(v.pipe(v.string(), v.regex(/^[A-Z][A-Z0-9]$/, 'must be a two-letter country code such as IR'))),
    device: v.optional(v.picklist(DEVICES, `must be ${DEVICES.join(', ')}`)),
    /** Comments containing this, folded as docs/contract.md §4 says (shared/text/fold.ts); every kind unless one is asked. */
    q: v.optional(
      v.pipe(
        text(200),
        v.trim(),
        v.check(isSearchable, `must hold at least ${SEARCH_MIN_CHARACTERS} characters besides spaces, half-spaces, tatweel and diacritics`),
      ),
    ),
    /** A term of the themes (docs/contract.md §14): comments holding it in any of its spellings. */
    theme: v.optional(
      v.pipe(
        text(200),
        v.trim(),
        v.check((s) => normaliseTerm(s) !== null, 'must be one or two words that are not stop words, as the themes give them'),
        v.transform((s) => normaliseTerm(s)!),
      ),
    ),
    /** Only this answer (the console's link from a chat message opens it). */
    id: v.optional(Uuid),
  }),
  v.forward(
    v.check((q) => q.min_score === undefined || q.max_score === undefined || q.min_score <= q.max_score, 'must not be above max_score'),
    ['min_score'],
  ),
  v.forward(
    v.check((q) => !(q.q !== undefined && q.has_comment === false), 'searches comments: it cannot be combined with has_comment=false'),
    ['q'],
  ),
  v.forward(
    v.check((q) => !(q.theme !== undefined && q.has_comment === false), 'is found in comments: it cannot be combined with has_comment=false'),
    ['theme'],
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
  /** After the older columns, so that CSV readers that count columns keep working. */
  channel: v.picklist(CHANNELS),
  /** The reasons' option ids, as chosen after the score (CSV: a JSON array, as meta); null when none were. */
  reasons: v.nullable(v.array(v.string())),
  /** With `tz`: the local wall-clock time, ISO 8601 without an offset (`2026-11-01T09:30:00`). */
  local_time: v.optional(v.string()),
  /** With `calendar`: the local day in that calendar, `YYYY-MM-DD` in ASCII digits (`1405-08-01`). */
  local_date: v.optional(v.string()),
});
export type ExportedResponse = v.InferOutput<typeof ExportedResponse>;

/** The columns every export has, in order; `local_time` and `local_date` follow when asked for. */
export const EXPORT_COLUMNS = (Object.keys(ExportedResponse.entries) as (keyof ExportedResponse)[]).filter(
  (column) => column !== 'local_time' && column !== 'local_date',
);
