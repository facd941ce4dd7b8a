/** The analyst's scores query and its answer (docs/contract.md §4). */
import * as v from 'valibot';
import { CALENDARS, WEEK_STARTS } from '../calendar';
import { KINDS } from '../kinds';
import { type CalendarInterval, COMPARES, type Compare, INTERVALS, isTimeZone } from '../time';
import { CHANNELS, ChannelParam } from './channel';
import { DateParam, SurveyId, Touchpoint } from './common';
import { ReasonId } from './reasons';

export { COMPARES, INTERVALS };
export type { Compare };
export type Interval = CalendarInterval;
export const GROUP_BYS = ['touchpoint', 'locale', 'country', 'device', 'channel', 'reason'] as const;
/** What a `reason` filter combines with: the key columns of reason rows, and the reasons themselves. */
export const REASON_GROUP_BYS = ['touchpoint', 'channel', 'reason'] as const satisfies readonly GroupBy[];
export type GroupBy = (typeof GROUP_BYS)[number];

export const TimeZone = v.pipe(
  v.string(),
  v.check(isTimeZone, 'must be an IANA time zone such as UTC, Asia/Tehran or America/New_York'),
);

/** `GET /v1/sites/{site}/scores` query string. */
export const ScoresQuery = v.pipe(
  v.strictObject({
    kind: v.optional(v.picklist(KINDS, 'must be nps, csat or ces')),
    survey: v.optional(SurveyId),
    from: v.optional(DateParam),
    to: v.optional(DateParam),
    interval: v.optional(v.picklist(INTERVALS, 'must be hour, day, week or month')),
    tz: v.optional(TimeZone, 'UTC'),
    touchpoint: v.optional(Touchpoint),
    channel: v.optional(ChannelParam),
    /** Only answers with this reason (an option id). */
    reason: v.optional(ReasonId),
    group_by: v.optional(v.picklist(GROUP_BYS, `must be ${GROUP_BYS.join(', ')}`)),
    /** previous: the equally long period just before; previous_month / previous_year: the same calendar period a month or a year before, in `calendar` and `tz`. */
    compare: v.optional(v.picklist(COMPARES, `must be ${COMPARES.join(', ')}`)),
    /** Whose months `interval=month` counts and whose dates label the buckets. */
    calendar: v.optional(v.picklist(CALENDARS, 'must be gregory, persian or islamic-umalqura'), 'gregory'),
    /** First day of an `interval=week` bucket; default mon for gregory, sat otherwise. No effect on other intervals. */
    week_start: v.optional(v.picklist(WEEK_STARTS, 'must be mon, sat or sun')),
  }),
  v.forward(
    v.check((q) => q.kind !== undefined || q.survey !== undefined, 'is required unless survey is given'),
    ['kind'],
  ),
  // Reason rows carry touchpoint and channel, not who answered: they cannot be split by locale, country or device.
  v.forward(
    v.check(
      (q) => q.reason === undefined || q.group_by === undefined || (REASON_GROUP_BYS as readonly string[]).includes(q.group_by),
      `with reason, must be ${REASON_GROUP_BYS.join(', ')}`,
    ),
    ['group_by'],
  ),
);
export type ScoresQuery = v.InferOutput<typeof ScoresQuery>;

const Interval95 = v.nullable(v.tuple([v.number(), v.number()]));

/** What `response_rate` divides by (docs/contract.md §17): `shown` events, or links `sent`. */
export const RESPONSE_RATE_BASES = ['shown', 'sent'] as const;
export type ResponseRateBasis = (typeof RESPONSE_RATE_BASES)[number];

const exposure = {
  shown: v.number(),
  dismissed: v.number(),
  /** Links minted for the filtered link channel in the period (basis `sent` only). */
  sent: v.optional(v.number()),
  /** Web answers / shown (basis `shown`), or the channel's answers / sent; null when the denominator is 0. */
  response_rate: v.nullable(v.number()),
};

export const NpsMetrics = v.object({
  n: v.number(),
  score: v.nullable(v.number()),
  ci95: Interval95,
  promoters: v.number(),
  passives: v.number(),
  detractors: v.number(),
  distribution: v.array(v.number()),
});
export type NpsMetrics = v.InferOutput<typeof NpsMetrics>;

export const CsatMetrics = v.object({
  n: v.number(),
  score: v.nullable(v.number()),
  ci95: Interval95,
  satisfied: v.number(),
  mean: v.nullable(v.number()),
  distribution: v.array(v.number()),
});
export type CsatMetrics = v.InferOutput<typeof CsatMetrics>;

export const CesMetrics = v.object({
  n: v.number(),
  score: v.nullable(v.number()),
  ci95: Interval95,
  mean: v.nullable(v.number()),
  agree: v.number(),
  distribution: v.array(v.number()),
});
export type CesMetrics = v.InferOutput<typeof CesMetrics>;

export const Metrics = v.union([
  v.object({ ...NpsMetrics.entries, ...exposure }),
  v.object({ ...CsatMetrics.entries, ...exposure }),
  v.object({ ...CesMetrics.entries, ...exposure }),
]);
export type Metrics = v.InferOutput<typeof Metrics>;

/** Difference to the previous period and its two-sided p-value. */
export const Change = v.object({
  /** score − previous score; null when either side has no score. */
  score: v.nullable(v.number()),
  /** Two-sided p-value of "no change"; null when it cannot be computed. */
  p_value: v.nullable(v.number()),
  method: v.picklist(['nps-multinomial-z', 'two-proportion-z', 'welch-t']),
});
export type Change = v.InferOutput<typeof Change>;

const Compared = v.object({
  previous: v.optional(Metrics),
  change: v.optional(Change),
});

export const Total = v.intersect([Metrics, Compared]);
/** A bucket's first local day in the asked calendar, ASCII digits: `1404-09-01`. */
const DayLabel = v.pipe(v.string(), v.regex(/^\d{4,}-\d{2}-\d{2}$/));
export const Bucket = v.intersect([v.object({ start: v.string(), label: DayLabel }), Metrics]);
export const Group = v.intersect([v.object({ key: v.nullable(v.string()) }), Metrics, Compared]);

export const ScoresResult = v.object({
  site: v.string(),
  kind: v.picklist(KINDS),
  survey: v.optional(v.string()),
  from: v.string(),
  to: v.string(),
  tz: v.string(),
  interval: v.optional(v.picklist(INTERVALS)),
  /** With a series: the calendar of its months and labels. */
  calendar: v.optional(v.picklist(CALENDARS)),
  /** With weekly buckets: the day they start on. */
  week_start: v.optional(v.picklist(WEEK_STARTS)),
  touchpoint: v.optional(v.string()),
  channel: v.optional(v.picklist(CHANNELS)),
  reason: v.optional(v.string()),
  group_by: v.optional(v.picklist(GROUP_BYS)),
  previous_period: v.optional(v.object({ from: v.string(), to: v.string() })),
  /** The one basis of every response_rate in this answer. */
  response_rate_basis: v.picklist(RESPONSE_RATE_BASES),
  total: Total,
  series: v.optional(v.array(Bucket)),
  groups: v.optional(v.array(Group)),
});
export type ScoresResult = v.InferOutput<typeof ScoresResult>;
