/** Raw response export (contract §4 `GET /v1/sites/{site}/responses`). */
import * as v from 'valibot';
import { KINDS } from '../kinds';
import { CHANNELS, ChannelParam } from './channel';
import { DateParam, SurveyId } from './common';
import { TimeZone } from './scores';

export const EXPORT_FORMATS = ['ndjson', 'csv'] as const;
export const EXPORT_MAX_LIMIT = 10_000;

export const ExportQuery = v.strictObject({
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
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,6}$/, `must be an integer between 1 and ${EXPORT_MAX_LIMIT}`),
      v.transform(Number),
      v.minValue(1, `must be an integer between 1 and ${EXPORT_MAX_LIMIT}`),
      v.maxValue(EXPORT_MAX_LIMIT, `must be an integer between 1 and ${EXPORT_MAX_LIMIT}`),
    ),
    '1000',
  ),
});
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
